"""The seed directory's services, locations, opening hours and contacts, and the city's departments as
units of the city.

The organisations and their roles come from the seed document (organisations.py); what they offer here is
sample data, realistic but not taken from the seed, and says so ("サンプル"). Street addresses are given only
to the city hall, a public address; phone numbers are in the unused range 0154-00-xxxx and e-mails at
example.jp, so that nothing here reaches a real body.
"""

from __future__ import annotations

import datetime as dt

from tsunagu.organisations.models import (
    STAGE_FIELDS,
    Area,
    Contact,
    Location,
    OpeningTime,
    Organisation,
    OrganisationType,
    Service,
    ServiceType,
)

SAMPLE = "（サンプル）"
CITY = "釧路市役所 庁内関係課"
CITY_HALL = ("085-8505", "釧路市", "黒金町7丁目5番地")

# (code, name): the configurable list of service types, in display order.
SERVICE_TYPES = (
    ("consultation", "総合相談"),
    ("legal", "法律・債務の相談"),
    ("household_finance", "家計改善支援"),
    ("livelihood", "生活保護・生活費"),
    ("loan", "生活福祉資金の貸付"),
    ("housing", "住まいの支援"),
    ("food", "食の支援（フードバンク・地域食堂）"),
    ("employment_preparation", "就労準備支援"),
    ("employment", "就労支援・職業紹介"),
    ("volunteering", "ボランティア・社会参加"),
    ("elderly_care", "高齢者の相談・介護"),
    ("disability", "障がい福祉"),
    ("health", "保健・医療"),
    ("child_family", "子ども・家庭の支援"),
    ("tax_payment", "税・料金の納付相談"),
    ("other", "その他"),
)

# The city's departments in the 庁内連携 (sample: the seed counts 18 without naming them).
CITY_DEPARTMENTS = (
    ("釧路市 納税課", "くしろし のうぜいか", "tax_payment", "市税の納付相談", "daily_life"),
    ("釧路市 国保年金課", "くしろし こくほねんきんか", "health", "国民健康保険料・年金の相談", "daily_life"),
    ("釧路市 住宅課", "くしろし じゅうたくか", "housing", "市営住宅の入居相談", "daily_life social_life"),
    ("釧路市 障がい福祉課", "くしろし しょうがいふくしか", "disability", "障がい福祉サービスの相談", "daily_life social_life"),
    ("釧路市 介護高齢課", "くしろし かいごこうれいか", "elderly_care", "介護保険の相談", "daily_life"),
    ("釧路市 こども支援課", "くしろし こどもしえんか", "child_family", "子育て・ひとり親家庭の相談", "daily_life social_life"),
    ("釧路市 健康推進課", "くしろし けんこうすいしんか", "health", "こころと体の健康相談", "daily_life"),
    ("釧路市 商業労政課", "くしろし しょうぎょうろうせいか", "employment", "地域の雇用・就労相談", "employment"),
)  # fmt: skip

WEEKDAYS = (0, 1, 2, 3, 4)
OFFICE_HOURS = (dt.time(8, 45), dt.time(17, 15))


# organisation → [(service, type, stages, eligibility, fees, description)], location (area, city), hours
SERVICES: dict[str, list[tuple[str, str, str, str, str, str]]] = {
    "一般社団法人 釧路社会的企業創造協議会": [
        ("自立相談支援", "consultation", "daily_life social_life employment", "生活にお困りの方どなたでも", "無料", "困りごとを丸ごと受け止め、支援計画をつくる"),
        ("就労準備支援", "employment_preparation", "social_life employment", "すぐに就労が難しい方", "無料", "生活習慣・社会参加・就労体験の段階的支援"),
        ("家計改善支援", "household_finance", "daily_life social_life", "家計の立て直しが必要な方", "無料", "家計表づくりと滞納の整理"),
        ("無料職業紹介", "employment", "employment", "求職中の相談者", "無料", "地域の事業所への職業紹介"),
    ],
    "釧路市生活福祉事務所": [
        ("生活保護の相談・申請", "livelihood", "daily_life", "生活に困窮する方", "無料", "保護の相談と申請の受付"),
    ],
    "法テラス釧路": [
        ("法律相談（民事法律扶助）", "legal", "daily_life social_life", "収入・資産が一定額以下の方", "無料（同一問題3回まで）", "借金・離婚・相続などの法律相談"),
        ("弁護士費用の立替え", "legal", "daily_life", "法律相談援助を受けた方", "分割返済", "債務整理などの費用の立替え"),
    ],
    "ハローワーク釧路": [
        ("職業相談・職業紹介", "employment", "social_life employment", "求職中の方", "無料", "求人の紹介と応募の支援"),
        ("生活保護受給者等就労自立促進事業", "employment", "employment", "生活保護受給者・生活困窮者", "無料", "自治体と一体の就労支援チーム"),
    ],
    "釧路市地域包括支援センター": [
        ("高齢者の総合相談", "elderly_care", "daily_life", "65歳以上の方とその家族", "無料", "介護・権利擁護・見守りの相談"),
    ],
    "釧路市社会福祉協議会": [
        ("生活福祉資金の貸付", "loan", "daily_life social_life", "低所得世帯・高齢者世帯・障がい者世帯", "無利子または低利", "緊急小口資金・総合支援資金"),
        ("フードバンク", "food", "daily_life", "食料に困っている方（相談機関の紹介）", "無料", "食品の提供"),
    ],
    "みはらかがやき食堂": [
        ("地域食堂", "food", "daily_life social_life", "どなたでも", "大人300円・子ども無料", "美原地区の地域食堂"),
    ],
    "お寺食堂": [
        ("お寺食堂", "food", "daily_life social_life", "どなたでも", "無料", "月2回の食事会"),
    ],
    "NPO法人 ふまねっと": [
        ("ふまねっとサポーター活動", "volunteering", "social_life", "どなたでも", "無料", "高齢者の健康教室を支えるボランティア"),
    ],
    "NPO法人 動物園協会": [
        ("動物園環境整備ボランティア", "volunteering", "social_life employment", "就労準備支援の参加者", "無料", "園内の清掃・整備"),
    ],
}  # fmt: skip
TOWN_COUNCIL_SERVICES = [
    ("総合相談", "consultation", "daily_life social_life", "町村内にお住まいの方", "無料", "暮らしの困りごとの相談"),
    ("生活福祉資金の貸付", "loan", "daily_life social_life", "低所得世帯など", "無利子または低利", "貸付の相談と申請"),
]  # fmt: skip
# Services that keep hours of their own (the rest follow their location's).
SERVICE_HOURS = {
    "地域食堂": [(2, dt.time(11, 30), dt.time(13, 30))],
    "お寺食堂": [(5, dt.time(11, 0), dt.time(13, 0))],
}


