"""The default catalog: every program and every host of the seed's 全体概況 (釧路市生活保護自立支援プログラム
全体概況, H30年4月現在) and the council's own programs around it.

Names are written as the seed writes them (half-width katakana made full-width), grouped as the seed
groups them (就労支援プログラム, 就業体験的ボランティア事業プログラム, 就業体験プログラム, …: the category).
Hosts are the seed's organisations of sampledata.organisations, looked up by their exact names; where the
seed names no host, the one given is a local assumption (ProgramHost.is_local_assumption, with why), which
an administrator confirms or changes on the host's page. The seed gives no schedules or
capacities: those below are plausible defaults that administrators adjust in the catalog. Start dates
follow the seed's 沿革 where it names the program (the 釧路モデル from 平成16年, the council's 整網作業 from
平成25年 with the 就労移行型インターンシップ事業, its contracts under the 生活困窮者自立支援制度 from 平成27年).

Loading is data loading, not a user action: rows are created directly, idempotently (get_or_create), so
that an administrator's later changes to a program are kept when the demo is loaded again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tsunagu.cases.models import Contract
from tsunagu.organisations.models import Organisation
from tsunagu.people.models import Stage
from tsunagu.programs.models import Program, ProgramCategory, ProgramHost
from tsunagu.sampledata.organisations import (
    CITY_WELFARE_OFFICE,
    HUB_NAME,
    ZOO_ASSOCIATION,
    load_organisations,
)

C = ProgramCategory
MON, TUE, WED, THU, FRI, SAT = range(6)
WEEKDAYS_ALL = (MON, TUE, WED, THU, FRI)

KUSHIRO_MODEL_START = dt.date(2004, 4, 1)  # 平成16年: 自立支援プログラム釧路モデルがスタート
HELLO_WORK_JOINT_START = dt.date(2013, 4, 1)  # 平成25年度: 生活保護受給者等就労自立促進事業
NET_MENDING_START = dt.date(2013, 4, 1)  # 平成25年: 就労移行型インターンシップ事業（整網作業）を受託
SUPPORT_SYSTEM_START = dt.date(2015, 4, 1)  # 平成27年: 生活困窮者自立支援制度として受託

PEOPLE = "NPO法人 ぴーぷる"
IZUMI = "いずみの里"
FUMANET = "NPO法人 ふまねっと"
PARK_ASSOCIATION = "公益財団法人 釧路市公園緑化協会"
OZORA = "NPO法人 おおぞらネットワーク"
SALON = "NPO法人 地域生活支援ネットワークサロン"
HELLO_WORK = "ハローワーク釧路"
LEGAL_AID = "法テラス釧路"
BIKEN = "株式会社ビケンワーク"
KCM = "KCMコーポレーション"
CARE_HOMES = ("ケアコートひまわり", "わたすげ", "はまなすの家", "ニチイケアセンター")  # the seed: 「ニチイ」
ONBETSU_FUKI = "音別ふき蕗団"
MIHARA_CAFETERIA = "みはらかがやき食堂"
TEMPLE_CAFETERIA = "お寺食堂"
HOSPITALS = ("星が浦病院", "釧路脳神経外科", "釧路孝仁会記念病院", "白樺台病院")

WELFARE_REFERRAL = "生活保護受給者（担当ケースワーカーの紹介による）"
NOT_YET_WORKING = "ただちに就労することが難しい生活保護受給者（担当ケースワーカーの紹介による）"


@dataclass(frozen=True)
class Host:
    organisation: str
    capacity: int | None = None
    place: str = ""
    note: str = ""
    # The seed names no host for this program: who runs it is our assumption (shown with a badge).
    assumed: str = ""


def assumed(organisation: str, why: str, **fields) -> Host:
    return Host(organisation, assumed=why, **fields)


NOT_IN_SEED = "資料に実施主体の記載なし。"


@dataclass(frozen=True)
class Entry:
    name: str
    stage: str
    category: str
    description: str
    hosts: tuple[Host, ...]
    contract: str = Contract.WELFARE_SELF_RELIANCE
    active_from: dt.date = KUSHIRO_MODEL_START
    eligibility: str = WELFARE_REFERRAL
    place: str = ""
    weekdays: tuple[int, ...] = ()
    hours: tuple[dt.time, dt.time] | None = None
    by_appointment: bool = False


def _t(text: str) -> dt.time:
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def _hours(start: str, end: str) -> tuple[dt.time, dt.time]:
    return _t(start), _t(end)


DAILY_LIFE: tuple[Entry, ...] = (
    Entry(
        "日常生活意欲向上支援プログラム",
        Stage.DAILY_LIFE,
        C.DAILY_LIFE,
        "生活リズムを整え、外に出て人と会うきっかけをつくる集まり。軽作業や調理、季節の行事など。",
        (assumed(HUB_NAME, NOT_IN_SEED + "協議会の居場所での実施と想定。", capacity=8, place="協議会 本所"),),
        eligibility=NOT_YET_WORKING,
        place="協議会 本所",
        weekdays=(TUE, THU),
        hours=_hours("10:00", "12:00"),
    ),
    Entry(
        "多重債務者自立支援プログラム",
        Stage.DAILY_LIFE,
        C.DAILY_LIFE,
        "債務の整理に向けた相談と法律相談への同行。家計の立て直しを一緒に考える。",
        (
            assumed(
                CITY_WELFARE_OFFICE, NOT_IN_SEED + "福祉事務所の相談と想定。", place="生活福祉事務所 相談室"
            ),
            assumed(LEGAL_AID, NOT_IN_SEED + "法律相談の窓口と想定。", note="法律相談（債務整理）"),
        ),
        eligibility="多重債務を抱える生活保護受給者",
        by_appointment=True,
    ),
    Entry(
        "DV被害者自立支援プログラム",
        Stage.DAILY_LIFE,
        C.DAILY_LIFE,
        "DV被害を受けた人の安全の確保と生活の再建を、関係機関と連携して支える。",
        (
            assumed(
                CITY_WELFARE_OFFICE, NOT_IN_SEED + "福祉事務所の相談と想定。", place="生活福祉事務所 相談室"
            ),
        ),
        eligibility="DV被害を受けた生活保護受給者（住所等の秘匿に配慮）",
        by_appointment=True,
    ),
    Entry(
        "精神保健福祉支援プログラム",
        Stage.DAILY_LIFE,
        C.DAILY_LIFE,
        "通院・服薬や日々の暮らしの安定に向けて、精神保健福祉の専門職が訪問・面談で支える。",
        (
            assumed(
                CITY_WELFARE_OFFICE,
                NOT_IN_SEED + "福祉事務所の支援と想定。",
                place="家庭訪問・生活福祉事務所",
            ),
        ),
        eligibility="精神的な不調があり、暮らしの安定に支援が必要な生活保護受給者",
        by_appointment=True,
    ),
    Entry(
        "整理収納プログラム",
        Stage.DAILY_LIFE,
        C.DAILY_LIFE,
        "住まいの片付けと整理収納を本人と一緒に進め、暮らしやすい部屋を取り戻す。",
        (assumed(CITY_WELFARE_OFFICE, NOT_IN_SEED + "福祉事務所の支援と想定。", place="家庭訪問"),),
        eligibility="住まいの整理・片付けに支援が必要な生活保護受給者",
        by_appointment=True,
    ),
)

VOLUNTEER = "就業体験的ボランティア事業プログラム。"
WORK_EXPERIENCE = "就業体験プログラム。"

SOCIAL_LIFE: tuple[Entry, ...] = (
    Entry(
        "知的障がい者授産施設作業体験プログラム",
        Stage.SOCIAL_LIFE,
        C.SHELTERED_WORK,
        WORK_EXPERIENCE + "知的障がい者授産施設で利用者と一緒に作業を体験する。",
        (Host(PEOPLE, 3),),
        eligibility=NOT_YET_WORKING,
        weekdays=(MON, WED, FRI),
        hours=_hours("10:00", "15:00"),
    ),
    Entry(
        "精神障がい者授産施設作業体験プログラム",
        Stage.SOCIAL_LIFE,
        C.SHELTERED_WORK,
        WORK_EXPERIENCE + "精神障がい者授産施設で利用者と一緒に作業を体験する。",
        (Host(IZUMI, 3),),
        eligibility=NOT_YET_WORKING,
        weekdays=(TUE, THU),
        hours=_hours("10:00", "15:00"),
    ),
    Entry(
        "ふまねっとサポーター活動体験事業",
        Stage.SOCIAL_LIFE,
        C.WORK_EXPERIENCE,
        VOLUNTEER + "高齢者の転倒予防運動「ふまねっと」の教室で、サポーターとして運営を手伝う。",
        (Host(FUMANET, 4, "市内の教室会場"),),
        eligibility=NOT_YET_WORKING,
        place="市内の教室会場",
        weekdays=(WED,),
        hours=_hours("13:30", "15:30"),
    ),
    Entry(
        "動物園環境整備ボランティア体験事業",
        Stage.SOCIAL_LIFE,
        C.WORK_EXPERIENCE,
        VOLUNTEER + "釧路市動物園の園内清掃・除草・落ち葉集めなど、環境整備を体験する。",
        (Host(ZOO_ASSOCIATION, 6, "釧路市動物園"),),
        eligibility=NOT_YET_WORKING,
        place="釧路市動物園",
        weekdays=(TUE, THU),
        hours=_hours("09:30", "12:00"),
    ),
    Entry(
        "公園管理ボランティア体験事業",
        Stage.SOCIAL_LIFE,
        C.WORK_EXPERIENCE,
        VOLUNTEER + "市内の公園で花壇の手入れ、除草、清掃などの管理作業を体験する。",
        (Host(PARK_ASSOCIATION, 5, "市内の公園"),),
        eligibility=NOT_YET_WORKING,
        place="市内の公園",
        weekdays=(MON, WED, FRI),
        hours=_hours("09:00", "12:00"),
    ),
    Entry(
        "障がい者作業所等ボランティア体験事業",
        Stage.SOCIAL_LIFE,
        C.WORK_EXPERIENCE,
        VOLUNTEER + "障がい者作業所等で、利用者の作業や活動を手伝う。",
        (Host(OZORA, 3),),
        eligibility=NOT_YET_WORKING,
        weekdays=(MON, TUE, WED, THU, FRI),
        hours=_hours("10:00", "15:00"),
    ),
    Entry(
        "介護施設・デイサービスボランティア体験事業",
        Stage.SOCIAL_LIFE,
        C.WORK_EXPERIENCE,
        VOLUNTEER + "介護施設・デイサービスで、利用者の話し相手、レクリエーションや配膳の手伝いをする。",
        tuple(Host(name, 2) for name in CARE_HOMES),
        eligibility=NOT_YET_WORKING,
        weekdays=(MON, WED, FRI),
        hours=_hours("10:00", "12:00"),
    ),
    Entry(
        "病院ボランティア体験事業",
        Stage.SOCIAL_LIFE,
        C.WORK_EXPERIENCE,
        VOLUNTEER + "病院で外来の案内、車いすの整備、環境整備などを手伝う。",
        (Host(HOSPITALS[0], 3), Host(HOSPITALS[1], 2), Host(HOSPITALS[2], 3), Host(HOSPITALS[3], 2)),
        eligibility=NOT_YET_WORKING,
        weekdays=(TUE, THU),
        hours=_hours("09:30", "11:30"),
    ),
    Entry(
        "「アトリエななみ」手伝い（雑巾縫いほか）",
        Stage.SOCIAL_LIFE,
        C.COMMUNITY_ACTIVITY,
        "地域生活支援ネットワークサロンの「アトリエななみ」で、雑巾縫いなどの手仕事を手伝う。",
        (Host(SALON, 4, "アトリエななみ"),),
        eligibility=NOT_YET_WORKING,
        place="アトリエななみ",
        weekdays=(MON, THU),
        hours=_hours("10:00", "14:00"),
    ),
)

# Places in the community where people take part (the seed's 地域の連携: 美原部会, 音別部会, お寺食堂).
COMMUNITY: tuple[Entry, ...] = (
    Entry(
        "音別ふき蕗団",
        Stage.SOCIAL_LIFE,
        C.COMMUNITY_ACTIVITY,
        "音別部会。蕗の栽培・収穫・加工を通した多様な働き方の場に、地域の人と一緒に参加する。",
        (Host(ONBETSU_FUKI, 6, "音別町"),),
        active_from=SUPPORT_SYSTEM_START,
        eligibility="協議会の支援を利用している人（音別地区）",
        place="音別町",
        by_appointment=True,
    ),
    Entry(
        "みはらかがやき食堂",
        Stage.SOCIAL_LIFE,
        C.COMMUNITY_ACTIVITY,
        "美原部会の地域食堂。調理や配膳、片付けを手伝い、地域の人と食卓を囲む。",
        (Host(MIHARA_CAFETERIA, 4, "美原"),),
        active_from=SUPPORT_SYSTEM_START,
        eligibility="協議会の支援を利用している人（どのステージでも）",
        place="美原",
        by_appointment=True,
    ),
    Entry(
        "お寺食堂",
        Stage.SOCIAL_LIFE,
        C.COMMUNITY_ACTIVITY,
        "お寺を会場にした地域食堂。食事づくりや会場の準備を手伝い、地域の人とつながる。",
        (Host(TEMPLE_CAFETERIA, 4),),
        active_from=SUPPORT_SYSTEM_START,
        eligibility="協議会の支援を利用している人（どのステージでも）",
        by_appointment=True,
    ),
)

EMPLOYMENT: tuple[Entry, ...] = (
    Entry(
        "生業扶助活用資格取得プログラム",
        Stage.EMPLOYMENT,
        C.EMPLOYMENT_SUPPORT,
        "生活保護の生業扶助を活用して、就職に役立つ資格（介護職員初任者研修、運転免許など）を取得する。",
        (assumed(CITY_WELFARE_OFFICE, NOT_IN_SEED + "生業扶助を決める福祉事務所と想定。"),),
        eligibility="資格の取得が就労に結びつくと見込まれる生活保護受給者",
        by_appointment=True,
    ),
    Entry(
        "就労支援員活用就労支援事業",
        Stage.EMPLOYMENT,
        C.EMPLOYMENT_SUPPORT,
        "就労支援員が求職活動、応募書類の作成、面接の準備や同行を個別に支援する。",
        (Host(CITY_WELFARE_OFFICE, place="生活福祉事務所 相談室"),),
        eligibility="就労が可能な生活保護受給者",
        by_appointment=True,
    ),
    Entry(
        "生活保護受給者等就労自立促進事業",
        Stage.EMPLOYMENT,
        C.EMPLOYMENT_SUPPORT,
        "ハローワーク連携。ハローワークの就職支援ナビゲーターと福祉事務所が一緒に就職までを支える。",
        (Host(HELLO_WORK, place="ハローワーク釧路"),),
        active_from=HELLO_WORK_JOINT_START,
        eligibility="就労意欲があり、ハローワークでの支援が適当な生活保護受給者等",
        by_appointment=True,
    ),
    Entry(
        "民間職業紹介事業活用プログラム",
        Stage.EMPLOYMENT,
        C.EMPLOYMENT_SUPPORT,  # the seed lists it among the 就労支援プログラム
        "民間の職業紹介事業者の求人と紹介を活用して就職を目指す。",
        (Host(CITY_WELFARE_OFFICE, note="民間職業紹介事業者と連携"),),
        eligibility="就労が可能な生活保護受給者",
        by_appointment=True,
    ),
    Entry(
        "無料職業紹介事業",
        Stage.EMPLOYMENT,
        C.JOB_PLACEMENT,
        "協議会の無料職業紹介。求人の開拓、紹介、就職後の定着支援まで行う。",
        (Host(HUB_NAME, place="協議会 本所"),),
        contract="",  # under the council's licence (職業安定法第33条), not a contract
        active_from=SUPPORT_SYSTEM_START,
        eligibility="仕事を探している相談者（生活困窮者・生活保護受給者）",
        place="協議会 本所",
        by_appointment=True,
    ),
    Entry(
        "インターンシップ事業",
        Stage.EMPLOYMENT,
        C.INTERNSHIP,
        "就労移行型インターンシップ。協力企業の職場で実際の仕事を体験し、一般就労への移行を目指す。",
        (Host(BIKEN, 2), Host(KCM, 2), Host(HUB_NAME, 3, "協議会 本所")),
        contract=Contract.WELFARE_WORK_READINESS,
        active_from=NET_MENDING_START,  # 平成25年: 就労移行型インターンシップ事業（整網作業）
        eligibility="被保護者就労準備支援事業・就労準備支援事業の利用者",
        weekdays=WEEKDAYS_ALL,
        hours=_hours("09:00", "15:00"),
    ),
    Entry(
        "漁網の整網作業",
        Stage.EMPLOYMENT,
        C.INTERMEDIATE_WORK,
        "中間的就労。機械化できない漁網の仕立て・整網の手作業。習熟度に応じた出来高で工賃を支払う。",
        (Host(HUB_NAME, 20, "協議会 整網作業場"),),  # places: see sampledata/work.py (seats)
        contract=Contract.TRANSITION_INTERNSHIP,
        active_from=NET_MENDING_START,
        eligibility="就労準備支援の利用者で、中間的就労から一般就労を目指す人",
        place="協議会 整網作業場",
        weekdays=WEEKDAYS_ALL,
        hours=_hours("09:00", "15:00"),
    ),
    Entry(
        "釧路市指定ごみ袋の封入作業",
        Stage.EMPLOYMENT,
        C.INTERMEDIATE_WORK,
        "中間的就労。釧路市指定ごみ袋を数えて袋詰めする軽作業。出来高で工賃を支払う。",
        (Host(HUB_NAME, 12, "協議会 作業場"),),
        contract=Contract.WORK_READINESS,
        active_from=SUPPORT_SYSTEM_START,
        eligibility="就労準備支援の利用者で、中間的就労から一般就労を目指す人",
        place="協議会 作業場",
        weekdays=(TUE, WED, THU),
        hours=_hours("09:30", "15:00"),
    ),
)

OTHERS: tuple[Entry, ...] = (
    Entry(
        "生活困窮者等子ども学習支援プログラム（まじくる等）",
        "",
        C.CHILDREN,
        "生活困窮世帯の子どもの学習支援と居場所づくり（まじくる等）。",
        (
            assumed(
                HUB_NAME,
                NOT_IN_SEED + "協議会の学習支援と想定。",
                capacity=20,
                place="学習支援教室「まじくる」",
            ),
        ),
        contract=Contract.CHILDREN_LEARNING,
        active_from=SUPPORT_SYSTEM_START,
        eligibility="生活困窮世帯・生活保護受給世帯の小・中学生",
        place="学習支援教室「まじくる」",
        weekdays=(MON, WED, FRI),
        hours=_hours("16:00", "19:00"),
    ),
    Entry(
        "高校進学支援プログラム",
        "",
        C.CHILDREN,
        "中学3年生の子とその親を対象に、高校進学に向けた学習と進路・費用の相談を行う。",
        (assumed(HUB_NAME, NOT_IN_SEED + "協議会の学習支援と想定。", capacity=15, place="協議会 本所"),),
        contract=Contract.CHILDREN_LEARNING,
        active_from=SUPPORT_SYSTEM_START,
        eligibility="中学3年生の子とその親（生活困窮世帯・生活保護受給世帯）",
        place="協議会 本所",
        weekdays=(SAT,),
        hours=_hours("10:00", "12:00"),
    ),
    Entry(
        "なんでもやってみるラボ",
        "",
        C.LEARNING,
        "通称PC講座。パソコンの基本操作から文書作成まで、何でもやってみる学びの場。",
        (Host(HUB_NAME, 8, "協議会 本所"),),
        contract=Contract.WORK_READINESS,
        active_from=SUPPORT_SYSTEM_START,
        eligibility="協議会の支援を利用している人（どのステージでも）",
        place="協議会 本所",
        weekdays=(WED,),
        hours=_hours("13:00", "15:00"),
    ),
)

CATALOG: tuple[Entry, ...] = DAILY_LIFE + SOCIAL_LIFE + COMMUNITY + EMPLOYMENT + OTHERS


def host_names() -> set[str]:
    return {host.organisation for entry in CATALOG for host in entry.hosts}


def _program_defaults(entry: Entry, order: int) -> dict:
    start, end = entry.hours or (None, None)
    return {
        "stage": entry.stage,
        "category": entry.category,
        "description": entry.description,
        "place": entry.place,
        "weekdays": list(entry.weekdays),
        "start_time": start,
        "end_time": end,
        "by_appointment": entry.by_appointment,
        "eligibility": entry.eligibility,
        "contract": entry.contract,
        "active_from": entry.active_from,
        "sort_order": order,
    }


def _organisations() -> dict[str, Organisation]:
    """The hosts by exact name; the seed's organisations are loaded first if they are not there yet."""
    names = host_names()
    found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    if len(found) < len(names):
        load_organisations()
        found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    missing = names - found.keys()
    if missing:
        raise LookupError(f"Organisations missing from sampledata.organisations: {sorted(missing)}")
    return found


def _load_entry(entry: Entry, order: int, organisations: dict[str, Organisation]) -> bool:
    program, created = Program.objects.get_or_create(
        name=entry.name, defaults=_program_defaults(entry, order)
    )
    for host in entry.hosts:
        ProgramHost.objects.get_or_create(
            program=program,
            organisation=organisations[host.organisation],
            defaults={
                "capacity": host.capacity,
                "place": host.place,
                "note": host.note,
                "is_local_assumption": bool(host.assumed),
                "assumption_note": host.assumed,
            },
        )
    return created


def load_catalog() -> int:
    """Create the seed's catalog (idempotent): returns how many programs were created by this call."""
    organisations = _organisations()
    # Gaps of ten in the display order leave room for administrators to slot programs in between.
    return sum(_load_entry(entry, 10 * order, organisations) for order, entry in enumerate(CATALOG, start=1))
