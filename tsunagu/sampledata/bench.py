"""Synthetic data for the benchmark: `tsunagu bench-data --size S|M|L` (10,000 / 100,000 / 1,000,000 people).

Each person has on average 1.2 cases, 20 support notes, 1 assessment, 1 plan, 0.5 placements and 30
attendance rows, with dates over the last five years (never in the future, never before the case's
intake) and every case in the status its records imply (services.derive_status).

Speed: rows are built as plain tuples with primary keys assigned here (after the tables' current
maximum), so nothing is ever read back; they are written in chunks of people, with COPY on PostgreSQL
and executemany in one transaction per chunk on SQLite. Memory stays bounded whatever the size: only
one chunk's rows, the sessions' (host, day) → id map and some small lookup tables are held. On
PostgreSQL the foreign-key triggers are skipped during the load when the user may do so (every key is
assigned here, parents first; the tests check every key), then the sequences are moved past our ids and
the tables vacuumed and analysed; on SQLite the run uses synchronous=OFF and ends with ANALYZE.

People are spread over the hub's offices (most at 本所, where the demo login soudan works) with ten
generated casework users per office (bench-<office>-01…, the demo password); the demo logins soudan,
shuro and onbetsu keep a caseload of about DEMO_OPEN_CASELOAD open cases whatever the size, and cw has
referred a share of the cases.

The same seed on the same database and the same `as_of` day gives the same data. Faker is used once,
for pools of name pairs; a seeded random.Random does the rest (Faker per row is far too slow at 1M).
The history tables of django-simple-history and the audit log get no rows: bench data is not an event.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TextIO

import jaconv
import jpholiday
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from faker import Faker

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.cases.models import (
    ApprovalMethod,
    Assessment,
    Case,
    CaseConcern,
    CaseStatus,
    Closure,
    ClosureReason,
    ClosureStatus,
    Concern,
    Contract,
    Evaluation,
    EvaluationOutcome,
    GoalProgress,
    HandoverTarget,
    Housing,
    Monitoring,
    Note,
    NoteMethod,
    Plan,
    PlanStatus,
    Route,
    ScreeningOutcome,
    StateChange,
    StatutoryService,
    Urgency,
    WelfareStatus,
    WorkStatus,
)
from tsunagu.cases.services import propose_stage
from tsunagu.core.japanese import search_key
from tsunagu.organisations.models import Area, Office, Organisation
from tsunagu.people.models import Consent, ConsentScope, Person, Sex, Stage, StageChange
from tsunagu.programs.models import (
    Attendance,
    AttendanceStatus,
    Placement,
    PlacementStatus,
    Program,
    ProgramCategory,
    ProgramHost,
    Session,
)
from tsunagu.sampledata.organisations import COUNTIES, HUB_NAME, STREETS, ZOO_ASSOCIATION

SIZES = {"S": 10_000, "M": 100_000, "L": 1_000_000}
DEFAULT_SEED = 20261128
HISTORY_DAYS = 5 * 365 + 1
CHUNK_PEOPLE = 2_000
WORKERS_PER_OFFICE = 10  # 7 consultation workers, 2 employment workers, 1 supervisor
DEFAULT_OFFICES = 5  # the hub's 本所 and 音別サテライト, and three generated offices
MAIN_OFFICE_SHARE = 0.70
# The demo logins keep a realistic caseload however large the office: about this many open cases each.
DEMO_OPEN_CASELOAD = 300
# cw (the city case worker) referred this share of the cases, at most about this many.
CW_SHARE, CW_MAX_CASES = 0.08, 1_000

S = CaseStatus
DAILY, SOCIAL, EMPLOYMENT = Stage.DAILY_LIFE, Stage.SOCIAL_LIFE, Stage.EMPLOYMENT
LADDER = (DAILY, SOCIAL, EMPLOYMENT)
OPEN = frozenset({S.INTAKE, S.ASSESSMENT, S.PLANNING, S.SUPPORT, S.CLOSURE_PENDING})
TERMINAL = (S.CLOSED, S.INFORMATION_ONLY, S.HANDED_OVER)

# The share of all cases in each status (the brief's realistic proportions).
STATUS_SHARES: dict[str, float] = {
    S.INTAKE: 0.05, S.ASSESSMENT: 0.08, S.PLANNING: 0.04, S.SUPPORT: 0.45, S.CLOSURE_PENDING: 0.02,
    S.CLOSED: 0.28, S.INFORMATION_ONLY: 0.06, S.HANDED_OVER: 0.02,
}  # fmt: skip
# How many cases a person has had (mean 1.2); only the latest may still be open.
CASES_PER_PERSON = ((1, 0.82), (2, 0.16), (3, 0.02))

# ---------------------------------------------------------------- places and people

# (area, weight) per kind of office; the generated offices take the towns around the city.
CITY_AREAS = (
    ("中央", 20), ("美原", 12), ("元町", 8), ("鳥取", 10), ("大楽毛", 6), ("星が浦", 8), ("愛国", 8),
    ("春採", 8), ("桜ケ岡", 6), ("武佐", 6), ("昭和", 7), ("城山", 5), ("釧路町", 5), ("厚岸町", 1),
)  # fmt: skip
SATELLITE_AREAS = (("音別", 5), ("阿寒", 5), ("白糠町", 3))
# (office name, user-name slug, areas)
GENERATED_OFFICES = (
    ("釧路町相談室", "kushirocho", (("釧路町", 6), ("厚岸町", 2), ("浜中町", 1))),
    ("白糠相談室", "shiranuka", (("白糠町", 5), ("音別", 1))),
    ("標茶相談室", "shibecha", (("標茶町", 3), ("弟子屈町", 2), ("鶴居村", 1))),
    ("鳥取相談室", "tottori", (("鳥取", 5), ("大楽毛", 3), ("星が浦", 2))),
    ("厚岸相談室", "akkeshi", (("厚岸町", 4), ("浜中町", 2))),
)
RELATIONS = ("母", "父", "姉", "兄", "妹", "弟", "長男", "長女", "叔母", "知人")

# ---------------------------------------------------------------- the case's story

ROUTES = (
    (Route.SELF, 30), (Route.PHONE, 14), (Route.FAMILY, 8), (Route.WELFARE_VOLUNTEER, 5),
    (Route.HELLO_WORK, 8), (Route.CITY_DEPARTMENT, 16), (Route.SOCIAL_WELFARE_COUNCIL, 7),
    (Route.COMMUNITY_SUPPORT_CENTRE, 5), (Route.MEDICAL, 5), (Route.OTHER, 2),
)  # fmt: skip
CONTRACTS = (
    (Contract.CONSULTATION, 50), (Contract.WORK_READINESS, 15), (Contract.HOUSEHOLD_BUDGET, 12),
    (Contract.JOB_PLACEMENT, 8), (Contract.TRANSITION_INTERNSHIP, 3), (Contract.CHILDREN_LEARNING, 2),
)  # fmt: skip
WELFARE = (
    (WelfareStatus.NOT_RECEIVING, 55), (WelfareStatus.RECEIVING, 22), (WelfareStatus.APPLYING, 6),
    (WelfareStatus.UNKNOWN, 17),
)  # fmt: skip
CONCERNS = (
    (Concern.INCOME, 20), (Concern.JOB_SEARCH, 18), (Concern.HEALTH, 14), (Concern.DEBT, 9),
    (Concern.HOUSING, 8), (Concern.RENT_LOAN, 6), (Concern.TAX_UTILITIES, 5), (Concern.FAMILY, 6),
    (Concern.WITHDRAWAL, 4), (Concern.WORK_TROUBLE, 4), (Concern.COMMUNITY, 2), (Concern.CHILDCARE, 2),
    (Concern.CARE, 2), (Concern.DV_ABUSE, 1), (Concern.NO_FOOD, 2), (Concern.OTHER, 1),
)  # fmt: skip
HANDOVERS = (
    (HandoverTarget.PUBLIC_ASSISTANCE, "生活保護の申請に同行し、生活保護窓口につないだ"),
    (HandoverTarget.HELLO_WORK, "ハローワーク釧路の職業相談窓口につないだ"),
    (HandoverTarget.LEGAL_AID, "法テラス釧路の無料法律相談につなぎ、債務整理を依頼した"),
    (HandoverTarget.SOCIAL_WELFARE_COUNCIL, "社協の緊急小口資金の申請につないだ"),
    (HandoverTarget.COMMUNITY_SUPPORT_CENTRE, "地域包括支援センターにつなぎ、介護保険の申請を支援してもらうことにした"),
    (HandoverTarget.DISABILITY, "障害福祉サービスの相談支援事業所につないだ"),
    (HandoverTarget.MEDICAL, "病院の医療ソーシャルワーカーにつないだ"),
)  # fmt: skip
WISHES = (
    "借金の返済が苦しく、どうしたらよいか相談したい", "家賃を滞納しており、退去を求められないか不安",
    "仕事を探しているがなかなか決まらない", "体力に合った仕事に就きたい", "家から出られるようになりたい",
    "体調に合わせて少しずつ働きたい", "病気で仕事を辞め、生活費が心配", "保護から抜け出して自分の収入で暮らしたい",
    "所持金が底をつき、食べる物がない", "年金だけでは生活が苦しい", "子育てと両立できる仕事を探したい",
    "家計を立て直したい",
)  # fmt: skip
HISTORIES = (
    "水産加工会社で長く働いたが、工場閉鎖で離職した。", "高校卒業後、製紙工場で20年勤務。人員整理で離職した。",
    "派遣で道外の工場を転々とし、釧路に戻ってきた。", "介護職として働いていたが腰を痛めて退職した。",
    "大学卒業後に就職したが、職場の人間関係で退職。以来外出が減った。", "うつ病で通院中。調子の波がある。",
    "離婚後に体調を崩し、生活保護を受給している。", "漁業関係の仕事を定年まで続けた。",
    "自営業を廃業した際の借入が残っている。", "離婚後、パートを掛け持ちして子どもを育てている。",
)  # fmt: skip
STRENGTHS = (
    "約束の時間を守る", "手先が器用", "人と話すのが好き", "体力に自信がある", "家族の支えがある",
    "運転免許を持っている", "パソコンの基本操作ができる", "こつこつ続けることができる",
)  # fmt: skip
INCOMES = (
    "収入なし。預貯金を取り崩して生活。", "パート収入 月8万円程度。", "生活保護受給中。", "老齢基礎年金 月6万円。",
    "雇用保険受給中（残り1か月）。", "障害年金2級。",
)  # fmt: skip
PENSIONS = ("国民年金", "厚生年金", "老齢基礎年金", "障害基礎年金", "未加入", "")
WORK_STATUSES = (
    (WorkStatus.UNEMPLOYED, 45), (WorkStatus.NON_REGULAR, 25), (WorkStatus.PENSION, 12),
    (WorkStatus.REGULAR, 5), (WorkStatus.SELF_EMPLOYED, 4), (WorkStatus.OTHER, 9),
)  # fmt: skip
HOUSINGS = (
    (Housing.RENTED, 55), (Housing.PUBLIC, 18), (Housing.OWNED, 15), (Housing.DORMITORY, 4),
    (Housing.HOMELESS, 2), (Housing.OTHER, 6),
)  # fmt: skip
URGENCIES = ((Urgency.LOW, 30), (Urgency.MEDIUM, 55), (Urgency.HIGH, 15))
NARRATIVES = {
    DAILY: "まずは生活の土台（体調・住まい・生活リズム）を整える段階と見立てた。",
    SOCIAL: "生活は安定しつつあり、人との関わりと社会参加の機会を広げる段階と見立てた。",
    EMPLOYMENT: "就労に向けた準備が整いつつあり、求職活動を支える段階と見立てた。",
}
# Centre of the 1–5 scores by stage: (daily-life domains, social domains, work domains).
SCORE_CENTRES = {DAILY: (2.1, 2.4, 1.8), SOCIAL: (3.6, 2.4, 2.2), EMPLOYMENT: (4.0, 3.8, 3.5)}
DOMAIN_GROUPS = (
    ("housing", 0), ("income", 2), ("debt_budget", 2), ("work", 2), ("physical_health", 0),
    ("mental_health", 0), ("daily_routine", 0), ("social_connection", 1), ("family", 1),
    ("children_education", 1), ("legal", 1),
)  # fmt: skip
FIRST_STAGE = ((DAILY, 35), (SOCIAL, 40), (EMPLOYMENT, 25))
STAGE_GOALS = {
    DAILY: ("生活リズムを整え、安心して暮らせるようにする", "体調を安定させ、定期的に外出できるようにする"),
    SOCIAL: ("人との関わりを増やし、社会参加の場を持つ", "ボランティア体験を通じて働く自信をつける"),
    EMPLOYMENT: ("自分に合った仕事に就き、安定した収入を得る", "就職し、職場に定着する"),
}
STAGE_STEPS = {
    DAILY: "毎朝8時に起床し、週1回プログラムに参加する\n通院を継続し、服薬を自己管理する",
    SOCIAL: "生活リズムを整え、週3回ボランティア体験に参加する\n体験先に遅刻せずに通う",
    EMPLOYMENT: "履歴書を作成し、月4件以上応募する\nインターンシップに参加し、仕事の流れを体験する",
}
OWN_ACTIONS = {
    DAILY: "毎日の起床時間と食事を記録する\n困ったときは早めに相談員に電話する",
    SOCIAL: "体験先には自分でバスに乗って通う\n参加した日の様子を日記に書く",
    EMPLOYMENT: "ハローワークに週1回通う\n求人情報を毎日確認する",
}
SUPPORTS = {
    DAILY: "相談支援員による面談（月2回）\n日常生活意欲向上支援プログラム（週2回）",
    SOCIAL: "相談支援員による面談（月2回）\n就業体験的ボランティア事業（週2〜3回）",
    EMPLOYMENT: "就労支援員による求職活動支援（週1回面談）\n無料職業紹介による求人紹介",
}
SERVICES = {
    DAILY: json.dumps([StatutoryService.CONSULTATION]),
    SOCIAL: json.dumps([StatutoryService.CONSULTATION, StatutoryService.WORK_READINESS]),
    EMPLOYMENT: json.dumps([StatutoryService.CONSULTATION, StatutoryService.WORK_READINESS]),
}
CLOSURES = (
    (ClosureReason.GOAL_ACHIEVED, 6, "生活が安定し、当初の目標を達成したため終結。", (StateChange.HABITS, StateChange.BUDGET)),
    (ClosureReason.EMPLOYED, 6, "就職し、3か月の定着を確認したため終結。", (StateChange.EMPLOYED, StateChange.EARNED_INCOME)),
    (ClosureReason.INCOME_ROSE, 2, "勤務時間が増え、就労収入が増加したため終結。", (StateChange.EARNED_INCOME,)),
    (ClosureReason.REFERRED, 4, "他制度の利用が始まり、担当機関に引き継いだ。", (StateChange.CAN_ASK_HELP,)),
    (ClosureReason.MOVED, 2, "市外の親族宅へ転居。転居先の相談機関に情報提供した。", ()),
    (ClosureReason.LOST_CONTACT, 3, "3か月以上連絡が取れず、連絡途絶として終結。", ()),
    (ClosureReason.OWN_WISH, 2, "本人の申し出により終結。いつでも相談できることを伝えた。", (StateChange.MOTIVATION,)),
    (ClosureReason.OTHER, 1, "施設に入所したため終結。", ()),
)  # fmt: skip
MONITORING_TEXT = {
    GoalProgress.ACHIEVED: "短期目標をおおむね達成。本人の自信につながっている。",
    GoalProgress.PARTLY: "できている週とできていない週がある。取り組み方を一緒に見直した。",
    GoalProgress.NOT_YET: "体調不良が続き、予定の活動に参加できていない。目標を見直す必要あり。",
}

# ---------------------------------------------------------------- notes

# Each note starts with how the contact happened; the marker gives the method.
METHOD_MARKERS = {
    "来所": NoteMethod.VISIT_IN, "電話": NoteMethod.PHONE, "訪問": NoteMethod.HOME_VISIT,
    "同行": NoteMethod.ACCOMPANY, "メール": NoteMethod.EMAIL, "連絡調整": NoteMethod.AGENCY,
    "ケース会議": NoteMethod.MEETING, "支援調整会議": NoteMethod.MEETING,
}  # fmt: skip
MINUTES = {
    NoteMethod.VISIT_IN: (30, 90), NoteMethod.PHONE: (5, 20), NoteMethod.HOME_VISIT: (45, 120),
    NoteMethod.ACCOMPANY: (60, 180), NoteMethod.EMAIL: (5, 15), NoteMethod.AGENCY: (15, 45),
    NoteMethod.MEETING: (30, 90),
}  # fmt: skip
INTAKE_NOTES = (
    "来所。相談受付。収入と支出の状況、困りごとを聞き取った。",
    "来所。家族と一緒に来所。これまでの経緯を聞き取り、制度の概要を説明した。",
    "電話。相談受付。来週の来所を約束した。",
)
ASSESSMENT_NOTE = "来所。アセスメント面談。生活歴と現在の困りごとを聞き取った。"
NOTE_TEMPLATES = (
    "来所。家計の状況を確認。次回までに家賃の滞納額を確認する。",
    "来所。家計簿を一緒に振り返る。食費が予算内に収まった。",
    "来所。督促状の内容を一緒に確認し、返済の優先順位を整理した。",
    "来所。履歴書の書き方を一緒に確認。志望動機を次回までに考えてくる。",
    "来所。面接練習を実施。受け答えがはっきりしてきた。",
    "来所。無料職業紹介の求人（清掃・週4日）を紹介。本人は前向き。",
    "来所。初めて一人で来所できた。PCラボで30分過ごす。",
    "来所。障害者手帳の申請書類を一緒に準備した。",
    "来所。整網作業の日報を一緒に確認。仕上がり数が増えている。",
    "来所。ボランティア体験の振り返り。「人と話すのが少し楽になった」と話す。",
    "来所。住居確保給付金の申請書類を一緒に作成した。",
    "来所。フードバンクの食料を手渡した。次回は家計の相談。",
    "来所。年金の振込額と支出を一緒に確認した。",
    "来所。役所から届いた書類の内容を一緒に確認した。",
    "来所。モニタリング面談。プランの進み具合を本人と一緒に確認した。",
    "来所。プラン案を本人と確認し、同意を得た。",
    "来所。生活リズム表を一緒に確認。起床時間が少しずつ早くなってきている。",
    "電話。次回の来所日を調整した。",
    "電話。体調を確認。眠れない日が続いているとのこと。無理をしないよう伝えた。",
    "電話。応募先から面接日の連絡があったとのこと。日程を一緒に調整した。",
    "電話。つながらず。留守番電話にメッセージを残した。",
    "電話。体調不良のため今日の予定を休むと連絡あり。",
    "電話。プランが承認されたことを本人に伝えた。",
    "電話。必要書類（通帳、保険証）を持参するよう伝えた。",
    "電話。面接の結果は不採用。気持ちを受け止め、次の応募先を一緒に探すことにした。",
    "電話。家主から家賃の入金を確認したと連絡があったことを伝えた。",
    "電話。寝坊して作業を休んだと連絡あり。生活リズムを一緒に見直すことにした。",
    "訪問。本人と玄関先で10分ほど話せた。次回も同じ時間に訪問する。",
    "訪問。不在。手紙を投函し、連絡を待つ。",
    "訪問。整理収納支援。台所の片付けを一緒に行った。次回は居間。",
    "訪問。灯油の残量を確認。冬の暖房費について相談した。",
    "訪問。食事が取れているか確認。フードバンクの食料を手渡した。",
    "訪問。就職後の定着確認。仕事は大変だが続けられそうとのこと。",
    "同行。法テラス釧路の法律相談に同行。任意整理の方向で進めることになった。",
    "同行。ハローワーク釧路で求人2件を検討した。",
    "同行。通院に同行。主治医から服薬を続けるよう説明があった。",
    "同行。市営住宅の申込みに同行した。",
    "同行。動物園での環境整備ボランティアに同行。落ち葉集めを2時間行った。",
    "同行。整網作業の見学に同行。来週から作業に参加することになった。",
    "同行。公園管理ボランティアに同行。休まず通えている。",
    "メール。書類の提出期限について連絡した。",
    "メール。面接の持ち物と集合時間を連絡した。",
    "メール。次回の面談日時の確認があり、返信した。",
    "連絡調整。ケースワーカーと情報共有。就労収入の申告について本人にも説明した。",
    "連絡調整。市税の分納について納税課と協議し、結果を本人に伝えた。",
    "連絡調整。ボランティア先の担当者と様子を共有した。遅刻なく参加できている。",
    "連絡調整。主治医の意見書が届き、就労は短時間から可能との判断。",
    "連絡調整。インターンシップ先と打合せ。来週から3日間の実習が決まった。",
    "連絡調整。民生委員と情報共有。見守り訪問を続けてもらう。",
    "ケース会議。支援の進み具合を共有し、今後の方針を確認した。",
    "支援調整会議。プラン案を検討し、承認された。",
)

# ---------------------------------------------------------------- placements and attendance

PLACEMENTS_OPEN_CASE = (
    (PlacementStatus.ACTIVE, 45), (PlacementStatus.COMPLETED, 20), (PlacementStatus.INTERRUPTED, 12),
    (PlacementStatus.TRIAL, 10), (PlacementStatus.VISIT, 6), (PlacementStatus.WAITING, 7),
)  # fmt: skip
PLACEMENTS_CLOSED_CASE = ((PlacementStatus.COMPLETED, 60), (PlacementStatus.INTERRUPTED, 40))
# Sessions attended, by status (low, high); chosen so that a placement averages about 60.
SESSIONS_ATTENDED = {
    PlacementStatus.ACTIVE: (45, 170), PlacementStatus.COMPLETED: (55, 170),
    PlacementStatus.INTERRUPTED: (5, 60), PlacementStatus.TRIAL: (3, 10), PlacementStatus.VISIT: (1, 1),
    PlacementStatus.WAITING: (0, 0),
}  # fmt: skip
INTERRUPTIONS = (
    "体調不良が続き、本人の希望で中断", "就職が決まったため中断", "通うのが難しくなり中断",
    "連絡が取れなくなったため中断", "家庭の事情により中断",
)  # fmt: skip
ABSENCES = ("体調不良", "通院のため", "連絡なし", "家庭の事情", "寝坊")


# ---------------------------------------------------------------- small helpers


def _cumulative(weighted) -> tuple[tuple, list[float]]:
    values, weights = zip(*weighted, strict=True)
    total, running, cum = float(sum(weights)), 0.0, []
    for weight in weights:
        running += weight
        cum.append(running / total)
    cum[-1] = 1.0
    return values, cum


class _Pick:
    """A weighted choice by bisection on one random number: much faster than random.choices per call."""

    __slots__ = ("cum", "values")

    def __init__(self, weighted) -> None:
        self.values, self.cum = _cumulative(weighted)

    def __call__(self, rnd: Callable[[], float]):
        return self.values[bisect_right(self.cum, rnd())]


def _last_case_shares() -> dict[str, float]:
    """Status shares of a person's latest case such that, with the earlier (always ended) cases, all
    cases follow STATUS_SHARES."""
    mean_cases = sum(n * p for n, p in CASES_PER_PERSON)
    earlier = mean_cases - 1  # earlier cases per person
    terminal_total = sum(STATUS_SHARES[s] for s in TERMINAL)
    shares = {}
    for status, share in STATUS_SHARES.items():
        per_person = share * mean_cases
        if status in TERMINAL:
            per_person -= earlier * share / terminal_total
        shares[status] = per_person
    return shares


@dataclass
class Table:
    """One table being filled: its columns, the rows of the current chunk, the next free id."""

    label: str
    model: type[models.Model]
    columns: tuple[str, ...]
    per_person: float  # expected rows per person, for the progress line
    next_id: int = 1
    rows: list[tuple] = field(default_factory=list)
    written: int = 0

    @property
    def name(self) -> str:
        return self.model._meta.db_table


SCORE_COLUMNS = tuple(f"score_{code}" for code, _group in DOMAIN_GROUPS)
# (progress label, model, columns in the order rows are built, expected rows per person)
PEOPLE_COLUMNS = (
    "id", "family_name", "given_name", "family_name_kana", "given_name_kana", "date_of_birth", "sex", "area_id",
    "postal_code", "address", "phone", "mobile_phone", "email", "emergency_contact", "is_dv_protected",
    "current_stage", "name_key", "reading_key", "given_reading_key", "phone_key", "mobile_key", "merged_into_id", "created_at",
    "updated_at", "edit_version",
)  # fmt: skip
CASE_COLUMNS = (
    "id", "person_id", "office_id", "reference", "intake_date", "received_by_id", "route",
    "referring_caseworker_id", "visitor_name", "visitor_relation", "wishes", "application_signed_on",
    "screening_outcome", "handover_target", "handover_detail", "contract", "welfare_status", "worker_id",
    "employment_worker_id", "status", "closed_on", "last_contact_on", "next_monitoring_on", "created_at",
    "updated_at",
)  # fmt: skip
ASSESSMENT_COLUMNS = (
    "id", "case_id", "assessed_on", "assessor_id", "work_status", "housing_type", "health_insurance", "pension",
    "income_and_welfare", "life_history", "strengths", "urgency", *SCORE_COLUMNS, "proposed_stage",
    "confirmed_stage", "narrative", "created_at",
)  # fmt: skip
PLAN_COLUMNS = (
    "id", "case_id", "version", "status", "period_start", "period_end", "long_term_goal", "short_term_goals",
    "own_actions", "supports", "statutory_services", "agreed_on", "next_monitoring_on", "submitted_at",
    "approval_method", "approved_by_id", "approved_on", "meeting_date", "author_id", "edit_version", "created_at",
    "updated_at",
)  # fmt: skip
CLOSURE_COLUMNS = (
    "id", "case_id", "closed_on", "reason", "detail", "status", "requested_by_id", "requested_at",
    "decided_by_id", "decided_at", "decision_comment",
)  # fmt: skip
MONITORING_COLUMNS = (
    "id", "case_id", "plan_id", "monitored_on", "progress", "notes", "next_monitoring_on", "worker_id",
    "created_at",
)  # fmt: skip
EVALUATION_COLUMNS = (
    "id", "case_id", "plan_id", "evaluated_on", "state_changes", "summary", "outcome", "worker_id", "created_at",
)  # fmt: skip
CONSENT_COLUMNS = (
    "id", "person_id", "scope", "signed_on", "withdrawn_on", "note", "recorded_by_id", "recorded_at", "edit_version",
)  # fmt: skip
STAGE_CHANGE_COLUMNS = (
    "id", "person_id", "stage", "previous_stage", "changed_on", "reason", "recorded_by_id", "recorded_at",
)  # fmt: skip
NOTE_COLUMNS = ("id", "case_id", "occurred_at", "method", "worker_id", "minutes", "content", "created_at")
PLACEMENT_COLUMNS = (
    "id", "person_id", "host_id", "case_id", "plan_id", "plan_support", "worker_id", "status", "waiting_since",
    "visited_on", "trial_from", "started_on", "completed_on", "interrupted_on", "interruption_reason",
    "created_at", "updated_at", "edit_version",
)  # fmt: skip
SESSION_COLUMNS = ("id", "host_id", "date", "start_time", "end_time", "note", "created_at")
ATTENDANCE_COLUMNS = (
    "id", "session_id", "placement_id", "status", "absence_reason", "hours", "recorded_by_id", "recorded_at",
)  # fmt: skip
TABLES = (
    ("people", Person, PEOPLE_COLUMNS, 1.0),
    ("cases", Case, CASE_COLUMNS, 1.2),
    ("concerns", CaseConcern, ("id", "case_id", "concern", "is_most_pressing"), 2.1),
    ("assessments", Assessment, ASSESSMENT_COLUMNS, 1.04),
    ("plans", Plan, PLAN_COLUMNS, 0.94),
    ("closures", Closure, CLOSURE_COLUMNS, 0.35),
    ("monitorings", Monitoring, MONITORING_COLUMNS, 0.5),
    ("evaluations", Evaluation, EVALUATION_COLUMNS, 0.3),
    ("consents", Consent, CONSENT_COLUMNS, 1.07),
    ("stage changes", StageChange, STAGE_CHANGE_COLUMNS, 1.1),
    ("notes", Note, NOTE_COLUMNS, 20.0),
    ("placements", Placement, PLACEMENT_COLUMNS, 0.5),
    ("sessions", Session, SESSION_COLUMNS, 0),
    ("attendance", Attendance, ATTENDANCE_COLUMNS, 30.0),
)


def _table_specs() -> list[Table]:
    return [Table(label, model, columns, per_person) for label, model, columns, per_person in TABLES]


def check_columns(tables: list[Table]) -> None:
    """Fail clearly if a model gained a required column this generator does not fill."""
    for table in tables:
        filled = set(table.columns)
        for model_field in table.model._meta.concrete_fields:
            if (
                model_field.column not in filled
                and not model_field.null
                and model_field.db_default is models.NOT_PROVIDED
            ):
                raise RuntimeError(
                    f"bench-data does not fill {table.name}.{model_field.column}: "
                    "add it to tsunagu/sampledata/bench.py."
                )
        unknown = filled - {f.column for f in table.model._meta.concrete_fields}
        if unknown:
            raise RuntimeError(f"bench-data fills unknown columns of {table.name}: {sorted(unknown)}")


# ---------------------------------------------------------------- writing


class _Writer:
    """Writes each table's pending rows, parents first, in one transaction per chunk."""

    def __init__(self, tables: list[Table]) -> None:
        self.tables = tables
        self.vendor = connection.vendor
        self.triggers_off = False

    def start(self) -> None:
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                if not connection.in_atomic_block:  # these may not change inside a transaction (tests)
                    cursor.execute("PRAGMA journal_mode=WAL")
                    cursor.execute("PRAGMA synchronous=OFF")
                    cursor.execute("PRAGMA temp_store=MEMORY")
                cursor.execute("PRAGMA cache_size=-262144")  # 256 MB of page cache for the index inserts
            else:
                cursor.execute("SET synchronous_commit TO off")
                self.triggers_off = self._replica_role(cursor)
            for table in self.tables:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table.name)}")
                table.next_id = cursor.fetchone()[0] + 1

    @staticmethod
    def _replica_role(cursor) -> bool:
        """Skip the foreign-key triggers while loading, as pg_restore --disable-triggers does: every key is
        given here, parents before children, so the checks would only cost time (half of it). Needs a
        superuser; without one the checks simply run."""
        try:
            with transaction.atomic():
                cursor.execute("SET session_replication_role = replica")
        except DatabaseError:
            return False
        return True

    def restore(self) -> None:
        if self.triggers_off:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")
            self.triggers_off = False

    def flush(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:
                if not table.rows:
                    continue
                quoted = connection.ops.quote_name(table.name)
                columns = ", ".join(connection.ops.quote_name(c) for c in table.columns)
                if self.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {quoted} ({columns}) FROM STDIN") as copy:
                        write_row = copy.write_row
                        for row in table.rows:
                            write_row(row)
                else:
                    marks = ", ".join("?" * len(table.columns))
                    connection.connection.executemany(
                        f"INSERT INTO {quoted} ({columns}) VALUES ({marks})", table.rows
                    )
                table.written += len(table.rows)
                table.rows = []

    def finish(self, out: Callable[[str], None]) -> None:
        """Sequences past the ids we gave (PostgreSQL), then fresh planner statistics."""
        self.restore()
        names = [connection.ops.quote_name(t.name) for t in self.tables]
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                for table in self.tables:
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                        f"GREATEST((SELECT MAX(id) FROM {connection.ops.quote_name(table.name)}), 1))",
                        [table.name],
                    )
                out("analyze …")
                if connection.in_atomic_block:
                    cursor.execute(f"ANALYZE {', '.join(names)}")
                else:  # VACUUM also sets the visibility map, so index-only scans work from the first request
                    cursor.execute(f"VACUUM (ANALYZE) {', '.join(names)}")
            else:
                out("analyze …")
                cursor.execute("ANALYZE")
                if not connection.in_atomic_block:
                    cursor.execute("PRAGMA synchronous=NORMAL")
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class _Progress:
    """One updating line per table on a terminal; on a log, a line at every tenth and a summary."""

    def __init__(self, tables: list[Table], people: int, stream: TextIO | None) -> None:
        self.tables, self.people, self.stream = tables, people, stream
        self.started = time.monotonic()
        self.tty = bool(stream) and hasattr(stream, "isatty") and stream.isatty()
        self.drawn = False
        self.last_draw = 0.0
        self.next_tenth = 1

    def lines(self, done: int) -> list[str]:
        elapsed = time.monotonic() - self.started
        share = done / self.people if self.people else 1.0
        lines = []
        for table in self.tables:
            expected = f"~{round(table.per_person * self.people):,}" if table.per_person else ""
            lines.append(
                f"{table.label:<14}{table.written:>12,}/{expected:<12} {share * 100:>4.0f}%  {elapsed:>6.0f}s"
            )
        return lines

    def update(self, done: int, final: bool = False) -> None:
        if not self.stream:
            return
        now = time.monotonic()
        if self.tty:
            if not final and now - self.last_draw < 0.5:
                return
            self.last_draw = now
            lines = self.lines(done)
            if self.drawn:
                self.stream.write(f"\x1b[{len(lines)}F")
            self.stream.write("".join(f"\x1b[2K{line}\n" for line in lines))
            self.drawn = True
        elif final:
            self.stream.write("".join(f"{line}\n" for line in self.lines(done)))
        elif self.people and done * 10 >= self.next_tenth * self.people:
            self.next_tenth = done * 10 // self.people + 1
            elapsed = now - self.started
            self.stream.write(
                f"people {done:>12,}/{self.people:,}  {done * 100 // self.people:>3}%  {elapsed:.0f}s\n"
            )
        self.stream.flush()

    def say(self, text: str) -> None:
        if self.stream:
            self.stream.write(f"{text}\n")
            self.stream.flush()