def load_service_types() -> dict[str, ServiceType]:
    types = {}
    for order, (code, name) in enumerate(SERVICE_TYPES):
        types[code], _ = ServiceType.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )
    return types


def _location(organisation: Organisation, areas: dict[str, Area]) -> Location:
    area = organisation.area
    municipality = area.municipality if area else "釧路市"
    postal, city, line = (
        CITY_HALL if organisation.type == OrganisationType.MUNICIPALITY else ("", municipality, "")
    )
    location, created = Location.objects.get_or_create(
        organisation=organisation,
        name=f"{organisation.name.split()[-1]} 窓口",
        defaults={
            "postal_code": postal,
            "city": city,
            "address_line": line,
            "area": area or areas.get("中央"),
            "description": SAMPLE,
        },
    )
    if created:
        OpeningTime.objects.bulk_create(
            OpeningTime(location=location, weekday=day, opens=OFFICE_HOURS[0], closes=OFFICE_HOURS[1])
            for day in WEEKDAYS
        )
    return location


def _services(organisation, location, rows, types) -> None:
    for name, type_code, stages, eligibility, fees, description in rows:
        service, created = Service.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={
                "service_type": types[type_code],
                "eligibility": eligibility,
                "fees": fees,
                "description": f"{description}{SAMPLE}",
                **{STAGE_FIELDS[stage]: True for stage in stages.split()},
            },
        )
        if created:
            service.locations.add(location)
            OpeningTime.objects.bulk_create(
                OpeningTime(service=service, weekday=day, opens=opens, closes=closes)
                for day, opens, closes in SERVICE_HOURS.get(name, ())
            )


def _contact(organisation: Organisation, number: int) -> None:
    Contact.objects.get_or_create(
        organisation=organisation,
        name="代表窓口",
        defaults={
            "department": SAMPLE,
            "phone": f"0154-00-{number:04d}",
            "email": f"contact{number:03d}@example.jp",
        },
    )


def load_directory(organisations: dict[str, Organisation], areas: dict[str, Area]) -> None:
    """The city's departments under the city, and every listed organisation's window, services, hours and
    contact (idempotent)."""
    types = load_service_types()
    city = organisations[CITY]
    departments = {}
    for name, reading, type_code, service, stages in CITY_DEPARTMENTS:
        departments[name], _ = Organisation.objects.get_or_create(
            name=name,
            defaults={"reading": reading, "type": OrganisationType.MUNICIPALITY, "parent": city,
                      "area": areas["中央"], "address": "北海道釧路市", "description": f"庁内連携の関係課{SAMPLE}"},
        )  # fmt: skip
        _services(
            departments[name],
            _location(departments[name], areas),
            [(service, type_code, stages, "市民の方", "無料", "")],
            types,
        )
    Organisation.objects.filter(name="釧路市生活福祉事務所", parent=None).update(parent=city)
    everyone = {**organisations, **departments}
    for number, (name, organisation) in enumerate(sorted(everyone.items()), start=1):
        rows = SERVICES.get(name) or (
            TOWN_COUNCIL_SERVICES
            if name.endswith("町社会福祉協議会") or name.endswith("村社会福祉協議会")
            else None
        )
        if rows:
            _services(organisation, _location(organisation, areas), rows, types)
        if rows or name in departments:
            _contact(organisation, number)
