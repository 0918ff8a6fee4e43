"""The organisations and areas named in the seed document, each with its real type.

Addresses are given only to the municipality: we do not invent street addresses for real bodies.
"""

from __future__ import annotations

from tsunagu.organisations.models import Area, Office, Organisation
from tsunagu.organisations.models import OrganisationType as T

KUSHIRO = "釧路市"
TOWNS = ("釧路町", "厚岸町", "浜中町", "標茶町", "弟子屈町", "鶴居村", "白糠町")

# (name, reading); the districts of Kushiro city used by the hub and its sub-committees.
KUSHIRO_DISTRICTS = (
    ("中央", "ちゅうおう"),
    ("美原", "みはら"),
    ("元町", "もとまち"),
    ("音別", "おんべつ"),
    ("阿寒", "あかん"),
    ("鳥取", "とっとり"),
    ("大楽毛", "おたのしけ"),
    ("星が浦", "ほしがうら"),
    ("愛国", "あいこく"),
    ("春採", "はるとり"),
    ("桜ケ岡", "さくらがおか"),
    ("武佐", "むさ"),
    ("昭和", "しょうわ"),
    ("城山", "しろやま"),
)
TOWN_READINGS = {
    "釧路町": "くしろちょう",
    "厚岸町": "あっけしちょう",
    "浜中町": "はまなかちょう",
    "標茶町": "しべちゃちょう",
    "弟子屈町": "てしかがちょう",
    "鶴居村": "つるいむら",
    "白糠町": "しらぬかちょう",
}

# Street names by district and the county (郡) of each town, for synthetic addresses.
STREETS = {
    "中央": ("北大通", "末広町", "黒金町", "錦町"), "美原": ("美原",), "元町": ("元町",),
    "音別": ("音別町本町", "音別町中園"), "阿寒": ("阿寒町中央", "阿寒町新町"), "鳥取": ("鳥取南", "鳥取北"),
    "大楽毛": ("大楽毛", "大楽毛南"), "星が浦": ("星が浦大通", "星が浦南"), "愛国": ("愛国東", "愛国西"),
    "春採": ("春採",), "桜ケ岡": ("桜ケ岡",), "武佐": ("武佐",), "昭和": ("昭和中央", "昭和町"), "城山": ("城山",),
}  # fmt: skip
COUNTIES = {
    "釧路町": "釧路郡", "厚岸町": "厚岸郡", "浜中町": "厚岸郡", "標茶町": "川上郡", "弟子屈町": "川上郡",
    "鶴居村": "阿寒郡", "白糠町": "白糠郡",
}  # fmt: skip

HUB_NAME = "一般社団法人 釧路社会的企業創造協議会"
CITY_WELFARE_OFFICE = "釧路市生活福祉事務所"
ZOO_ASSOCIATION = "NPO法人 動物園協会"