# ---------------------------------------------------------------- reference data


def ensure_reference_data() -> None:
    """The demo's organisations, logins and program catalog (not its caseload), idempotently."""
    from tsunagu.sampledata.accounts import load_users
    from tsunagu.sampledata.organisations import load_organisations

    load_organisations()
    load_users()
    try:
        from tsunagu.sampledata.catalog import load_catalog
    except ImportError:
        _fallback_catalog()
    else:
        load_catalog()


def _fallback_catalog() -> None:
    """A few scheduled programs, should the catalog module not be there."""
    if ProgramHost.objects.exists():
        return
    start = dt.date(2015, 4, 1)
    entries = (
        ("日常生活意欲向上支援プログラム", DAILY, ProgramCategory.DAILY_LIFE, HUB_NAME, [1, 3], "10:00", "12:00"),
        ("動物園環境整備ボランティア体験事業", SOCIAL, ProgramCategory.WORK_EXPERIENCE, ZOO_ASSOCIATION, [1, 3],
         "09:30", "12:00"),
        ("病院ボランティア体験事業", SOCIAL, ProgramCategory.WORK_EXPERIENCE, "星が浦病院", [1, 3], "09:30", "11:30"),
        ("漁網の整網作業", EMPLOYMENT, ProgramCategory.INTERMEDIATE_WORK, HUB_NAME, [0, 1, 2, 3, 4], "09:00", "15:00"),
    )  # fmt: skip
    for name, stage, category, host, weekdays, start_time, end_time in entries:
        program, _created = Program.objects.get_or_create(
            name=name,
            defaults={
                "stage": stage, "category": category, "weekdays": weekdays, "active_from": start,
                "start_time": dt.time.fromisoformat(start_time), "end_time": dt.time.fromisoformat(end_time),
            },
        )  # fmt: skip
        ProgramHost.objects.get_or_create(
            program=program, organisation=Organisation.objects.get(name=host), defaults={"capacity": 5}
        )


