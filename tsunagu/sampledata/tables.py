"""The tables the case stories are told from: kinds of situation (personas) with their texts, the
texts of each step, and the probabilities and shares of the life-cycle. Plain data: the rules that use
them live in stories.py (the generator), and both writers (the demo's, through the services, and the
bench's bulk rows) write what the generator draws from here.

Repeated entries in a tuple weight the random choice; (value, weight) pairs are weighted choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from tsunagu.cases.models import (
    CaseStatus,
    Challenge,
    ClosureReason,
    Concern,
    Contract,
    GoalProgress,
    HandoverTarget,
    Housing,
    NoteMethod,
    Route,
    StateChange,
    StatutoryService,
    WelfareStatus,
    WorkStatus,
)
from tsunagu.people.models import Stage
from tsunagu.programs.models import AbsenceCategory, AttendanceStatus, PlacementStatus
from tsunagu.sampledata.organisations import ZOO_ASSOCIATION

S = CaseStatus
C = Concern
R = Route
W = WelfareStatus
DAILY, SOCIAL, EMPLOYMENT = Stage.DAILY_LIFE, Stage.SOCIAL_LIFE, Stage.EMPLOYMENT
LADDER = (DAILY, SOCIAL, EMPLOYMENT)

# ---------------------------------------------------------------- the caseload

# The share of all cases in each status (realistic proportions for a hub of this kind).
STATUS_SHARES: dict[str, float] = {
    S.INTAKE: 0.05, S.ASSESSMENT: 0.08, S.PLANNING: 0.04, S.SUPPORT: 0.45, S.CLOSURE_PENDING: 0.02,
    S.CLOSED: 0.28, S.INFORMATION_ONLY: 0.06, S.HANDED_OVER: 0.02,
}  # fmt: skip
OPEN = frozenset({S.INTAKE, S.ASSESSMENT, S.PLANNING, S.SUPPORT, S.CLOSURE_PENDING})
TERMINAL = (S.CLOSED, S.INFORMATION_ONLY, S.HANDED_OVER)
# How many days before the last day the intake of a person's latest case lies, by the status it ends in:
# (fewest, most, skew); the most is cut to the profile's history. A skew above 1 favours recent intakes
# (cases still in support are mostly recent ones: the older a case, the likelier it has closed).
INTAKE_DAYS_AGO: dict[str, tuple[int, int, float]] = {
    S.INTAKE: (0, 21, 1), S.ASSESSMENT: (10, 75, 1), S.PLANNING: (20, 75, 1), S.SUPPORT: (45, 600, 1.3),
    S.CLOSURE_PENDING: (120, 600, 1), S.CLOSED: (100, 100_000, 1), S.INFORMATION_ONLY: (0, 100_000, 1),
    S.HANDED_OVER: (0, 100_000, 1),
}  # fmt: skip
# Journeys that need no supervisor: the only ones an office without a supervisor can hold.
WITHOUT_APPROVAL = frozenset({S.INTAKE, S.ASSESSMENT, S.INFORMATION_ONLY, S.HANDED_OVER})
# A closing case stays in support this many days after its first plan's approval (fewest, most).
SUPPORT_DAYS = (30, 480)
# How long a plan's period runs, in months: a year, with monitorings every 45–90 days and an evaluation at
# its end (a repeated entry would weigh more).
PLAN_MONTHS = (12,)
# An earlier case of the same person came in at least this many days before the next one.
DAYS_BETWEEN_CASES = 60

# The hub's offices: (name, user-name slug, weight, (area, weight) ...). The first is the main office
# (本所, where the demo login soudan works); the demo has the first two, the bench as many as it is asked.
OFFICES: tuple[tuple[str, str, int, tuple[tuple[str, int], ...]], ...] = (
    ("本所", "honsho", 70, (
        ("中央", 20), ("美原", 12), ("元町", 8), ("鳥取", 10), ("大楽毛", 6), ("星が浦", 8), ("愛国", 8),
        ("春採", 8), ("桜ケ岡", 6), ("武佐", 6), ("昭和", 7), ("城山", 5), ("釧路町", 5), ("厚岸町", 2),
        ("標茶町", 2), ("弟子屈町", 1), ("浜中町", 1), ("鶴居村", 1),
    )),
    ("音別サテライト", "onbetsu", 10, (("音別", 5), ("阿寒", 5), ("白糠町", 3))),
    ("釧路町相談室", "kushirocho", 5, (("釧路町", 6), ("厚岸町", 2), ("浜中町", 1))),
    ("白糠相談室", "shiranuka", 5, (("白糠町", 5), ("音別", 1))),
    ("標茶相談室", "shibecha", 5, (("標茶町", 3), ("弟子屈町", 2), ("鶴居村", 1))),
    ("鳥取相談室", "tottori", 5, (("鳥取", 5), ("大楽毛", 3), ("星が浦", 2))),
    ("厚岸相談室", "akkeshi", 5, (("厚岸町", 4), ("浜中町", 2))),
)  # fmt: skip

# ---------------------------------------------------------------- kinds of situation


@dataclass(frozen=True)
class Persona:
    """One kind of situation that brings people to the hub; it keeps each record's story coherent.
    Repeated entries in a tuple weight the random choice."""

    code: str
    weight: int
    ages: tuple[int, int]
    female: float
    concerns: tuple[str, ...]  # the first is always marked and usually the most pressing
    routes: tuple[str, ...]
    contracts: tuple[str, ...]
    welfare: tuple[str, ...]
    stages: tuple[str, ...]  # stage confirmed at the first assessment
    handovers: tuple[tuple[str, str], ...]  # (target, what was done)
    work: tuple[str, ...]
    housing: tuple[str, ...]
    weak: tuple[str, ...]  # assessment domains that score low
    services: tuple[str, ...]  # statutory services applied for besides consultation
    wishes: tuple[str, ...]
    histories: tuple[str, ...]
    goals: tuple[str, ...]
    steps: tuple[str, ...]
    supports: tuple[str, ...]
    intake_notes: tuple[str, ...]
    notes: tuple[str, ...]
    info_note: str
    changes: tuple[str, ...]  # state changes this kind of support tends to bring


PERSONAS: tuple[Persona, ...] = (
    Persona(
        code="debt", weight=16, ages=(25, 70), female=0.4,
        concerns=(C.DEBT, C.RENT_LOAN, C.INCOME, C.TAX_UTILITIES, C.JOB_SEARCH),
        routes=(R.SELF, R.SELF, R.PHONE, R.SOCIAL_WELFARE_COUNCIL, R.CITY_DEPARTMENT),
        contracts=(Contract.HOUSEHOLD_BUDGET, Contract.HOUSEHOLD_BUDGET, Contract.CONSULTATION),
        welfare=(W.NOT_RECEIVING, W.NOT_RECEIVING, W.NOT_RECEIVING, W.UNKNOWN),
        stages=(SOCIAL, EMPLOYMENT, DAILY),
        handovers=((HandoverTarget.LEGAL_AID, "法テラス釧路の無料法律相談につなぎ、債務整理を依頼した"),),
        work=(WorkStatus.NON_REGULAR, WorkStatus.NON_REGULAR, WorkStatus.REGULAR, WorkStatus.SELF_EMPLOYED,
              WorkStatus.UNEMPLOYED),
        housing=(Housing.RENTED, Housing.RENTED, Housing.PUBLIC, Housing.OWNED),
        weak=("debt_budget", "income", "legal"),
        services=(StatutoryService.HOUSEHOLD_BUDGET,),
        wishes=("借金の返済が苦しく、どうしたらよいか相談したい", "家賃を2か月滞納しており、退去を求められないか不安",
                "家計を立て直したい"),
        histories=("水産加工会社で長く働いたが、工場閉鎖で離職。その後の生活費を借入で補ってきた。",
                   "自営業を廃業した際の借入が残っている。", "病気で休職中に収入が減り、カードローンの返済が滞った。"),
        goals=("債務を整理し、家計を立て直す", "家賃の滞納を解消し、住まいを維持する"),
        steps=("家計簿をつけ、1か月の収支を把握する", "法テラスの法律相談を受け、債務整理の方針を決める",
               "滞納している市税の分納を納税課と相談する"),
        supports=("家計改善支援員による家計相談（月1回）", "法テラス釧路での法律相談（同行）"),
        intake_notes=("来所。消費者金融など3社から借入があり、返済が苦しいとのこと。家計の状況を確認した。",
                      "電話。家賃の滞納が続いているとの相談。通帳と督促状を持って来所するよう伝えた。"),
        notes=("来所。家計の状況を確認。次回までに家賃の滞納額を確認する。", "家計簿を一緒に振り返る。食費が予算内に収まった。",
               "同行。法テラス釧路の法律相談に同行。任意整理の方向で進めることになった。",
               "連絡調整。市税の分納について納税課と協議し、結果を本人に伝えた。",
               "来所。督促状の内容を一緒に確認し、返済の優先順位を整理した。",
               "電話。弁護士が受任通知を送付したことを本人に伝えた。督促が止まり安心した様子。"),
        info_note="来所。債務整理の方法と法テラスの無料法律相談について情報提供した。",
        changes=(StateChange.BUDGET, StateChange.MENTAL_STABILITY, StateChange.RELATIONSHIPS, StateChange.MOTIVATION),
    ),
    Persona(
        code="job", weight=18, ages=(20, 62), female=0.35,
        concerns=(C.JOB_SEARCH, C.INCOME, C.WORK_TROUBLE, C.HOUSING, C.RENT_LOAN),
        routes=(R.SELF, R.SELF, R.HELLO_WORK, R.HELLO_WORK, R.PHONE),
        contracts=(Contract.CONSULTATION, Contract.WORK_READINESS, Contract.WORK_READINESS),
        welfare=(W.NOT_RECEIVING, W.NOT_RECEIVING, W.NOT_RECEIVING, W.APPLYING, W.UNKNOWN),
        stages=(EMPLOYMENT, EMPLOYMENT, SOCIAL),
        handovers=((HandoverTarget.HELLO_WORK, "ハローワーク釧路の職業相談窓口につないだ"),),
        work=(WorkStatus.UNEMPLOYED, WorkStatus.UNEMPLOYED, WorkStatus.NON_REGULAR),
        housing=(Housing.RENTED, Housing.RENTED, Housing.DORMITORY, Housing.PUBLIC),
        weak=("work", "income"),
        services=(StatutoryService.HOUSING_BENEFIT, StatutoryService.WORK_READINESS),
        wishes=("仕事を探しているがなかなか決まらない", "体力に合った仕事に就きたい",
                "寮を出なければならず、仕事と住まいを探したい"),
        histories=("高校卒業後、製紙工場で20年勤務。人員整理で離職した。", "派遣で道外の工場を転々とし、釧路に戻ってきた。",
                   "介護職として働いていたが腰を痛めて退職した。"),
        goals=("自分に合った仕事に就き、安定した収入を得る", "一般就労を続け、生活を安定させる"),
        steps=("履歴書を作成し、月4件以上応募する", "面接練習を行い、自信を持って面接に臨む", "介護職員初任者研修を修了する"),
        supports=("就労支援員による求職活動支援（週1回面談）", "無料職業紹介による求人紹介"),
        intake_notes=("来所。3か月前に離職し、求職中。雇用保険の受給が来月で終わるとのこと。",
                      "来所。ハローワークからの紹介。応募しても面接で落ちてしまうと話す。"),
        notes=("来所。履歴書の書き方を一緒に確認。志望動機を次回までに考えてくる。", "同行。ハローワーク釧路で求人2件を検討した。",
               "来所。面接練習を実施。受け答えがはっきりしてきた。", "来所。無料職業紹介の求人（清掃・週4日）を紹介。本人は前向き。",
               "電話。応募した介護施設から面接の連絡があったとのこと。日程を一緒に調整した。",
               "電話。面接の結果は不採用。気持ちを受け止め、次の応募先を一緒に探すことにした。"),
        info_note="来所。ハローワークの求人検索の方法と職業訓練の制度を案内した。",
        changes=(StateChange.JOB_SEARCH, StateChange.MOTIVATION, StateChange.TRAINING, StateChange.MENTAL_STABILITY),
    ),
    Persona(
        code="withdrawal", weight=10, ages=(16, 50), female=0.3,
        concerns=(C.WITHDRAWAL, C.FAMILY, C.HEALTH, C.JOB_SEARCH),
        routes=(R.FAMILY, R.FAMILY, R.PHONE, R.WELFARE_VOLUNTEER, R.MEDICAL),
        contracts=(Contract.WORK_READINESS, Contract.CONSULTATION),
        welfare=(W.NOT_RECEIVING, W.NOT_RECEIVING, W.NOT_RECEIVING, W.UNKNOWN),
        stages=(DAILY, DAILY, SOCIAL),
        handovers=((HandoverTarget.MEDICAL, "精神科クリニックの受診につないだ"),
                   (HandoverTarget.OTHER, "北海道ひきこもり成年相談センターを紹介し、相談予約を支援した")),
        work=(WorkStatus.UNEMPLOYED,),
        housing=(Housing.OWNED, Housing.RENTED),
        weak=("social_connection", "daily_routine", "mental_health"),
        services=(StatutoryService.WORK_READINESS,),
        wishes=("家から出られるようになりたい", "（家族）長年家にこもっている。親亡き後が心配"),
        histories=("高校を中退してから、自宅で過ごすことが多くなった。",
                   "大学卒業後に就職したが、職場の人間関係で退職。以来外出が減った。"),
        goals=("生活リズムを整え、家の外に居場所を持つ", "人との関わりを増やし、働くことを考えられるようになる"),
        steps=("毎朝9時までに起床する", "週1回、協議会の居場所プログラムに参加する",
               "生活リズムを整え、週3回ボランティア体験に参加する"),
        supports=("相談支援員による訪問（週1回）", "PCラボ「なんでもやってみるラボ」の利用"),
        intake_notes=("来所。家族から相談。長年ひきこもっているが、本人はまだ来所に同意していない。",
                      "電話。本人から連絡あり。外に出るきっかけがほしいと話す。"),
        notes=("訪問。本人と玄関先で10分ほど話せた。次回も同じ時間に訪問する。", "来所。初めて一人で来所できた。PCラボで30分過ごす。",
               "来所。家族と面談。家での様子は少しずつ変わってきているとのこと。",
               "来所。居場所プログラムに参加。他の参加者とボードゲームをして過ごした。",
               "訪問。会えず。手紙を置いてきた。", "来所。ボランティア体験の振り返り。「人と話すのが少し楽になった」と話す。"),
        info_note="電話。家族から相談。ひきこもり家族会と協議会の居場所プログラムを案内した。",
        changes=(StateChange.HABITS, StateChange.PARTICIPATION, StateChange.RELATIONSHIPS, StateChange.MENTAL_STABILITY,
                 StateChange.MOTIVATION),
    ),
    Persona(
        code="health", weight=12, ages=(30, 65), female=0.5,
        concerns=(C.HEALTH, C.INCOME, C.JOB_SEARCH, C.COMMUNITY),
        routes=(R.MEDICAL, R.MEDICAL, R.SELF, R.COMMUNITY_SUPPORT_CENTRE, R.CITY_DEPARTMENT),
        contracts=(Contract.CONSULTATION, Contract.WORK_READINESS),
        welfare=(W.NOT_RECEIVING, W.RECEIVING, W.APPLYING, W.UNKNOWN),
        stages=(DAILY, SOCIAL),
        handovers=((HandoverTarget.DISABILITY, "障害福祉サービスの相談支援事業所につないだ"),
                   (HandoverTarget.MEDICAL, "病院の医療ソーシャルワーカーにつないだ")),
        work=(WorkStatus.UNEMPLOYED, WorkStatus.NON_REGULAR, WorkStatus.OTHER),
        housing=(Housing.RENTED, Housing.PUBLIC),
        weak=("physical_health", "mental_health", "work"),
        services=(StatutoryService.WORK_READINESS,),
        wishes=("体調に合わせて少しずつ働きたい", "病気で仕事を辞め、生活費が心配"),
        histories=("うつ病で通院中。調子の波がある。", "脳梗塞の後遺症で右手に軽い麻痺がある。", "糖尿病の治療を中断していた。"),
        goals=("体調を安定させ、無理のない形で社会参加する", "通院を続けながら、短時間の仕事に就く"),
        steps=("通院を継続し、服薬を自己管理する", "障害者手帳の申請について主治医と相談する", "週2回、病院ボランティア体験に参加する"),
        supports=("精神保健福祉支援（通院同行・随時）", "主治医との連携（3か月ごと）"),
        intake_notes=("来所。病院の医療ソーシャルワーカーからの紹介。退院後の生活に不安がある。",
                      "来所。体調不良で退職し、傷病手当金の支給が終わったとのこと。"),
        notes=("同行。通院に同行。主治医から服薬を続けるよう説明があった。",
               "電話。体調を確認。眠れない日が続いているとのこと。無理をしないよう伝えた。",
               "来所。障害者手帳の申請書類を一緒に準備した。", "同行。病院ボランティアに同行。受付の案内を1時間担当した。",
               "電話。体調不良のため今日の予定を休むと連絡あり。", "連絡調整。主治医の意見書が届き、就労は短時間から可能との判断。"),
        info_note="来所。傷病手当金と障害年金の制度について情報提供した。",
        changes=(StateChange.HEALTH, StateChange.MENTAL_STABILITY, StateChange.HABITS, StateChange.OTHER_LIFE,
                 StateChange.PARTICIPATION),
    ),
    Persona(
        code="welfare", weight=18, ages=(25, 64), female=0.4,
        concerns=(C.JOB_SEARCH, C.HEALTH, C.INCOME, C.COMMUNITY, C.DEBT),
        routes=(R.CITY_DEPARTMENT, R.CITY_DEPARTMENT, R.CITY_DEPARTMENT, R.CITY_DEPARTMENT, R.SELF),
        contracts=(Contract.WELFARE_WORK_READINESS,),
        welfare=(W.RECEIVING,),
        stages=(SOCIAL, SOCIAL, DAILY, EMPLOYMENT),
        handovers=((HandoverTarget.HELLO_WORK, "生活保護受給者等就労自立促進事業でハローワーク釧路につないだ"),),
        work=(WorkStatus.UNEMPLOYED, WorkStatus.UNEMPLOYED, WorkStatus.NON_REGULAR),
        housing=(Housing.RENTED, Housing.PUBLIC),
        weak=("work", "income", "social_connection"),
        services=(),
        wishes=("ケースワーカーに勧められた。少しずつ働く準備をしたい", "保護から抜け出して自分の収入で暮らしたい"),
        histories=("離婚後に体調を崩し、3年前から生活保護を受給している。", "長く日雇いの仕事をしていたが、仕事が減って保護を申請した。"),
        goals=("就労体験を重ね、自分に合った働き方を見つける", "就労収入を増やし、生活保護からの自立を目指す"),
        steps=("週3回、整網作業に参加する", "公園管理ボランティア体験に週2回参加する", "ケースワーカーと月1回、就労状況を確認する"),
        supports=("被保護者就労準備支援事業による就労体験", "ケースワーカーとの定期的な情報共有（月1回）"),
        intake_notes=("来所。ケースワーカーと一緒に来所。被保護者就労準備支援事業の利用について説明した。",
                      "来所。ケースワーカーからの紹介。以前は建設業で働いていた。"),
        notes=("来所。整網作業の日報を一緒に確認。作業に慣れてきて、仕上がり数が増えた。",
               "連絡調整。ケースワーカーと情報共有。就労収入の申告について本人にも説明した。",
               "同行。公園管理ボランティアに同行。休まず通えている。",
               "来所。就労体験の振り返り。作業の段取りがよくなったと受入先から評価があった。",
               "電話。寝坊して作業を休んだと連絡あり。生活リズムを一緒に見直すことにした。",
               "同行。ハローワーク釧路の就労支援ナビゲーターとの面談に同行した。"),
        info_note="来所。被保護者就労準備支援事業の内容を説明した。本人はしばらく考えたいとのこと。",
        changes=(StateChange.HABITS, StateChange.PARTICIPATION, StateChange.JOB_SEARCH, StateChange.MOTIVATION),
    ),
    Persona(
        code="housing", weight=9, ages=(25, 75), female=0.3,
        concerns=(C.HOUSING, C.NO_FOOD, C.INCOME, C.RENT_LOAN),
        routes=(R.SELF, R.PHONE, R.CITY_DEPARTMENT, R.SOCIAL_WELFARE_COUNCIL, R.WELFARE_VOLUNTEER),
        contracts=(Contract.CONSULTATION,),
        welfare=(W.APPLYING, W.NOT_RECEIVING, W.NOT_RECEIVING, W.UNKNOWN),
        stages=(DAILY, SOCIAL),
        handovers=((HandoverTarget.PUBLIC_ASSISTANCE, "生活保護の申請に同行し、生活保護窓口につないだ"),
                   (HandoverTarget.PUBLIC_ASSISTANCE, "所持金がなく、その日のうちに生活保護窓口につないだ"),
                   (HandoverTarget.SOCIAL_WELFARE_COUNCIL, "社協の緊急小口資金の申請につないだ")),
        work=(WorkStatus.UNEMPLOYED, WorkStatus.NON_REGULAR),
        housing=(Housing.RENTED, Housing.HOMELESS, Housing.OTHER, Housing.DORMITORY),
        weak=("housing", "income"),
        services=(StatutoryService.HOUSING_BENEFIT, StatutoryService.HOUSING_SUPPORT),
        wishes=("所持金が底をつき、食べる物がない", "アパートの退去を求められている"),
        histories=("住み込みの仕事を辞め、知人宅を転々としている。", "家賃を3か月滞納し、退去を求められている。"),
        goals=("安定した住まいを確保し、生活を立て直す",),
        steps=("住居確保給付金を申請する", "市営住宅の申込みをする", "フードバンクを利用しながら生活費を管理する"),
        supports=("住居確保給付金の申請支援", "フードバンクによる食料支援"),
        intake_notes=("来所。所持金が数百円しかなく、2日間食事をしていない。フードバンクの食料を渡した。",
                      "電話。アパートの退去期限が迫っているとの相談。翌日の来所を約束した。"),
        notes=("来所。住居確保給付金の申請書類を一緒に作成した。", "同行。市営住宅の申込みに同行した。",
               "来所。フードバンクの食料を手渡した。次回は家計の相談。",
               "連絡調整。不動産会社と調整し、保証人不要の物件を2件紹介された。",
               "訪問。新しいアパートへの引っ越しを確認。寄付の布団と暖房器具を手配した。",
               "電話。家主から家賃の入金を確認したと連絡があったことを伝えた。"),
        info_note="来所。住居確保給付金の要件と申請方法を説明した。",
        changes=(StateChange.HOUSING, StateChange.BUDGET, StateChange.RELATIONSHIPS, StateChange.OTHER_LIFE),
    ),
    Persona(
        code="dv", weight=3, ages=(20, 55), female=0.95,
        concerns=(C.DV_ABUSE, C.HOUSING, C.FAMILY, C.INCOME, C.CHILDCARE),
        routes=(R.CITY_DEPARTMENT, R.OTHER, R.PHONE),
        contracts=(Contract.CONSULTATION,),
        welfare=(W.APPLYING, W.NOT_RECEIVING, W.RECEIVING),
        stages=(DAILY,),
        handovers=((HandoverTarget.OTHER, "配偶者暴力相談支援センターにつなぎ、一時保護となった"),),
        work=(WorkStatus.UNEMPLOYED, WorkStatus.NON_REGULAR),
        housing=(Housing.OTHER, Housing.RENTED),
        weak=("family", "housing", "mental_health"),
        services=(StatutoryService.HOUSING_BENEFIT,),
        wishes=("配偶者から離れて、子どもと安全に暮らしたい",),
        histories=("結婚後から配偶者の暴言と暴力が続いていた。子どもを連れて避難した。",),
        goals=("安全な住まいで子どもと安心して暮らす",),
        steps=("保護命令と離婚について法テラスで相談する", "転居後の生活費の見通しを立てる", "子どもの転校手続きを進める"),
        supports=("法テラス釧路での法律相談（同行）", "住民票の閲覧制限の手続き支援"),
        intake_notes=("来所。市の相談窓口からの紹介。住所は秘匿扱いとする。面談は別室で行った。",),
        notes=("来所。体調と子どもの様子を確認。夜は眠れるようになってきたとのこと。", "同行。法テラス釧路の法律相談に同行した。",
               "来所。住民票の閲覧制限の手続きを一緒に確認した。",
               "電話。加害者からの連絡はないとのこと。緊急時の連絡先を再確認した。",
               "連絡調整。学校と連携し、子どもの転校後の様子を確認した。"),
        info_note="電話。配偶者暴力相談支援センターの連絡先を案内した。",
        changes=(StateChange.HOUSING, StateChange.MENTAL_STABILITY, StateChange.RELATIONSHIPS),
    ),
    Persona(
        code="elderly", weight=8, ages=(60, 85), female=0.5,
        concerns=(C.INCOME, C.HEALTH, C.CARE, C.COMMUNITY, C.TAX_UTILITIES),
        routes=(R.WELFARE_VOLUNTEER, R.COMMUNITY_SUPPORT_CENTRE, R.FAMILY, R.PHONE, R.SELF),
        contracts=(Contract.CONSULTATION, Contract.HOUSEHOLD_BUDGET),
        welfare=(W.NOT_RECEIVING, W.NOT_RECEIVING, W.APPLYING, W.RECEIVING),
        stages=(DAILY, SOCIAL),
        handovers=((HandoverTarget.COMMUNITY_SUPPORT_CENTRE,
                    "地域包括支援センターにつなぎ、介護保険の申請を支援してもらうことにした"),),
        work=(WorkStatus.PENSION, WorkStatus.PENSION, WorkStatus.NON_REGULAR),
        housing=(Housing.OWNED, Housing.RENTED, Housing.PUBLIC),
        weak=("income", "physical_health", "social_connection"),
        services=(StatutoryService.HOUSEHOLD_BUDGET,),
        wishes=("年金だけでは生活が苦しい", "配偶者の介護と自分の体調が心配"),
        histories=("漁業関係の仕事を定年まで続けた。", "配偶者を亡くしてから一人暮らし。近所付き合いはほとんどない。"),
        goals=("年金の範囲で暮らせるよう家計を見直す", "地域とのつながりを持ち、安心して暮らす"),
        steps=("家計簿をつけ、光熱費の支払いを計画的に行う", "ふまねっと教室に月2回参加する", "民生委員の見守り訪問を受け入れる"),
        supports=("民生委員による見守り訪問（月2回）", "家計改善支援員による家計相談（月1回）"),
        intake_notes=("来所。民生委員の紹介。年金だけでは光熱費の支払いが苦しいとのこと。",
                      "電話。地域包括支援センターから連絡。一人暮らしで、電気料金を滞納している。"),
        notes=("訪問。灯油の残量を確認。冬の暖房費について相談した。", "連絡調整。民生委員と情報共有。見守り訪問を続けてもらう。",
               "同行。ふまねっと教室に同行。楽しかったと話す。", "来所。年金の振込額と支出を一緒に確認した。",
               "電話。体調を確認。通院は続けているとのこと。"),
        info_note="来所。社協の生活福祉資金と地域の見守り活動について情報提供した。",
        changes=(StateChange.BUDGET, StateChange.PARTICIPATION, StateChange.RELATIONSHIPS, StateChange.HEALTH),
    ),
    Persona(
        code="single_parent", weight=8, ages=(24, 50), female=0.85,
        concerns=(C.CHILDCARE, C.INCOME, C.JOB_SEARCH, C.FAMILY, C.RENT_LOAN),
        routes=(R.SELF, R.CITY_DEPARTMENT, R.PHONE, R.SOCIAL_WELFARE_COUNCIL),
        contracts=(Contract.CONSULTATION, Contract.HOUSEHOLD_BUDGET, Contract.CONSULTATION),
        welfare=(W.NOT_RECEIVING, W.NOT_RECEIVING, W.RECEIVING, W.APPLYING),
        stages=(SOCIAL, EMPLOYMENT),
        handovers=((HandoverTarget.OTHER, "こども家庭課のひとり親相談窓口につないだ"),),
        work=(WorkStatus.NON_REGULAR, WorkStatus.NON_REGULAR, WorkStatus.UNEMPLOYED),
        housing=(Housing.RENTED, Housing.PUBLIC),
        weak=("income", "children_education"),
        services=(StatutoryService.CHILDREN_LEARNING, StatutoryService.HOUSEHOLD_BUDGET),
        wishes=("子どもの進学費用が心配", "子育てと両立できる仕事を探したい"),
        histories=("離婚後、パートを掛け持ちして子どもを育てている。", "子どもの不登校をきっかけに仕事を辞めた。"),
        goals=("子育てと両立できる仕事に就き、家計を安定させる", "子どもが希望する高校に進学できるよう支える"),
        steps=("子どもが学習支援「まじくる」に週1回通う", "児童扶養手当の現況届を期限内に提出する", "正社員の求人に月2件応募する"),
        supports=("子どもの学習支援「まじくる」（週1回）", "高校進学支援（説明会・個別相談）"),
        intake_notes=("来所。パート収入だけでは生活が苦しい。中学3年の子どもの進学が心配とのこと。",),
        notes=("同行。子どもの学習支援「まじくる」の見学に同行した。", "来所。高校進学支援の説明会に親子で参加。",
               "来所。家計の状況を確認。就学援助の申請を案内した。", "電話。子どもが学習支援に休まず通っていると聞いた。",
               "来所。子育てと両立できる求人を一緒に探した。"),
        info_note="来所。児童扶養手当と就学援助、子どもの学習支援について情報提供した。",
        changes=(StateChange.BUDGET, StateChange.MOTIVATION, StateChange.RELATIONSHIPS, StateChange.EARNED_INCOME),
    ),
)  # fmt: skip

STAGE_GOALS = {
    DAILY: ("生活リズムを整え、安心して暮らせるようにする", "体調を安定させ、定期的に外出できるようにする"),
    SOCIAL: ("人との関わりを増やし、社会参加の場を持つ", "ボランティア体験を通じて働く自信をつける"),
    EMPLOYMENT: ("自分に合った仕事に就き、安定した収入を得る", "就職し、職場に定着する"),
}
STAGE_STEPS = {
    DAILY: ("毎朝8時に起床し、週1回プログラムに参加する", "3食きちんと食べる", "整理収納支援を受け、部屋を片付ける",
            "通院を継続し、服薬を自己管理する"),
    SOCIAL: ("生活リズムを整え、週3回ボランティア体験に参加する", "地域食堂の手伝いに月2回参加する", "体験先に遅刻せずに通う"),
    EMPLOYMENT: ("履歴書を作成し、月4件以上応募する", "面接練習を3回行う", "インターンシップに参加し、仕事の流れを体験する"),
}  # fmt: skip
OWN_ACTIONS = {
    DAILY: ("毎日の起床時間と食事を記録する", "困ったときは早めに相談員に電話する"),
    SOCIAL: ("体験先には自分でバスに乗って通う", "参加した日の様子を日記に書く"),
    EMPLOYMENT: ("ハローワークに週1回通う", "求人情報を毎日確認する"),
}
# (planned support, host organisation or "", only for welfare recipients)
STAGE_PROGRAMMES: dict[str, tuple[tuple[str, str, bool], ...]] = {
    DAILY: (
        ("日常生活意欲向上支援プログラム（協議会・週1回）", "", False),
        ("整理収納支援（協議会・月2回）", "", False),
        ("地域食堂での食事と手伝い（みはらかがやき食堂・週1回）", "みはらかがやき食堂", False),
    ),
    SOCIAL: (
        ("動物園環境整備ボランティア体験（NPO法人 動物園協会・週2回）", ZOO_ASSOCIATION, False),
        ("公園管理ボランティア体験（釧路市公園緑化協会・週2回）", "公益財団法人 釧路市公園緑化協会", False),
        ("介護施設ボランティア体験（ケアコートひまわり・週1回）", "ケアコートひまわり", False),
        ("病院ボランティア体験（星が浦病院・週1回）", "星が浦病院", False),
        ("アトリエななみでの雑巾縫い（地域生活支援ネットワークサロン・週2回）", "NPO法人 地域生活支援ネットワークサロン", False),
        ("ふまねっとサポーター活動体験（NPO法人 ふまねっと・月2回）", "NPO法人 ふまねっと", False),
        ("漁網の整網作業（中間的就労・週3回）", "", False),
    ),
    EMPLOYMENT: (
        ("生活保護受給者等就労自立促進事業（ハローワーク釧路）", "ハローワーク釧路", True),
        ("インターンシップ（株式会社ビケンワーク・2週間）", "株式会社ビケンワーク", False),
        ("インターンシップ（KCMコーポレーション・2週間）", "KCMコーポレーション", False),
        ("生業扶助を活用した資格取得（介護職員初任者研修）", "", True),
        ("無料職業紹介による求人紹介", "", False),
    ),
}  # fmt: skip

# Support notes start with how the contact happened (来所。電話。…); notes without one get one drawn.
METHOD_MARKERS = {
    "来所": NoteMethod.VISIT_IN, "電話": NoteMethod.PHONE, "訪問": NoteMethod.HOME_VISIT,
    "同行": NoteMethod.ACCOMPANY, "メール": NoteMethod.EMAIL, "連絡調整": NoteMethod.AGENCY,
    "ケース会議": NoteMethod.MEETING, "支援調整会議": NoteMethod.MEETING,
}  # fmt: skip
DRAWN_MARKERS = ("来所", "来所", "来所", "電話", "電話", "訪問", "メール")
MINUTES = {
    NoteMethod.VISIT_IN: (30, 90), NoteMethod.PHONE: (5, 20), NoteMethod.HOME_VISIT: (45, 120),
    NoteMethod.ACCOMPANY: (60, 180), NoteMethod.EMAIL: (5, 15), NoteMethod.AGENCY: (15, 45),
    NoteMethod.MEETING: (30, 90),
}  # fmt: skip
EARLY_NOTES = (
    "電話。次回の来所日を調整した。", "来所。申込書の内容を一緒に確認した。", "来所。収入と支出の状況を聞き取った。",
    "電話。必要書類（通帳、保険証）を持参するよう伝えた。", "近況を確認。体調は安定しているとのこと。",
)  # fmt: skip
GENERAL_NOTES = (
    "近況を確認。体調は安定しているとのこと。", "電話。次回の来所日を調整した。",
    "本人から相談あり。今月の生活費が足りないため、社協の緊急小口資金を案内した。",
    "ケース会議。支援の進み具合を共有し、今後の方針を確認した。", "訪問。不在。手紙を投函し、連絡を待つ。",
    "電話。つながらず。留守番電話にメッセージを残した。", "メール。書類の提出期限について連絡した。",
    "来所。役所から届いた書類の内容を一緒に確認した。",
)  # fmt: skip
STAGE_NOTES = {
    DAILY: ("同行。通院に同行。主治医から生活リズムを整えるよう助言があった。",
            "訪問。整理収納支援。台所の片付けを一緒に行った。次回は居間。",
            "来所。日常生活意欲向上支援プログラムに参加。表情が明るくなってきた。",
            "来所。生活リズム表を一緒に確認。起床時間が少しずつ早くなってきている。",
            "訪問。食事が取れているか確認。フードバンクの食料を手渡した。"),
    SOCIAL: ("同行。動物園での環境整備ボランティアに同行。落ち葉集めを2時間行った。",
             "来所。ボランティア体験の振り返り。「人と話すのが少し楽になった」と話す。",
             "連絡調整。ボランティア先の担当者と様子を共有した。遅刻なく参加できている。",
             "同行。整網作業の見学に同行。来週から作業に参加することになった。",
             "来所。整網作業の日報を一緒に確認。仕上がり数が増えている。",
             "同行。アトリエななみで雑巾縫いを体験。集中して取り組めていた。"),
    EMPLOYMENT: ("来所。履歴書の書き方を一緒に確認。志望動機を次回までに考えてくる。",
                 "同行。ハローワーク釧路で求人2件を検討した。", "来所。面接練習を実施。受け答えがはっきりしてきた。",
                 "連絡調整。インターンシップ先と打合せ。来週から3日間の実習が決まった。",
                 "電話。応募先から面接日の連絡があったとのこと。日程を一緒に調整した。",
                 "訪問。就職後の定着確認。仕事は大変だが続けられそうとのこと。"),
}  # fmt: skip
ASSESSMENT_NOTE = "来所。アセスメント面談。生活歴と現在の困りごとを聞き取った。"
AGREEMENT_NOTE = "来所。プラン案を本人と確認し、同意を得た。"
APPROVAL_NOTE = "電話。プランが承認されたことを本人に伝えた。"
MONITORING_NOTE = "来所。モニタリング面談。プランの進み具合を本人と一緒に確認した。"
EVALUATION_NOTE = "来所。プランの評価面談。これまでの取組を一緒に振り返った。"
CLOSING_NOTE = "来所。終結について本人と話し合い、了承を得た。いつでも相談できることを伝えた。"
HANDOVER_FOLLOW_UP = "電話。つなぎ先に本人が相談に行ったことを確認した。"

MONITORING_NOTES = {
    GoalProgress.ACHIEVED: ("短期目標をおおむね達成。本人の自信につながっている。",
                            "予定どおり参加できている。次の目標を一緒に考え始めた。"),
    GoalProgress.PARTLY: ("参加は週1回にとどまるが、休まず続けられている。", "体調の波はあるが、通院と活動は継続できている。",
                          "できている週とできていない週がある。取り組み方を一緒に見直した。"),
    GoalProgress.NOT_YET: ("体調不良が続き、予定の活動に参加できていない。目標を見直す必要あり。",
                           "連絡が途切れがち。訪問を増やして様子を確認する。"),
}  # fmt: skip
REPLAN_SUMMARIES = (
    "プラン期間の目標は一部達成。次の段階に向けて新たなプランを作成する。",
    "生活リズムが整い、活動に継続して参加できた。次は一段上の目標に取り組む。",
    "目標は未達成だが本人の意欲は保たれている。目標を小さくして再プランとする。",
)
STAGE_REASONS = {
    (DAILY, SOCIAL): "生活リズムが整い、プログラムに休まず参加できるようになったため",
    (SOCIAL, EMPLOYMENT): "ボランティア体験を継続でき、就労に向けた意欲が高まったため",
    (SOCIAL, DAILY): "体調を崩し、生活の立て直しを優先するため",
    (EMPLOYMENT, SOCIAL): "就職活動の負担が大きく、体験活動から再開するため",
}
# Reason for closing, with the summary written at the closing evaluation and the state changes it adds.
CLOSURES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    ClosureReason.EMPLOYED: (
        ("介護施設にパートで就職。3か月の定着を確認し、終結とする。",
         (StateChange.JOB_SEARCH, StateChange.EMPLOYED, StateChange.EARNED_INCOME)),
        ("清掃会社に正社員として採用された。就労が安定したため終結。", (StateChange.EMPLOYED, StateChange.EARNED_INCOME)),
        ("水産加工会社に就職。職場にも慣れ、本人の希望により終結。", (StateChange.EMPLOYED, StateChange.EARNED_INCOME)),
    ),
    ClosureReason.INCOME_ROSE: (
        ("勤務時間が増え、就労収入が増加。家計も安定したため終結とする。", (StateChange.EARNED_INCOME, StateChange.BUDGET)),
        ("障害年金の受給が決まり、生活の見通しが立ったため終結。", (StateChange.OTHER_LIFE,)),
    ),
    ClosureReason.GOAL_ACHIEVED: (
        ("債務整理が完了し、家計が安定した。当初の目標を達成したため終結。", (StateChange.BUDGET,)),
        ("生活リズムが整い、地域の居場所に自ら通えるようになった。目標達成として終結。",
         (StateChange.HABITS, StateChange.PARTICIPATION)),
        ("転居先で生活が落ち着き、家賃の支払いも安定した。目標達成として終結。", (StateChange.HOUSING,)),
    ),
    ClosureReason.REFERRED: (
        ("障害福祉サービスの利用が始まり、相談支援事業所に引き継いだ。", (StateChange.OTHER_LIFE,)),
        ("介護保険サービスの利用が始まり、地域包括支援センターに引き継いだ。", (StateChange.RELATIONSHIPS,)),
    ),
    ClosureReason.PUBLIC_ASSISTANCE: (
        ("生活保護の受給が決定し、ケースワーカーに引き継いだ。", (StateChange.OTHER_LIFE,)),
    ),
    ClosureReason.MOVED: (
        ("札幌市内の親族宅へ転居。本人の同意を得て転居先の自立相談支援機関に情報提供した。", ()),
    ),
    ClosureReason.LOST_CONTACT: (
        ("3か月以上連絡が取れず、訪問しても不在が続いた。連絡途絶として終結。", ()),
    ),
    ClosureReason.OWN_WISH: (
        ("本人から、しばらく自分の力でやってみたいとの申し出があり終結。いつでも相談できることを伝えた。",
         (StateChange.MOTIVATION,)),
    ),
    ClosureReason.DIED: (("入院中に逝去されたと親族から連絡があった。", ()),),
    ClosureReason.OTHER: (("施設に入所したため終結。", ()),),
}  # fmt: skip
CLOSURE_WEIGHTS = (
    (ClosureReason.GOAL_ACHIEVED, 6), (ClosureReason.REFERRED, 4), (ClosureReason.LOST_CONTACT, 3),
    (ClosureReason.MOVED, 2), (ClosureReason.OWN_WISH, 2), (ClosureReason.INCOME_ROSE, 2), (ClosureReason.OTHER, 1),
    (ClosureReason.PUBLIC_ASSISTANCE, 1),
)  # fmt: skip
EARLY_CLOSURES = (
    ClosureReason.LOST_CONTACT,
    ClosureReason.MOVED,
    ClosureReason.OWN_WISH,
    ClosureReason.REFERRED,
)
WORK_PERSONAS = frozenset({"job", "welfare", "single_parent"})

STRENGTHS = (
    "約束の時間を守る", "手先が器用", "人と話すのが好き", "体力に自信がある", "家族の支えがある", "運転免許を持っている",
    "パソコンの基本操作ができる", "こつこつ続けることができる",
)  # fmt: skip
STAGE_NARRATIVES = {
    DAILY: "まずは生活の土台（体調・住まい・生活リズム）を整える段階と見立てた。",
    SOCIAL: "生活は安定しつつあり、人との関わりと社会参加の機会を広げる段階と見立てた。",
    EMPLOYMENT: "就労に向けた準備が整いつつあり、求職活動を支える段階と見立てた。",
}
DAILY_DOMAINS = ("daily_routine", "physical_health", "mental_health", "housing")
SOCIAL_DOMAINS = ("social_connection", "family")
WORK_DOMAINS = ("work", "income")
# Centre of the 1–5 scores by stage: (daily-life domains, social domains, work domains).
SCORE_CENTRES = {DAILY: (2.1, 2.4, 1.8), SOCIAL: (3.6, 2.4, 2.2), EMPLOYMENT: (4.0, 3.8, 3.5)}

# ---------------------------------------------------------------- people

EMERGENCY_RELATIONS = ("姉", "兄", "弟", "妹", "叔母", "長男", "長女")
SIBLINGS = ("姉", "兄", "妹")
NO_FIXED_ABODE = 0.01  # people without an address (homeless, or staying with acquaintances)

# ---------------------------------------------------------------- placements

# The status a placement ends in, by whether its case is still open.
PLACEMENTS_OPEN_CASE = (
    (PlacementStatus.ACTIVE, 45), (PlacementStatus.COMPLETED, 20), (PlacementStatus.INTERRUPTED, 12),
    (PlacementStatus.TRIAL, 10), (PlacementStatus.VISIT, 6), (PlacementStatus.WAITING, 7),
)  # fmt: skip
PLACEMENTS_CLOSED_CASE = ((PlacementStatus.COMPLETED, 60), (PlacementStatus.INTERRUPTED, 40))
# Sessions attended, by status (low, high); chosen so that a placement averages about 60.
SESSIONS_ATTENDED = {
    PlacementStatus.ACTIVE: (60, 250), PlacementStatus.COMPLETED: (60, 250),
    PlacementStatus.INTERRUPTED: (10, 80), PlacementStatus.TRIAL: (3, 10), PlacementStatus.VISIT: (1, 1),
    PlacementStatus.WAITING: (0, 0),
}  # fmt: skip
INTERRUPTIONS = (
    "体調不良が続き、本人の希望で中断", "就職が決まったため中断", "通うのが難しくなり中断",
    "連絡が取れなくなったため中断", "家庭の事情により中断",
)  # fmt: skip
# A roll-call entry: (status, weight); the absent draw a reason.
ATTENDANCE = (
    (AttendanceStatus.PRESENT, 85), (AttendanceStatus.LATE, 5), (AttendanceStatus.LEFT_EARLY, 3),
    (AttendanceStatus.ABSENT, 7),
)  # fmt: skip
# Absences as the hub records them: (category, the hub's private note). The host's staff record only the
# shared category (連絡あり / 連絡なし) and no note.
ABSENCES = (
    (AbsenceCategory.HEALTH, "体調不良"), (AbsenceCategory.HEALTH, "通院のため"), (AbsenceCategory.NO_CONTACT, ""),
    (AbsenceCategory.FAMILY, "家庭の事情"), (AbsenceCategory.NOTIFIED, "寝坊"),
    (AbsenceCategory.WORK, "ハローワークの面接"),
)  # fmt: skip
# The host's evaluation of a placement: each item 1–4, with a comment.
EVALUATION_SCORES = (2, 4)
HOST_COMMENTS = (
    "挨拶が自然にできるようになってきました。",
    "作業に集中して取り組んでいます。休憩の取り方が課題です。",
    "時間どおりに来られる日が増えました。",
    "他の参加者と声をかけ合って作業できています。",
    "指示を一度で理解できることが増えました。",
)
# The host of the demo partner login (zoo): its roll-call always has a few people taking part.
PARTNER_HOST = ZOO_ASSOCIATION
PARTNER_HOST_PEOPLE = 4

# ---------------------------------------------------------------- the national assessment sheet

# The 課題と背景要因 checklist: the boxes each kind of situation usually ticks (the first always, then some).
CHALLENGES: dict[str, tuple[str, ...]] = {
    "debt": (Challenge.DEBT, Challenge.ECONOMIC_HARDSHIP, Challenge.BUDGETING, Challenge.JOB_RETENTION),
    "job": (Challenge.JOB_SEARCH, Challenge.ECONOMIC_HARDSHIP, Challenge.JOB_RETENTION, Challenge.COMMUNICATION),
    "withdrawal": (Challenge.SOCIAL_ISOLATION, Challenge.DAILY_HABITS, Challenge.COMMUNICATION, Challenge.FAMILY,
                   Challenge.EARLY_LEAVER),
    "health": (Challenge.MENTAL_HEALTH, Challenge.ILLNESS, Challenge.DISABILITY_SUSPECTED, Challenge.JOB_SEARCH),
    "welfare": (Challenge.JOB_SEARCH, Challenge.DAILY_HABITS, Challenge.ECONOMIC_HARDSHIP, Challenge.ILLNESS),
    "housing": (Challenge.HOUSING_INSECURE, Challenge.ECONOMIC_HARDSHIP, Challenge.HOMELESS, Challenge.JOB_SEARCH),
    "dv": (Challenge.DV, Challenge.HOUSING_INSECURE, Challenge.MENTAL_HEALTH, Challenge.ECONOMIC_HARDSHIP),
    "elderly": (Challenge.ECONOMIC_HARDSHIP, Challenge.CARE, Challenge.ILLNESS, Challenge.SOCIAL_ISOLATION),
    "single_parent": (Challenge.SINGLE_PARENT, Challenge.CHILDCARE, Challenge.ECONOMIC_HARDSHIP,
                      Challenge.BUDGETING),
}  # fmt: skip
# 職歴: (employer or kind of work, form of work, reason for leaving).
WORK_HISTORY: tuple[tuple[str, str, str], ...] = (
    ("水産加工会社（製造ライン）", WorkStatus.REGULAR, "工場閉鎖"),
    ("水産加工会社（パート）", WorkStatus.NON_REGULAR, "体調不良"),
    ("スーパーマーケット（品出し）", WorkStatus.NON_REGULAR, "人間関係"),
    ("建設会社（作業員）", WorkStatus.REGULAR, "けが"),
    ("運送会社（ドライバー）", WorkStatus.REGULAR, "腰痛"),
    ("介護施設（介護職員）", WorkStatus.NON_REGULAR, "家族の介護"),
    ("飲食店（調理補助）", WorkStatus.NON_REGULAR, "店舗閉店"),
    ("清掃会社（ビル清掃）", WorkStatus.NON_REGULAR, "契約終了"),
    ("製紙工場（派遣）", WorkStatus.NON_REGULAR, "派遣契約の終了"),
    ("自営（漁業手伝い）", WorkStatus.SELF_EMPLOYED, "廃業"),
)  # fmt: skip
# What the family members of the assessment sheet do (by their age group).
FAMILY_SITUATIONS = {
    "child": ("保育園", "小学生", "中学生", "高校生"),
    "adult": ("パート勤務", "無職", "通院中", "年金生活"),
}


# ---------------------------------------------------------------- emergency support, returns, follow-ups

# 緊急支援 before a plan: (kind, provider, detail) by kind of situation; the rest draw from "".
EMERGENCY_SUPPORT: dict[str, tuple[tuple[str, str, str], ...]] = {
    "": (
        ("food", "フードバンク釧路", "食料品（米・レトルト食品）を3日分お渡しした"),
        ("food", "釧路市社会福祉協議会", "食料支援の申請に同行し、その日のうちに受け取った"),
        ("loan", "釧路市社会福祉協議会", "生活福祉資金（緊急小口資金）の貸付申請に同行"),
        ("medical", "市内の医療機関", "無料低額診療の受診に同行"),
    ),
    "housing": (
        ("shelter", "市内の一時宿泊施設", "住まいを失い、一時的な宿泊場所を1泊手配"),
        ("shelter", "市内の一時宿泊施設", "一時的な宿泊場所を3泊手配"),
        ("housing_benefit", "釧路市生活福祉事務所", "住居確保給付金の申請を支援"),
    ),
    "debt": (
        ("loan", "釧路市社会福祉協議会", "生活福祉資金（緊急小口資金）の貸付申請に同行"),
        ("food", "フードバンク釧路", "次の給料日までの食料品をお渡しした"),
    ),
}
# The share of continuing cases given emergency support before their plan.
EMERGENCY_SHARE = 0.2
# A plan sent back by the supervisor once: (the comment, the short-term goal the worker adds before re-sending).
PLAN_RETURNS = (
    ("短期目標をもう少し具体的に", "週2回、ハローワークの求人を一緒に確認する"),
    ("家計の見直しを目標に加えてください", "家計表を毎月つけ、支援員と一緒に振り返る"),
    ("本人の言葉で書いた目標も入れてください", "本人：「朝きちんと起きて、まず生活を立て直したい」"),
)
PLAN_RETURN_SHARE = 0.12
# A follow-up after closure (終結後のフォローアップ): (method, minutes, text).
FOLLOW_UP_NOTES = (
    ("phone", 10, "電話。終結後の様子確認。生活は落ち着いており、困りごとは特にないとのこと。"),
    ("phone", 15, "電話。終結後の様子確認。仕事は続いている。何かあれば連絡するよう伝えた。"),
    ("home_visit", 30, "訪問。終結後の様子確認。家計の管理も続けられている。"),
)
FOLLOW_UP_SHARE = 0.15