# (name, reading, type, area, description)
ORGANISATIONS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        HUB_NAME,
        "くしろしゃかいてききぎょうそうぞうきょうぎかい",
        T.HUB,
        "中央",
        "自立相談支援・就労準備支援・被保護者就労準備支援を受託し、無料職業紹介（許可）を行う地域のハブ",
    ),
    (
        CITY_WELFARE_OFFICE,
        "くしろしせいかつふくしじむしょ",
        T.MUNICIPALITY,
        "中央",
        "生活保護・ケースワーカー",
    ),
    (
        "釧路市役所 庁内関係課",
        "くしろしやくしょ ちょうないかんけいか",
        T.MUNICIPALITY,
        "中央",
        "生活困窮者庁内連携連絡会議（全18課）",
    ),
    (
        "北海道 釧路総合振興局",
        "ほっかいどう くしろそうごうしんこうきょく",
        T.MUNICIPALITY,
        "中央",
        "自立相談支援事業の委託元（北海道）",
    ),
    ("NPO法人 ぴーぷる", "ぴーぷる", T.NPO, "", "知的障がい者授産施設作業体験プログラムの受入先"),
    (
        "いずみの里",
        "いずみのさと",
        T.DISABILITY_SERVICE,
        "",
        "精神障がい者授産施設作業体験プログラムの受入先",
    ),
    ("NPO法人 ふまねっと", "ふまねっと", T.NPO, "", "ふまねっとサポーター活動体験事業の受入先"),
    (ZOO_ASSOCIATION, "どうぶつえんきょうかい", T.NPO, "阿寒", "動物園環境整備ボランティア体験事業の受入先"),
    (
        "公益財団法人 釧路市公園緑化協会",
        "くしろしこうえんりょくかきょうかい",
        T.FOUNDATION,
        "",
        "公園管理ボランティア体験事業の受入先",
    ),
    (
        "NPO法人 おおぞらネットワーク",
        "おおぞらねっとわーく",
        T.NPO,
        "",
        "障がい者作業所等ボランティア体験事業の受入先",
    ),
    (
        "ケアコートひまわり",
        "けあこーとひまわり",
        T.CARE_FACILITY,
        "",
        "介護施設・デイサービスボランティア体験事業の受入先",
    ),
    ("わたすげ", "わたすげ", T.CARE_FACILITY, "", "介護施設・デイサービスボランティア体験事業の受入先"),
    (
        "はまなすの家",
        "はまなすのいえ",
        T.CARE_FACILITY,
        "",
        "介護施設・デイサービスボランティア体験事業の受入先",
    ),
    (
        "ニチイケアセンター",
        "にちいけあせんたー",
        T.CARE_FACILITY,
        "",
        "介護施設・デイサービスボランティア体験事業の受入先",
    ),
    ("星が浦病院", "ほしがうらびょういん", T.HOSPITAL, "星が浦", "病院ボランティア体験事業の受入先"),
    ("釧路脳神経外科", "くしろのうしんけいげか", T.HOSPITAL, "", "病院ボランティア体験事業の受入先"),
    (
        "釧路孝仁会記念病院",
        "くしろこうじんかいきねんびょういん",
        T.HOSPITAL,
        "",
        "病院ボランティア体験事業の受入先",
    ),
    ("白樺台病院", "しらかばだいびょういん", T.HOSPITAL, "", "病院ボランティア体験事業の受入先"),
    (
        "NPO法人 地域生活支援ネットワークサロン",
        "ちいきせいかつしえんねっとわーくさろん",
        T.NPO,
        "",
        "「アトリエななみ」手伝い（雑巾縫いほか）の受入先",
    ),
    ("株式会社ビケンワーク", "びけんわーく", T.COMPANY, "", "インターンシップ事業の受入企業"),
    ("KCMコーポレーション", "けーしーえむこーぽれーしょん", T.COMPANY, "", "インターンシップ事業の受入企業"),
    (
        "ハローワーク釧路",
        "はろーわーくくしろ",
        T.PUBLIC_AGENCY,
        "",
        "生活保護受給者等就労自立促進事業の連携先",
    ),
    ("法テラス釧路", "ほうてらすくしろ", T.PUBLIC_AGENCY, "", "日本司法支援センター（債務・法律相談）"),
    ("釧路市社会福祉協議会", "くしろししゃかいふくしきょうぎかい", T.SOCIAL_WELFARE_COUNCIL, "", ""),
    (
        "釧路市地域包括支援センター",
        "くしろしちいきほうかつしえんせんたー",
        T.PUBLIC_AGENCY,
        "",
        "高齢者の総合相談",
    ),
    *(
        (
            f"{town}社会福祉協議会",
            f"{TOWN_READINGS[town]}しゃかいふくしきょうぎかい",
            T.SOCIAL_WELFARE_COUNCIL,
            town,
            "管内7町村社協",
        )
        for town in TOWNS
    ),
    (
        "大地みらい信用金庫",
        "だいちみらいしんようきんこ",
        T.FINANCIAL_INSTITUTION,
        "",
        "音別ふき蕗団：新規開拓支援",
    ),
    (
        "おんべつ学園",
        "おんべつがくえん",
        T.DISABILITY_SERVICE,
        "音別",
        "音別ふき蕗団：労務の提供・障害者支援",
    ),
    ("せっせ", "せっせ", T.NPO, "", "音別ふき蕗団：支援相談員の派遣（作業の見守り）"),
    ("美警", "びけい", T.COMPANY, "音別", "音別ふき蕗団：加工工場の稼働・蕗の加工商品開発（地域の民間企業）"),
    (
        "CLAPS creative",
        "くらっぷす くりえいてぃぶ",
        T.COMPANY,
        "",
        "東京の関係人口：マーケティング・ブランディング支援",
    ),
    (
        "釧路市民生委員児童委員協議会",
        "くしろしみんせいいいんじどういいんきょうぎかい",
        T.COMMUNITY_GROUP,
        "",
        "民生委員",
    ),
    ("釧路地区保護司会", "くしろちくほごしかい", T.COMMUNITY_GROUP, "", "保護司"),
    ("みはらかがやき食堂", "みはらかがやきしょくどう", T.COMMUNITY_GROUP, "美原", "地域食堂（美原部会）"),
    ("お寺食堂", "おてらしょくどう", T.COMMUNITY_GROUP, "", "地域食堂"),
    (
        "音別ふき蕗団",
        "おんべつふきふきだん",
        T.COMMUNITY_GROUP,
        "音別",
        "蕗の栽培を通した多様な働き方の場（音別部会）",
    ),
)

# Offices besides the main one, for organisations whose staff use Tsunagu.
EXTRA_OFFICES = {HUB_NAME: ("音別サテライト",)}


def load_areas() -> dict[str, Area]:
    areas = {}
    for order, (name, reading) in enumerate(KUSHIRO_DISTRICTS):
        areas[name], _ = Area.objects.get_or_create(
            name=name, defaults={"reading": reading, "municipality": KUSHIRO, "sort_order": order}
        )
    for order, town in enumerate(TOWNS, start=100):
        areas[town], _ = Area.objects.get_or_create(
            name=town, defaults={"reading": TOWN_READINGS[town], "municipality": town, "sort_order": order}
        )
    return areas


def load_organisations() -> dict[str, Organisation]:
    """Create the seed's organisations (idempotent), each with a main office."""
    areas = load_areas()
    organisations = {}
    for name, reading, type_, area, description in ORGANISATIONS:
        municipality = area if area in TOWNS else KUSHIRO
        organisation, created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "reading": reading,
                "type": type_,
                "area": areas.get(area),
                "address": f"北海道{municipality}" if name != "CLAPS creative" else "東京都",
                "description": description,
            },
        )
        if created:
            Office.objects.create(organisation=organisation, name="本所")
        for office_name in EXTRA_OFFICES.get(name, ()):
            Office.objects.get_or_create(organisation=organisation, name=office_name)
        organisations[name] = organisation
    # Imported here: directory.py fills what these organisations offer, and names them from this module.
    from tsunagu.sampledata.directory import load_directory

    load_directory(organisations, areas)
    return organisations