@dataclass
class _Team:
    office: Office
    areas: _Pick
    consultation: list[int]
    consultation_pick: _Pick
    employment_pick: _Pick
    supervisor: int


def _hub_offices(count: int) -> list[tuple[Office, str, tuple]]:
    hub = Organisation.objects.get(name=HUB_NAME)
    offices = [
        (Office.objects.get(organisation=hub, name="本所"), "honsho", CITY_AREAS),
        (
            Office.objects.get_or_create(organisation=hub, name="音別サテライト")[0],
            "onbetsu",
            SATELLITE_AREAS,
        ),
    ]
    for index in range(max(0, count - 2)):
        if index < len(GENERATED_OFFICES):
            name, slug, areas = GENERATED_OFFICES[index]
        else:
            name, slug, areas = f"第{index + 1}相談室", f"office{index + 1}", CITY_AREAS
        offices.append((Office.objects.get_or_create(organisation=hub, name=name)[0], slug, areas))
    return offices[: max(1, count)]


def _ensure_workers(office: Office, slug: str, names: list[str], password_hash: str) -> None:
    """Ten casework users per office (user names bench-<office>-01…), all with the demo password."""
    roles = [Role.CONSULTATION_WORKER] * 7 + [Role.EMPLOYMENT_WORKER] * 2 + [Role.SUPERVISOR]
    groups = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Role])}
    for number, role in enumerate(roles, start=1):
        username = f"bench-{slug}-{number:02d}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": names[(hash_name(slug) + number) % len(names)],
                "organisation_id": office.organisation_id,
                "office": office,
                "password": password_hash,
                "email": f"{username}@example.jp",
            },
        )
        if created:
            user.groups.add(groups[role.value])


def workday_between(workdays: list[int], rnd: Callable[[], float], low: int, high: int) -> int:
    """A random working day in [low, high] (day numbers); never after `high`, which callers set to the last
    day allowed (yesterday, or the day before the person's next case). With no working day in the range,
    `low`; with an empty range, `high`."""
    if high <= low:
        return high
    lo = bisect_left(workdays, low)
    hi = bisect_right(workdays, high) - 1
    if hi < lo:
        return low
    return workdays[lo + int(rnd() * (hi - lo + 1))]


@lru_cache(maxsize=4)
def _holidays(first_year: int, last_year: int) -> frozenset[int]:
    """Japanese public holidays as day numbers (jpholiday is slow: about a second for five years)."""
    return frozenset(
        day.toordinal()
        for year in range(first_year, last_year + 1)
        for day, _name in jpholiday.year_holidays(year)
    )


def hash_name(text: str) -> int:
    """A stable small number from a text (Python's hash() changes between runs)."""
    return sum(ord(ch) * (i + 1) for i, ch in enumerate(text))


def _casework_users(office: Office, role: Role) -> list[User]:
    return list(
        User.objects.filter(office=office, is_active=True, groups__name=role.value).distinct().order_by("pk")
    )


# ---------------------------------------------------------------- the generator


class BenchData:
    def __init__(
        self,
        *,
        people: int,
        seed: int = DEFAULT_SEED,
        offices: int = DEFAULT_OFFICES,
        as_of: dt.date | None = None,
        stream: TextIO | None = None,
        chunk: int = CHUNK_PEOPLE,
    ) -> None:
        self.people = people
        self.seed = seed
        self.office_count = max(1, offices)
        self.as_of = as_of or timezone.localdate()
        self.chunk = chunk
        self.rng = random.Random(seed)
        self.tables = _table_specs()
        check_columns(self.tables)
        self.t = {table.label: table for table in self.tables}
        self.progress = _Progress(self.tables, people, stream)
        self.postgres = connection.vendor == "postgresql"

    # ------------------------------------------------------------ set-up

    def run(self) -> dict[str, int]:
        self.progress.say("demo organisations, logins and program catalog …")
        with transaction.atomic():
            ensure_reference_data()
            self._staff()
            self._programs()
        self._calendar()
        self._names()
        writer = _Writer(self.tables)
        try:
            writer.start()
            self.prepare()
            self._existing_sessions()
            done = 0
            self.progress.update(0)
            while done < self.people:
                batch = min(self.chunk, self.people - done)
                for index in range(done, done + batch):
                    self._person(index)
                writer.flush()
                done += batch
                self.progress.update(done)
            self.progress.update(done, final=True)
        finally:
            writer.restore()
        writer.finish(self.progress.say)
        return {table.label: table.written for table in self.tables}

    def _staff(self) -> None:
        rng = random.Random(self.seed + 1)
        names = [
            f"{family} {given}"
            for family, given in zip(
                ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木",
                 "松本", "井上", "木村", "林", "斎藤", "清水", "山口", "阿部", "池田", "橋本", "石川", "小川"],
                ["美咲", "健太", "陽子", "大輔", "恵", "翔", "由美", "隆", "真由美", "誠", "直美", "浩二", "智子",
                 "亮", "裕子", "拓也", "明子", "悟", "理恵", "和也", "典子", "聡", "久美子", "勇", "千尋"],
                strict=True,
            )
        ]  # fmt: skip
        rng.shuffle(names)
        password_hash = make_password(settings.TSUNAGU_DEMO_PASSWORD)
        offices = _hub_offices(self.office_count)
        for office, slug, _areas in offices:
            _ensure_workers(office, slug, names, password_hash)
        demo_logins = {"soudan", "shuro", "onbetsu"}
        mean_cases = sum(n * p for n, p in CASES_PER_PERSON)
        open_share = sum(STATUS_SHARES[s] for s in OPEN)
        self.teams: list[_Team] = []
        weights = []
        other_share = (1 - MAIN_OFFICE_SHARE) / max(1, len(offices) - 1)
        for position, (office, _slug, areas) in enumerate(offices):
            share = MAIN_OFFICE_SHARE if position == 0 and len(offices) > 1 else other_share
            if len(offices) == 1:
                share = 1.0
            weights.append(share)
            expected_open = self.people * share * mean_cases * open_share
            consultation = _casework_users(office, Role.CONSULTATION_WORKER)
            employment = _casework_users(office, Role.EMPLOYMENT_WORKER) or consultation
            supervisor = (_casework_users(office, Role.SUPERVISOR) or consultation)[0]
            self.teams.append(
                _Team(
                    office=office,
                    areas=_Pick(areas),
                    consultation=[u.pk for u in consultation],
                    consultation_pick=self._capped(consultation, demo_logins, expected_open * 0.85),
                    employment_pick=self._capped(employment, demo_logins, expected_open * 0.3),
                    supervisor=supervisor.pk,
                )
            )
        self.team_pick = _Pick(list(zip(range(len(self.teams)), weights, strict=True)))
        self.cw = User.objects.get(username="cw").pk
        zoo = User.objects.filter(username="zoo").first()
        self.zoo = zoo.pk if zoo else None
        total_cases = self.people * mean_cases
        self.cw_share = min(CW_SHARE, CW_MAX_CASES / total_cases) if total_cases else CW_SHARE

    @staticmethod
    def _capped(users: list[User], demo_logins: set[str], expected_open: float) -> _Pick:
        """Equal shares, except that the demo logins keep about DEMO_OPEN_CASELOAD open cases each."""
        equal = 1 / len(users)
        cap = min(equal, DEMO_OPEN_CASELOAD / expected_open) if expected_open else equal
        capped = [u for u in users if u.username in demo_logins]
        rest = len(users) - len(capped)
        other = (1 - cap * len(capped)) / rest if rest else equal
        return _Pick([(u.pk, cap if u.username in demo_logins else other) for u in users])

    def _programs(self) -> None:
        """Scheduled, adult programs still offered, by stage (cross-stage ones serve every stage)."""
        hosts = (
            ProgramHost.objects.select_related("program", "organisation")
            .filter(program__by_appointment=False)
            .exclude(program__weekdays=[])
            .exclude(program__category=ProgramCategory.CHILDREN)
            .order_by("pk")
        )
        self.hosts: dict[int, dict[str, Any]] = {}
        by_stage: dict[str, list[int]] = {DAILY: [], SOCIAL: [], EMPLOYMENT: []}
        for host in hosts:
            program = host.program
            if program.active_until and program.active_until < self.as_of:
                continue
            start, end = program.start_time, program.end_time
            hours = 2.0
            if start and end:
                hours = (
                    dt.datetime.combine(self.as_of, end) - dt.datetime.combine(self.as_of, start)
                ).seconds / 3600
            self.hosts[host.pk] = {
                "program": program,
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
                "hours": (f"{hours:.2f}", f"{max(hours - 0.5, 0.25):.2f}", f"{max(hours - 1, 0.25):.2f}"),
                "recorder": None,
                "organisation": host.organisation.name,
                "name": f"{program.name}（{host.organisation.name}）",
            }
            for stage in [program.stage] if program.stage else list(LADDER):
                by_stage[stage].append(host.pk)
        self.hosts_by_stage = {stage: ids or list(self.hosts) for stage, ids in by_stage.items()}

    def _calendar(self) -> None:
        """Day numbers (ordinals) for everything; strings for the database made once per day."""
        self.latest = self.as_of.toordinal() - 1  # yesterday: nothing happens later than that
        self.first = self.as_of.toordinal() - HISTORY_DAYS
        self.base = self.first - 400
        top = self.latest + 800
        holidays = _holidays(dt.date.fromordinal(self.first).year, dt.date.fromordinal(self.latest).year)
        self.ds = [dt.date.fromordinal(o).isoformat() for o in range(self.base, top + 1)]
        self.workdays = [
            o
            for o in range(self.first, self.latest + 1)
            if dt.date.fromordinal(o).weekday() < 5 and o not in holidays
        ]
        # Moments of a working day (09:00–17:55) as text: local time with offset for PostgreSQL, UTC for SQLite
        # (as Django stores them there). The settings fix Asia/Tokyo, which has no summer time.
        noon = timezone.make_aware(dt.datetime.combine(self.as_of, dt.time(12)))
        if noon.utcoffset() != dt.timedelta(hours=9):
            raise RuntimeError("bench-data writes times for Japan (UTC+9): set TIME_ZONE to Asia/Tokyo.")
        self.moments = []
        for minute in range(9 * 60, 18 * 60, 5):
            hour, mins = divmod(minute, 60)
            if self.postgres:
                self.moments.append(f" {hour:02d}:{mins:02d}:00+09:00")
            else:
                self.moments.append(f" {hour - 9:02d}:{mins:02d}:00")
        for host_id, host in self.hosts.items():
            program = host["program"]
            first = max(self.first, program.active_from.toordinal())
            weekdays = set(program.weekdays)
            host["days"] = [
                o
                for o in range(first, self.latest + 1)
                if dt.date.fromordinal(o).weekday() in weekdays and o not in holidays
            ]
            if host["organisation"] == ZOO_ASSOCIATION:
                host["recorder"] = self.zoo
            host["id"] = host_id
        self.host_list = {stage: [self.hosts[h] for h in ids] for stage, ids in self.hosts_by_stage.items()}

    def _names(self) -> None:
        """Pools of Faker's name pairs, drawn once with their weights; keys pre-computed per pair."""
        fake = Faker("ja_JP")
        fake.seed_instance(self.seed)

        def pool(draw, size):
            pairs = [draw() for _ in range(size)]
            return [
                (kanji, jaconv.kata2hira(kana), romaji, search_key(kanji), search_key(kana))
                for kanji, kana, romaji in pairs
            ]

        self.family_pool = pool(fake.last_name_pair, 4000)
        self.male_pool = pool(fake.first_name_male_pair, 2000)
        self.female_pool = pool(fake.first_name_female_pair, 2000)

    # ------------------------------------------------------------ dates

    def day(self, low: int, high: int) -> int:
        return workday_between(self.workdays, self.rng.random, low, high)

    def moment(self, day: int) -> str:
        return self.ds[day - self.base] + self.moments[int(self.rng.random() * len(self.moments))]

    # ------------------------------------------------------------ one person

    def _person(self, index: int) -> None:
        rng = self.rng
        rnd = rng.random
        t = self.t
        person_id = t["people"].next_id
        t["people"].next_id += 1
        team = self.teams[self.team_pick(rnd)]
        area_name = team.areas(rnd)
        area = self.areas[area_name]

        # Name, sex, birth.
        roll = rnd()
        sex = (
            Sex.MALE
            if roll < 0.56
            else Sex.FEMALE
            if roll < 0.99
            else Sex.NOT_ANSWERED
            if roll < 0.997
            else Sex.OTHER
        )
        family = self.family_pool[int(rnd() * len(self.family_pool))]
        givens = (
            self.female_pool if sex == Sex.FEMALE or (sex != Sex.MALE and rnd() < 0.5) else self.male_pool
        )
        given = givens[int(rnd() * len(givens))]
        born = self.born_low + int((rnd() + rnd()) / 2 * self.born_span)

        # Cases, from the latest back: earlier ones have ended before the next began.
        count = 1 if (x := rnd()) < 0.82 else 2 if x < 0.98 else 3
        last_status = self.last_pick(rnd)
        last_intake = self.intake_day(last_status)
        # Earlier cases: each began at least 60 days before the next one (else it is left out).
        plans = [(last_status, last_intake)]
        room = last_intake - 60 - self.first
        if count > 1 and room > 0:
            starts = sorted((self.first + int(rnd() * room) for _ in range(count - 1)), reverse=True)
            for intake in (self.day(start, start + 7) for start in starts):
                if intake <= plans[0][1] - 60:
                    plans.insert(0, (self.terminal_pick(rnd), intake))

        stage = ""
        dv = rnd() < 0.02
        person_cases = []
        for position, (status, intake) in enumerate(plans):
            bound = plans[position + 1][1] - 1 if position + 1 < len(plans) else self.latest
            stage = self._case(person_id, team, status, intake, bound, stage, person_cases, dv)

        # The person row, last: its stage is the one the cases left it on.
        phone = mobile = phone_key = mobile_key = ""
        key = index + self.person_offset
        if rnd() < 0.35:
            v = (key * 7919 + 12345) % 1_000_000
            phone = f"0154-{v // 10000:02d}-{v % 10000:04d}"
            phone_key = f"0154{v // 10000:02d}{v % 10000:04d}"
        if rnd() < 0.82:
            v = (key * 48271 + 99991) % 100_000_000
            prefix = ("090", "080", "070")[key % 3]
            mobile = f"{prefix}-{v // 10000:04d}-{v % 10000:04d}"
            mobile_key = f"{prefix}{v // 10000:04d}{v % 10000:04d}"
        email = ""
        if rnd() < 0.15:
            email = f"{given[2].lower()}.{family[2].lower()}{key % 997}@example.jp"
        emergency = ""
        if rnd() < 0.4:
            relation = RELATIONS[int(rnd() * len(RELATIONS))]
            relative = self.female_pool[int(rnd() * len(self.female_pool))][0]
            emergency = (
                f"{family[0]} {relative}（{relation}） 090-{key * 31 % 10000:04d}-{key * 17 % 10000:04d}"
            )
        streets = STREETS.get(area_name)
        block, lot, number = 1 + int(rnd() * 9), 1 + int(rnd() * 30), 1 + int(rnd() * 20)
        if rnd() < 0.01:
            address = ""  # no fixed abode
        elif streets:
            address = f"北海道釧路市{streets[int(rnd() * len(streets))]}{block}丁目{lot}-{number}"
        else:
            address = f"北海道{COUNTIES.get(area_name, '')}{area_name}{block}条{number}丁目{lot}"
        first_intake = plans[0][1]
        created = self.moment(first_intake)
        t["people"].rows.append((
            person_id, family[0], given[0], family[1], given[1], dt.date.fromordinal(born).isoformat(), sex,
            area, f"08{4 + int(rnd() * 6)}-{int(rnd() * 10000):04d}", address, phone, mobile, email, emergency,
            dv, stage, family[3] + given[3], family[4] + given[4], given[4], phone_key, mobile_key, None, created,
            created, 1,
        ))  # fmt: skip
        self._placements(person_id, person_cases)

    def intake_day(self, status: str) -> int:
        """How long ago the latest case came in, by the status it has reached."""
        rnd = self.rng.random
        latest, span = self.latest, self.latest - self.first
        if status == S.INTAKE:
            ago = int(rnd() * 30)
        elif status == S.ASSESSMENT:
            ago = 7 + int(rnd() * 80)
        elif status == S.PLANNING:
            ago = 20 + int(rnd() * 120)
        elif status == S.SUPPORT:
            ago = 40 + int(rnd() ** 1.6 * (span - 40))  # mostly recent: long cases are likelier closed
        elif status == S.CLOSURE_PENDING:
            ago = 90 + int(rnd() * (span - 90))
        elif status == S.CLOSED:
            ago = 45 + int(rnd() * (span - 45))
        else:
            ago = int(rnd() * span)
        return self.day(latest - ago - 3, latest - ago)

    # ------------------------------------------------------------ one case

    def _case(self, person_id, team, status, intake, bound, stage, person_cases, dv) -> str:
        """Write one case and its records; returns the person's stage afterwards."""
        rng, t = self.rng, self.t
        rnd = rng.random
        day, moment = self.day, self.moment
        ds, base = self.ds, self.base
        latest = self.latest
        case_id = t["cases"].next_id
        t["cases"].next_id += 1

        worker = team.consultation_pick(rnd) if rnd() < 0.85 else team.employment_pick(rnd)
        received_by = worker if rnd() < 0.8 else team.consultation[int(rnd() * len(team.consultation))]
        employment_worker = None
        welfare = self.welfare_pick(rnd)
        route = self.route_pick(rnd)
        contract = self.contract_pick(rnd)
        referrer = None
        if welfare == WelfareStatus.RECEIVING:
            if contract == Contract.WORK_READINESS:
                contract = Contract.WELFARE_WORK_READINESS
            if rnd() < self.cw_share / 0.22:
                referrer, route = self.cw, Route.CITY_DEPARTMENT
        staff = [worker]

        continuing = status not in (S.INFORMATION_ONLY, S.HANDED_OVER)
        signed = None
        if continuing and (status != S.INTAKE or rnd() < 0.5):
            signed = day(intake, min(intake + 7, bound))
        screening, handover_target, handover_detail = ScreeningOutcome.CONTINUING, "", ""
        if status == S.INFORMATION_ONLY:
            screening = ScreeningOutcome.INFORMATION_ONLY
        elif status == S.HANDED_OVER:
            screening = ScreeningOutcome.HANDOVER
            handover_target, handover_detail = HANDOVERS[int(rnd() * len(HANDOVERS))]

        end = bound if status in OPEN else intake  # last day anything happens to the case
        closed_on = intake if not continuing else None
        next_monitoring = None
        contacts = [intake]
        notes = t["notes"].rows
        note_id = t["notes"].next_id

        # Concerns: 1–3, the first the most pressing.
        concerns = t["concerns"]
        chosen = [Concern.DV_ABUSE] if dv else []
        for _ in range(1 + (rnd() < 0.6) + (rnd() < 0.3)):
            code = self.concern_pick(rnd)
            if code not in chosen:
                chosen.append(code)
        for position, code in enumerate(chosen):
            concerns.rows.append((concerns.next_id, case_id, code, position == 0))
            concerns.next_id += 1

        # Assessment.
        assessed = plan_start = approved = None
        plan_id = None
        plan_status = ""
        if continuing and status != S.INTAKE:
            assessed = day(intake + 3, min(intake + 30, bound))
            confirmed = stage or self.first_stage(rnd)
            stage = self._assessment(case_id, worker, assessed, confirmed, stage, person_id)
            notes.append(
                (
                    note_id,
                    case_id,
                    moment(assessed),
                    NoteMethod.VISIT_IN,
                    worker,
                    60,
                    ASSESSMENT_NOTE,
                    moment(assessed),
                )
            )
            note_id += 1
            contacts.append(assessed)

        # Plan: draft (some assessed cases), submitted (planning) or approved (support and after).
        has_plan = (
            status in (S.PLANNING, S.SUPPORT, S.CLOSURE_PENDING)
            or (status == S.CLOSED and rnd() < 0.9)
            or (status == S.ASSESSMENT and rnd() < 0.3)
        )
        if assessed is not None and has_plan:
            plan_start = day(assessed + 1, min(assessed + 21, bound))
            plan_status = (
                PlanStatus.DRAFT
                if status == S.ASSESSMENT
                else PlanStatus.SUBMITTED
                if status == S.PLANNING
                else PlanStatus.APPROVED
            )
            plan_id, approved, next_monitoring = self._plan(
                case_id, worker, team, plan_status, plan_start, bound, stage
            )

        # Closure.
        if status == S.CLOSED:
            floor = (approved + 30) if approved else (assessed or intake) + 14
            closed_on = day(min(floor, bound), min(floor + 540, bound)) if floor <= bound else bound
            end = closed_on
            stage = self._closure(case_id, worker, team, closed_on, True, plan_id, approved, stage, person_id)
        elif status == S.CLOSURE_PENDING:
            requested = day(max(approved, latest - 14), latest)
            stage = self._closure(
                case_id, worker, team, requested, False, plan_id, approved, stage, person_id
            )

        # A step up the ladder during support, for some.
        stepping = status in (S.SUPPORT, S.CLOSURE_PENDING, S.CLOSED) and stage in (DAILY, SOCIAL)
        if approved and stepping and approved + 60 <= end and rnd() < 0.3:
            reason = "生活リズムが整い、次の段階の活動に参加できるようになったため"
            changed = day(approved + 60, end)
            stage = self._stage_change(
                person_id, LADDER[LADDER.index(stage) + 1], stage, changed, worker, reason
            )

        # The employment worker joins work-oriented cases once the plan is approved.
        if approved and (
            stage == EMPLOYMENT or contract in (Contract.WORK_READINESS, Contract.WELFARE_WORK_READINESS)
        ):
            candidate = team.employment_pick(rnd)
            if candidate != worker:
                employment_worker = candidate
                staff.append(candidate)

        # Monitoring of cases in support: the last one sets the next date (some are overdue).
        if (
            status in (S.SUPPORT, S.CLOSURE_PENDING)
            and next_monitoring is not None
            and next_monitoring < latest - 20
        ):
            monitored = day(max(approved + 14, next_monitoring - 7, latest - 75), latest)
            progress = self.progress_pick(rnd)
            next_monitoring = monitored + 45 + int(rnd() * 46)
            mon = t["monitorings"]
            mon.rows.append((mon.next_id, case_id, plan_id, ds[monitored - base], progress, MONITORING_TEXT[progress],
                             ds[next_monitoring - base], worker, moment(monitored)))  # fmt: skip
            mon.next_id += 1
            contacts.append(monitored)

        # Support notes: intake first, then contacts spread over the case's active time.
        method_text = self.note_texts
        intake_text = INTAKE_NOTES[int(rnd() * len(INTAKE_NOTES))]
        intake_method = NoteMethod.PHONE if intake_text.startswith("電話") else NoteMethod.VISIT_IN
        notes.append(
            (note_id, case_id, moment(intake), intake_method, received_by, 45, intake_text, moment(intake))
        )
        note_id += 1
        extra = self.note_count(status, rnd, has_plan)
        last_contact = intake
        for _ in range(extra):
            when = day(intake, end)
            method, text, low, span = method_text[int(rnd() * len(method_text))]
            who = staff[-1] if len(staff) > 1 and rnd() < 0.3 else worker
            stamp = moment(when)
            notes.append((note_id, case_id, stamp, method, who, low + 5 * int(rnd() * span), text, stamp))
            note_id += 1
            if method in self.contact_methods and when > last_contact:
                last_contact = when
        t["notes"].next_id = note_id
        last_contact = max(last_contact, *contacts)

        # Consents: the signed application; sharing with the city for cw's referrals.
        consents = t["consents"]
        if signed:
            consents.rows.append((consents.next_id, person_id, ConsentScope.APPLICATION, ds[signed - base], None,
                                  "相談申込時に署名", received_by, moment(signed), 1))  # fmt: skip
            consents.next_id += 1
            if referrer and rnd() < 0.8:
                consents.rows.append((consents.next_id, person_id, ConsentScope.SHARE_CITY, ds[signed - base], None,
                                      "生活福祉事務所との情報共有に同意", worker, moment(signed), 1))  # fmt: skip
                consents.next_id += 1

        intake_s = ds[intake - base]
        created = moment(intake)
        t["cases"].rows.append((
            case_id, person_id, team.office.pk, f"{intake_s[:4]}-{case_id:06d}", intake_s, received_by, route, referrer,
            "", "", WISHES[int(rnd() * len(WISHES))], ds[signed - base] if signed else None, screening,
            handover_target, handover_detail, contract, welfare, worker, employment_worker, status,
            ds[closed_on - base] if closed_on else None, ds[last_contact - base],
            ds[next_monitoring - base] if next_monitoring else None, created, moment(max(end, last_contact)),
        ))  # fmt: skip
        if plan_status == PlanStatus.APPROVED:
            person_cases.append((case_id, plan_id, status, approved, end, stage or DAILY, worker))
        return stage

    def note_count(self, status: str, rnd, has_plan: bool) -> int:
        """Notes besides the intake (and assessment) note; about 20 per person in all."""
        if status == S.INTAKE:
            return int(rnd() * 3)
        if status in (S.INFORMATION_ONLY, S.HANDED_OVER):
            return int(rnd() * 2)
        if status == S.ASSESSMENT:
            return 2 + int(rnd() * 6)
        if status == S.PLANNING:
            return 3 + int(rnd() * 7)
        if status == S.CLOSED and not has_plan:
            return 2 + int(rnd() * 8)
        return 7 + int(rnd() * 26)

    def _assessment(self, case_id, worker, assessed, confirmed, stage, person_id) -> str:
        rnd = self.rng.random
        table = self.t["assessments"]
        centres = SCORE_CENTRES[confirmed]
        scores = {}
        for code, group in DOMAIN_GROUPS:
            value = round(centres[group] + (rnd() + rnd() - 1) * 1.6)
            scores[code] = min(5, max(1, value))
        proposed = propose_stage(scores)
        moment = self.moment(assessed)
        pick = self.pick_text
        table.rows.append((
            table.next_id, case_id, self.ds[assessed - self.base], worker, self.work_pick(rnd), self.housing_pick(rnd),
            "国民健康保険" if rnd() < 0.6 else "生活保護（医療扶助）" if rnd() < 0.5 else "社会保険",
            pick(PENSIONS), pick(INCOMES), pick(HISTORIES), pick(STRENGTHS), self.urgency_pick(rnd),
            *scores.values(), proposed, confirmed, NARRATIVES[confirmed], moment,
        ))  # fmt: skip
        table.next_id += 1
        if confirmed != stage:
            return self._stage_change(
                person_id,
                confirmed,
                stage,
                assessed,
                worker,
                f"アセスメント（{self.ds[assessed - self.base]}）で確認",
            )
        return stage

    def _stage_change(self, person_id, stage, previous, changed_on, worker, reason) -> str:
        table = self.t["stage changes"]
        table.rows.append((table.next_id, person_id, stage, previous, self.ds[changed_on - self.base], reason, worker,
                           self.moment(changed_on)))  # fmt: skip
        table.next_id += 1
        return stage

    def _plan(self, case_id, worker, team, status, start, bound, stage) -> tuple[int, int | None, int | None]:
        rnd = self.rng.random
        ds, base, day = self.ds, self.base, self.day
        table = self.t["plans"]
        plan_id = table.next_id
        table.next_id += 1
        stage = stage or DAILY
        end = start + (179 if rnd() < 0.5 else 364)
        next_monitoring = start + 30 + int(rnd() * 46)
        agreed = submitted = approved = meeting = None
        method = ""
        approver = None
        if status != PlanStatus.DRAFT:
            agreed = start
            submitted = day(start, min(start + 3, bound))
        if status == PlanStatus.APPROVED:
            approved = day(submitted + 1, min(submitted + 14, bound)) if submitted < bound else submitted
            approver = team.supervisor
            if rnd() < 0.65:
                method, meeting = ApprovalMethod.MEETING, approved
            else:
                method = ApprovalMethod.SUPERVISOR
        created = self.moment(start)
        last = approved or submitted or start
        goals = STAGE_GOALS[stage]
        table.rows.append((
            plan_id, case_id, 1, status, ds[start - base], ds[end - base], goals[int(rnd() * len(goals))],
            STAGE_STEPS[stage], OWN_ACTIONS[stage], SUPPORTS[stage], SERVICES[stage],
            ds[agreed - base] if agreed else None, ds[next_monitoring - base],
            self.moment(submitted) if submitted else None, method, approver, ds[approved - base] if approved else None,
            ds[meeting - base] if meeting else None, worker, 1 + (submitted is not None) + (approved is not None),
            created, self.moment(last),
        ))  # fmt: skip
        return plan_id, approved, (next_monitoring if approved else None)

    def _closure(
        self, case_id, worker, team, closed_on, approved_closure, plan_id, plan_approved, stage, person_id
    ) -> str:
        rnd = self.rng.random
        ds, base = self.ds, self.base
        reason, detail, changes = self.closure_pick(rnd)
        if reason == ClosureReason.EMPLOYED and stage != EMPLOYMENT and stage:
            stage = self._stage_change(
                person_id, EMPLOYMENT, stage, closed_on, worker, "就職し、一般就労を開始したため"
            )
        decided = decided_by = None
        status = ClosureStatus.REQUESTED
        if approved_closure:
            status = ClosureStatus.APPROVED
            decided_by = team.supervisor
            decided = self.moment(min(closed_on + 1 + int(rnd() * 10), self.latest))
            if plan_id and plan_approved:
                evaluations = self.t["evaluations"]
                evaluations.rows.append((evaluations.next_id, case_id, plan_id, ds[closed_on - base], json.dumps(list(changes)),
                                         detail, EvaluationOutcome.CLOSE, worker, self.moment(closed_on)))  # fmt: skip
                evaluations.next_id += 1
        table = self.t["closures"]
        table.rows.append((table.next_id, case_id, ds[closed_on - base], reason, detail, status, worker,
                           self.moment(closed_on), decided_by, decided, ""))  # fmt: skip
        table.next_id += 1
        return stage

    # ------------------------------------------------------------ placements and attendance

    def _placements(self, person_id: int, cases: list[tuple]) -> None:
        """About 0.5 placements per person, on cases with an approved plan, at distinct hosts."""
        if not cases:
            return
        rnd = self.rng.random
        x = rnd()
        count = 2 if x < 0.15 else 1 if x < self.one_placement else 0
        used: set[int] = set()
        for _ in range(count):
            case_id, plan_id, case_status, approved, end, stage, worker = cases[int(rnd() * len(cases))]
            candidates = [h for h in self.host_list[stage] if h["id"] not in used]
            if not candidates:
                return
            host = candidates[int(rnd() * len(candidates))]
            used.add(host["id"])
            self._placement(person_id, case_id, plan_id, case_status in OPEN, approved, end, host, worker)

    def _placement(self, person_id, case_id, plan_id, open_case, approved, end, host, worker) -> None:
        rnd = self.rng.random
        ds, base = self.ds, self.base
        status = (self.placement_open_pick if open_case else self.placement_closed_pick)(rnd)
        low, high = SESSIONS_ATTENDED[status]
        wanted = low + int(rnd() * (high - low + 1))
        days = host["days"]
        lo = bisect_left(days, approved + 1)
        hi = bisect_right(days, end)  # days[lo:hi] lie within the case's support
        if status in (PlacementStatus.ACTIVE, PlacementStatus.TRIAL, PlacementStatus.VISIT):
            first = max(lo, hi - wanted)  # still going: the attended sessions run up to now
        else:
            first = lo + int(rnd() * max(0, hi - lo - wanted + 1))
        attended = days[first : min(hi, first + wanted)] if wanted else []
        waiting = visited = trial = started = completed = interrupted = None
        reason = ""
        start_day = attended[0] if attended else self.day(min(approved + 1, end), end)
        if status == PlacementStatus.WAITING:
            waiting = (
                self.day(max(approved + 1, self.latest - 60), self.latest)
                if approved < self.latest
                else self.latest
            )
        elif status == PlacementStatus.VISIT:
            visited = start_day
        elif status == PlacementStatus.TRIAL:
            trial = start_day
        else:
            if rnd() < 0.5:
                visited = max(approved, start_day - 7 - int(rnd() * 14))
            if len(attended) > 6 and rnd() < 0.5:
                trial = start_day
                started = attended[3]
            else:
                started = start_day
            last = attended[-1] if attended else start_day
            if status == PlacementStatus.COMPLETED:
                completed = last
            elif status == PlacementStatus.INTERRUPTED:
                interrupted = min(last + int(rnd() * 10), end)
                reason = INTERRUPTIONS[int(rnd() * len(INTERRUPTIONS))]
        steps = [d for d in (waiting, visited, trial, started, completed, interrupted) if d]
        table = self.t["placements"]
        placement_id = table.next_id
        table.next_id += 1

        def text(day):
            return ds[day - base] if day else None

        table.rows.append((
            placement_id, person_id, host["id"], case_id, plan_id, host["name"][:200], worker, status, text(waiting),
            text(visited), text(trial), text(started), text(completed), text(interrupted), reason,
            self.moment(min(steps)), self.moment(max(steps)), 1,
        ))  # fmt: skip
        if attended:
            self._attendance(placement_id, host, attended, host["recorder"] or worker)

    def _attendance(self, placement_id, host, attended, recorder) -> None:
        """One row per session of the placement's span; sessions are shared by the host's placements."""
        rnd = self.rng.random
        sessions = self.session_ids
        session_table = self.t["sessions"]
        table = self.t["attendance"]
        rows = table.rows
        attendance_id = table.next_id
        host_id = host["id"]
        host_key = host_id * 1_000_000
        ds, base = self.ds, self.base
        opening, closing = self.moments[0], self.moments[-1]
        present = (AttendanceStatus.PRESENT, "", host["hours"][0])
        late = (AttendanceStatus.LATE, "", host["hours"][1])
        early = (AttendanceStatus.LEFT_EARLY, "", host["hours"][2])
        absences = [(AttendanceStatus.ABSENT, reason, "0.00") for reason in ABSENCES]
        start, end = host["start"], host["end"]
        for day in attended:
            date = ds[day - base]
            session_id = sessions.get(host_key + day)
            if session_id is None:
                session_id = session_table.next_id
                session_table.next_id += 1
                sessions[host_key + day] = session_id
                session_table.rows.append((session_id, host_id, date, start, end, "", date + opening))
            x = rnd()
            status, reason, hours = (
                present
                if x < 0.85
                else late
                if x < 0.90
                else early
                if x < 0.93
                else absences[int(rnd() * len(absences))]
            )
            rows.append(
                (attendance_id, session_id, placement_id, status, reason, hours, recorder, date + closing)
            )
            attendance_id += 1
        table.next_id = attendance_id

    def _existing_sessions(self) -> None:
        """Sessions already there (a run with --force) are shared, never made twice: (host, day) → id."""
        self.session_ids: dict[int, int] = {}
        starts = {host_id: host["start"] for host_id, host in self.hosts.items()}
        existing = Session.objects.filter(
            host_id__in=list(self.hosts), date__gte=dt.date.fromordinal(self.first)
        )
        for host_id, day, start, session_id in existing.values_list("host_id", "date", "start_time", "id"):
            if (start.isoformat() if start else None) == starts[host_id]:
                self.session_ids[host_id * 1_000_000 + day.toordinal()] = session_id

    # ------------------------------------------------------------ lookup tables

    def prepare(self) -> None:
        rnd = self.rng.random
        self.pick_text = lambda texts: texts[int(rnd() * len(texts))]
        self.areas = {a.name: a.pk for a in Area.objects.all()}
        shares = _last_case_shares()
        self.last_pick = _Pick(list(shares.items()))
        self.terminal_pick = _Pick([(s, STATUS_SHARES[s]) for s in TERMINAL])
        self.route_pick = _Pick(ROUTES)
        self.contract_pick = _Pick(CONTRACTS)
        self.welfare_pick = _Pick(WELFARE)
        self.concern_pick = _Pick(CONCERNS)
        self.first_stage = _Pick(FIRST_STAGE)
        self.work_pick = _Pick(WORK_STATUSES)
        self.housing_pick = _Pick(HOUSINGS)
        self.urgency_pick = _Pick(URGENCIES)
        self.progress_pick = _Pick(
            ((GoalProgress.ACHIEVED, 25), (GoalProgress.PARTLY, 55), (GoalProgress.NOT_YET, 20))
        )
        self.closure_pick = _Pick(
            [((reason, detail, changes), weight) for reason, weight, detail, changes in CLOSURES]
        )
        self.placement_open_pick = _Pick(PLACEMENTS_OPEN_CASE)
        self.placement_closed_pick = _Pick(PLACEMENTS_CLOSED_CASE)
        self.note_texts = []
        for text in NOTE_TEMPLATES:
            method = METHOD_MARKERS[text.split("。", 1)[0]]
            low, high = MINUTES[method]
            self.note_texts.append((method, text, low, (high - low) // 5 + 1))
        self.contact_methods = frozenset(
            {
                NoteMethod.VISIT_IN,
                NoteMethod.PHONE,
                NoteMethod.HOME_VISIT,
                NoteMethod.ACCOMPANY,
                NoteMethod.EMAIL,
            }
        )
        self.born_low = dt.date(1940, 1, 1).toordinal()
        self.born_span = dt.date(2008, 12, 31).toordinal() - self.born_low
        # People with a case in support or after (an approved plan) get the placements: about 0.5 per person.
        eligible = sum(shares[s] for s in (S.SUPPORT, S.CLOSURE_PENDING)) + shares[S.CLOSED] * 0.9
        self.one_placement = 0.15 + max(0.0, min(0.85, 0.5 / max(eligible, 0.1) - 0.3))
        self.person_offset = self.t["people"].next_id


def generate(
    *,
    people: int,
    seed: int = DEFAULT_SEED,
    offices: int = DEFAULT_OFFICES,
    as_of: dt.date | None = None,
    stream: TextIO | None = sys.stderr,
    chunk: int = CHUNK_PEOPLE,
) -> dict[str, int]:
    """Fill the database with `people` synthetic people and everything around them; returns rows per table."""
    bench = BenchData(people=people, seed=seed, offices=offices, as_of=as_of, stream=stream, chunk=chunk)
    return bench.run()
