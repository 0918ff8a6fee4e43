"""The demo's synthetic caseload: about 300 people at every stage of the journey over the last 18 months.

Every record goes through the services (validation, derived status, stage history, audit events), so the
demo exercises them, except the support notes: there are thousands, so they are bulk-created and each
case's last contact is set from them, as add_note would. Each case is simulated in date order from its
intake to yesterday, so nothing lies in the future, nothing comes before intake or after closure, and a
service never sees a record before the ones it depends on. The service timestamps that mean "when it
happened" (plan submission, closure request and decision) are moved back to the simulated day.

Names are Faker ja_JP name pairs, so the reading always matches the name; readings are kept in hiragana.
Needs the demo organisations and users (sampledata.organisations, sampledata.accounts) to be loaded first.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jaconv
import jpholiday
from django.db import models, transaction
from django.utils import timezone
from faker import Faker

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.cases import services
from tsunagu.cases.models import (
    ASSESSMENT_DOMAINS,
    ApprovalMethod,
    Case,
    CaseStatus,
    ClosureReason,
    Concern,
    Contract,
    EvaluationOutcome,
    GoalProgress,
    HandoverTarget,
    Housing,
    Note,
    NoteMethod,
    Plan,
    Route,
    ScreeningOutcome,
    StateChange,
    StatutoryService,
    Urgency,
    WelfareStatus,
    WorkStatus,
)
from tsunagu.organisations.models import Area, Office, Organisation
from tsunagu.people.models import Consent, ConsentScope, Sex, Stage
from tsunagu.people.services import add_household_member, change_stage, record_consent, withdraw_consent
from tsunagu.sampledata.organisations import CITY_WELFARE_OFFICE, COUNTIES, STREETS, ZOO_ASSOCIATION

SEED = 20261128
HISTORY_DAYS = 540  # about 18 months of intakes

S = CaseStatus
C = Concern
R = Route
W = WelfareStatus
DAILY, SOCIAL, EMPLOYMENT = Stage.DAILY_LIFE, Stage.SOCIAL_LIFE, Stage.EMPLOYMENT
LADDER = (DAILY, SOCIAL, EMPLOYMENT)

# Share of the caseload ending in each status; the rest is in support. Every status gets at least one.
TARGET_SHARES: tuple[tuple[str, float], ...] = (
    (S.CLOSED, 0.25),
    (S.CLOSURE_PENDING, 0.017),
    (S.PLANNING, 0.033),  # ~10 plans in the supervisor's queue
    (S.ASSESSMENT, 0.06),
    (S.INTAKE, 0.05),
    (S.INFORMATION_ONLY, 0.09),
    (S.HANDED_OVER, 0.07),
)
# How many days before today the intake may lie, by the status the case ends in.
INTAKE_DAYS_AGO = {
    S.INTAKE: (1, 21),
    S.ASSESSMENT: (10, 75),
    S.PLANNING: (20, 75),
    S.SUPPORT: (45, HISTORY_DAYS),
    S.CLOSURE_PENDING: (120, HISTORY_DAYS),
    S.CLOSED: (100, HISTORY_DAYS),
    S.INFORMATION_ONLY: (1, HISTORY_DAYS),
    S.HANDED_OVER: (1, HISTORY_DAYS),
}
# Journeys that need no supervisor: the only ones an office without a supervisor can hold.
WITHOUT_APPROVAL = frozenset({S.INTAKE, S.ASSESSMENT, S.INFORMATION_ONLY, S.HANDED_OVER})
SATELLITE_AREAS = frozenset({"音別", "阿寒", "白糠町"})  # people served from the 音別 satellite office

# (area name, weight): mostly Kushiro city, a few from the towns around it.
AREA_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("中央", 20), ("美原", 12), ("元町", 8), ("音別", 5), ("阿寒", 5), ("鳥取", 10), ("大楽毛", 6),
    ("星が浦", 8), ("愛国", 8), ("春採", 8), ("桜ケ岡", 6), ("武佐", 6), ("昭和", 7), ("城山", 5),
    ("釧路町", 5), ("白糠町", 3), ("厚岸町", 2), ("標茶町", 2), ("弟子屈町", 1), ("浜中町", 1), ("鶴居村", 1),
)  # fmt: skip


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
        changes=(StateChange.BUDGET, StateChange.DEBT, StateChange.MENTAL_STABILITY, StateChange.CAN_ASK_HELP,
                 StateChange.HAS_GOAL),
    ),
    Persona(
        code="job", weight=18, ages=(20, 62), female=0.35,
        concerns=(C.JOB_SEARCH, C.INCOME, C.WORK_TROUBLE, C.HOUSING, C.RENT_LOAN),
        routes=(R.SELF, R.SELF, R.HELLO_WORK, R.HELLO_WORK, R.PHONE),
        contracts=(Contract.CONSULTATION, Contract.WORK_READINESS, Contract.JOB_PLACEMENT),
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
        changes=(StateChange.JOB_SEARCH, StateChange.HAS_GOAL, StateChange.MOTIVATION, StateChange.SELF_ESTEEM),
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
        changes=(StateChange.HABITS, StateChange.PARTICIPATION, StateChange.RELATIONSHIPS, StateChange.SELF_ESTEEM,
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
        changes=(StateChange.HEALTH, StateChange.MENTAL_STABILITY, StateChange.HABITS, StateChange.DISABILITY_CARD,
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
        services=(StatutoryService.WELFARE_WORK_READINESS,),
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
        services=(StatutoryService.HOUSING_BENEFIT, StatutoryService.TEMPORARY_LIVING),
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
        changes=(StateChange.HOUSING, StateChange.BUDGET, StateChange.CAN_ASK_HELP, StateChange.OTHER_INCOME),
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
        changes=(StateChange.HOUSING, StateChange.MENTAL_STABILITY, StateChange.CAN_ASK_HELP, StateChange.RELATIONSHIPS),
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
        changes=(StateChange.BUDGET, StateChange.PARTICIPATION, StateChange.RELATIONSHIPS, StateChange.HEALTH,
                 StateChange.CAN_ASK_HELP),
    ),
    Persona(
        code="single_parent", weight=8, ages=(24, 50), female=0.85,
        concerns=(C.CHILDCARE, C.INCOME, C.JOB_SEARCH, C.FAMILY, C.RENT_LOAN),
        routes=(R.SELF, R.CITY_DEPARTMENT, R.PHONE, R.SOCIAL_WELFARE_COUNCIL),
        contracts=(Contract.CONSULTATION, Contract.HOUSEHOLD_BUDGET, Contract.JOB_PLACEMENT),
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
        changes=(StateChange.BUDGET, StateChange.HAS_GOAL, StateChange.RELATIONSHIPS, StateChange.MOTIVATION),
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
        ("障害年金の受給が決まり、生活の見通しが立ったため終結。", (StateChange.OTHER_INCOME,)),
    ),
    ClosureReason.GOAL_ACHIEVED: (
        ("債務整理が完了し、家計が安定した。当初の目標を達成したため終結。", (StateChange.DEBT, StateChange.BUDGET)),
        ("生活リズムが整い、地域の居場所に自ら通えるようになった。目標達成として終結。",
         (StateChange.HABITS, StateChange.PARTICIPATION)),
        ("転居先で生活が落ち着き、家賃の支払いも安定した。目標達成として終結。", (StateChange.HOUSING,)),
    ),
    ClosureReason.REFERRED: (
        ("障害福祉サービスの利用が始まり、相談支援事業所に引き継いだ。", (StateChange.DISABILITY_CARD,)),
        ("生活保護の受給が決定し、ケースワーカーに引き継いだ。", (StateChange.PUBLIC_ASSISTANCE,)),
        ("介護保険サービスの利用が始まり、地域包括支援センターに引き継いだ。", (StateChange.CAN_ASK_HELP,)),
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


@dataclass
class _Team:
    """The hub staff of one office, as the demo users define them."""

    office: Office
    consultation: list[User]
    employment: list[User]
    supervisor: User | None


@dataclass
class _Story:
    """One person's journey while it is simulated: what the services need, and the notes to write."""

    persona: Persona
    target: str
    team: _Team
    worker: User
    intake_on: dt.date
    case: Case | None = None
    signed_on: dt.date | None = None
    stage: str = ""
    stages: list[tuple[dt.date, str]] = field(default_factory=list)
    children: bool = False
    employment_worker: User | None = None
    employment_from: dt.date | None = None
    partner_consent: Consent | None = None
    meeting_consent: bool = False
    milestones: list[tuple[dt.date, str]] = field(default_factory=list)
    end: dt.date | None = None  # the last day anything happens to the case

    def stage_on(self, day: dt.date) -> str:
        current = ""
        for since, stage in self.stages:
            if since <= day:
                current = stage
        return current


def load_caseload(*, people: int = 300, seed: int = SEED) -> int:
    """Create `people` synthetic people, each with one case somewhere on the journey; returns how many."""
    with transaction.atomic():
        caseload = _Caseload(seed)
        for target in _targets(people, caseload.rng):
            caseload.add(target)
        caseload.write_notes()
    return people


def _targets(people: int, rng: random.Random) -> list[str]:
    """The status each case will end in: the shares above, at least one of each, the rest in support."""
    counts = {status: max(1, round(people * share)) for status, share in TARGET_SHARES}
    targets = [status for status, count in counts.items() for _ in range(count)]
    targets += [S.SUPPORT] * max(1, people - len(targets))
    rng.shuffle(targets)
    return targets[:people]


class _Caseload:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("ja_JP")
        self.fake.seed_instance(seed)
        self.today = timezone.localdate()
        # Yesterday is the last day anything happens, so no event can be later in the day than now.
        self.latest = self.today - dt.timedelta(days=1)
        self.areas = Area.objects.in_bulk([name for name, _weight in AREA_WEIGHTS], field_name="name")
        self.city_office = Organisation.objects.get(name=CITY_WELFARE_OFFICE)
        self.partners = Organisation.objects.in_bulk(
            [org for lines in STAGE_PROGRAMMES.values() for _l, org, _w in lines if org], field_name="name"
        )
        self.main, self.satellite = self._teams()
        self.city_caseworker = _with_role(Role.CITY_CASEWORKER).first()
        self.names: set[tuple[str, str]] = set()
        self.cases: list[Case] = []
        self.notes: list[Note] = []

    # ------------------------------------------------------------ randomness and dates

    def coin(self, probability: float) -> bool:
        return self.rng.random() < probability

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))

    def workday(self, day: dt.date, floor: dt.date, limit: dt.date | None = None) -> dt.date:
        """The nearest working day to `day` within [floor, limit], preferring earlier days."""
        limit = limit or self.latest
        for shift in (0, -1, -2, -3, 1, 2, 3):
            candidate = day + dt.timedelta(days=shift)
            if floor <= candidate <= limit and _is_workday(candidate):
                return candidate
        return min(max(day, floor), limit)

    def after(self, day: dt.date, low: int, high: int, limit: dt.date | None = None) -> dt.date:
        """A working day `low`–`high` days after `day`, never past `limit` (yesterday by default)."""
        limit = limit or self.latest
        return self.workday(min(day + self.days(low, high), limit), floor=day, limit=limit)

    def moment(self, day: dt.date) -> dt.datetime:
        minutes = self.rng.randrange(9 * 60, 17 * 60, 5)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))

    def backdate(self, record: models.Model, **values: Any) -> None:
        """Move a timestamp the service set to "now" back to the simulated day it stands for."""
        for name, value in values.items():
            setattr(record, name, value)
        type(record).objects.filter(pk=record.pk).update(**values)

    # ------------------------------------------------------------ staff

    def _teams(self) -> tuple[_Team, _Team | None]:
        """The main office is the first consultation worker's (soudan's); the satellite, any other with one."""
        consultation = _with_role(Role.CONSULTATION_WORKER)
        first = consultation.first()
        if first is None:
            raise RuntimeError("Load the demo users (sampledata.accounts.load_users) before the caseload.")
        main = self._team(first.office)
        if main.supervisor is None:
            raise RuntimeError("The demo caseload needs a supervisor in the main office to approve plans.")
        other = consultation.exclude(office=first.office).first()
        return main, (self._team(other.office) if other else None)

    def _team(self, office: Office) -> _Team:
        return _Team(
            office=office,
            consultation=list(_with_role(Role.CONSULTATION_WORKER).filter(office=office)),
            employment=list(_with_role(Role.EMPLOYMENT_WORKER).filter(office=office)),
            supervisor=_with_role(Role.SUPERVISOR).filter(office=office).first(),
        )

    def team_for(self, area: Area, target: str) -> _Team:
        """People from the west are served by the satellite, if someone there can take their journey."""
        satellite = self.satellite
        if (
            area.name in SATELLITE_AREAS
            and satellite
            and (satellite.supervisor or target in WITHOUT_APPROVAL)
        ):
            return satellite
        return self.main

    def intake_worker(self, team: _Team, persona: Persona) -> User:
        if team.employment and persona.code in WORK_PERSONAS and self.coin(0.4):
            return self.rng.choice(team.employment)
        return self.rng.choice(team.consultation or team.employment)

    def hand(self, story: _Story, day: dt.date) -> User:
        """Who did the work that day: the case's worker, sometimes its employment worker."""
        if (
            story.employment_worker
            and story.employment_from
            and day >= story.employment_from
            and self.coin(0.35)
        ):
            return story.employment_worker
        return story.worker

    # ------------------------------------------------------------ one person

    def add(self, target: str) -> None:
        persona = self.rng.choices(PERSONAS, weights=[p.weight for p in PERSONAS])[0]
        area = self.areas[self.rng.choices(AREA_WEIGHTS, weights=[w for _n, w in AREA_WEIGHTS])[0][0]]
        team = self.team_for(area, target)
        story = _Story(persona, target, team, self.intake_worker(team, persona), self.intake_date(target))
        self.register(story, area)
        if target in (S.INFORMATION_ONLY, S.HANDED_OVER):
            self.early_exit(story)
        elif target == S.INTAKE:
            story.end = self.latest
        else:
            self.casework(story)
        self.queue_notes(story)

    def intake_date(self, target: str) -> dt.date:
        """Cases still in support are mostly recent ones: the older a case, the likelier it has closed."""
        low, high = INTAKE_DAYS_AGO[target]
        share = self.rng.random() ** (1.25 if target == S.SUPPORT else 1)
        day = self.today - dt.timedelta(days=low + round((high - low) * share))
        return self.workday(day, floor=self.today - dt.timedelta(days=high))

    def register(self, story: _Story, area: Area) -> None:
        persona, rng = story.persona, self.rng
        age = rng.randint(*persona.ages)
        person_fields = self.person_fields(persona, area, story.intake_on, age)
        welfare = rng.choice(persona.welfare)
        route = rng.choice(persona.routes)
        continuing = story.target not in (S.INFORMATION_ONLY, S.HANDED_OVER)
        if continuing and (story.target != S.INTAKE or self.coin(0.5)):
            story.signed_on = story.intake_on if self.coin(0.7) else self.after(story.intake_on, 1, 7)
        concerns, most_pressing = self.concerns(persona)
        case_fields = {
            "intake_date": story.intake_on,
            "route": route,
            "referring_caseworker": self.city_caseworker
            if route == R.CITY_DEPARTMENT and welfare == W.RECEIVING
            else None,
            "wishes": rng.choice(persona.wishes),
            "application_signed_on": story.signed_on,
            "screening_outcome": _screening(story.target),
            "contract": _contract(rng.choice(persona.contracts), welfare),
            "welfare_status": welfare,
            **self.visitor(persona, route, person_fields["family_name"], age),
            **self.handover(story, welfare),
        }
        if case_fields.get("handover_target") == HandoverTarget.PUBLIC_ASSISTANCE:
            case_fields["welfare_status"] = W.APPLYING  # handed to the counter to apply
        story.case = services.register_intake(
            actor=story.worker, person_fields=person_fields, case_fields=case_fields, concerns=concerns,
            most_pressing=most_pressing, worker=story.worker,
        )  # fmt: skip
        self.cases.append(story.case)
        story.milestones.append((story.intake_on, rng.choice(persona.intake_notes)))
        self.household(story, age)
        if story.signed_on and welfare in (W.RECEIVING, W.APPLYING):
            record_consent(
                person=story.case.person, actor=story.worker, scope=ConsentScope.SHARE_CITY,
                signed_on=story.signed_on, shared_with=[self.city_office], note="生活福祉事務所との情報共有に同意",
            )  # fmt: skip

    def person_fields(self, persona: Persona, area: Area, intake_on: dt.date, age: int) -> dict[str, Any]:
        rng = self.rng
        sex = Sex.FEMALE if self.coin(persona.female) else Sex.MALE
        if self.coin(0.03):
            sex = rng.choice((Sex.NOT_ANSWERED, Sex.OTHER))
        family, given = self.name(sex)
        protected = persona.code == "dv"
        mobile = f"0{rng.choice('789')}0-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        return {
            "family_name": family[0],
            "given_name": given[0],
            "family_name_kana": jaconv.kata2hira(family[1]),
            "given_name_kana": jaconv.kata2hira(given[1]),
            "date_of_birth": intake_on - dt.timedelta(days=int(age * 365.25) + rng.randint(1, 360)),
            "sex": sex,
            "area": area,
            "address": self.address(area),
            "phone": ""
            if protected or self.coin(0.7)
            else f"0154-{rng.randint(20, 69)}-{rng.randint(1000, 9999)}",
            "mobile_phone": mobile if protected or self.coin(0.85) else "",
            "email": f"{given[2].lower()}.{family[2].lower()}{rng.randint(1, 99)}@example.jp"
            if self.coin(0.15)
            else "",
            "emergency_contact": "" if protected or self.coin(0.5) else self.emergency_contact(family[0]),
            "is_dv_protected": protected,
        }

    def name(self, sex: str) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
        """A (kanji, katakana, romaji) family and given name, never the same full name twice."""
        given_pair = {
            Sex.FEMALE: self.fake.first_name_female_pair, Sex.MALE: self.fake.first_name_male_pair
        }.get(sex, self.fake.first_name_pair)  # fmt: skip
        for _attempt in range(50):
            family, given = self.fake.last_name_pair(), given_pair()
            if (family[0], given[0]) not in self.names:
                break
        self.names.add((family[0], given[0]))
        return family, given

    def address(self, area: Area) -> str:
        rng = self.rng
        if area.name in STREETS:
            street = rng.choice(STREETS[area.name])
            return f"北海道釧路市{street}{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
        return f"北海道{COUNTIES.get(area.name, '')}{area.name}{rng.randint(1, 400)}番地{rng.randint(1, 30)}"

    def emergency_contact(self, family_name: str) -> str:
        relation = self.rng.choice(("姉", "兄", "弟", "妹", "叔母", "長男", "長女"))
        given = self.fake.first_name_pair()[0]
        phone = f"090-{self.rng.randint(1000, 9999)}-{self.rng.randint(1000, 9999)}"
        return f"{relation} {family_name} {given}（{phone}）"

    def concerns(self, persona: Persona) -> tuple[list[str], str]:
        count = min(self.rng.choices((1, 2, 3, 4), weights=(20, 35, 30, 15))[0], len(persona.concerns))
        chosen = [persona.concerns[0], *self.rng.sample(persona.concerns[1:], count - 1)]
        return chosen, chosen[0] if self.coin(0.75) else self.rng.choice(chosen)

    def visitor(self, persona: Persona, route: str, family_name: str, age: int) -> dict[str, str]:
        """Who came in on the person's behalf, when the family brought the consultation."""
        if route != R.FAMILY:
            return {}
        if persona.code == "withdrawal" or age < 25:
            relation, family_name = "母", family_name
        elif persona.code == "elderly":
            relation, family_name = "長女", self.fake.last_name_pair()[0]
        else:
            relation = self.rng.choice(("姉", "兄", "妹"))
        given = self.fake.first_name_male_pair() if relation == "兄" else self.fake.first_name_female_pair()
        return {"visitor_name": f"{family_name} {given[0]}", "visitor_relation": relation}

    def handover(self, story: _Story, welfare: str) -> dict[str, str]:
        """Where a person was handed over to: often the public-assistance counter, unless already receiving."""
        if story.target != S.HANDED_OVER:
            return {}
        target, detail = self.rng.choice(story.persona.handovers)
        if welfare != W.RECEIVING and self.coin(0.35):
            target, detail = (
                HandoverTarget.PUBLIC_ASSISTANCE,
                "生活保護の申請に同行し、生活保護窓口につないだ",
            )
        return {"handover_target": target, "handover_detail": detail}

    def household(self, story: _Story, age: int) -> None:
        person = story.case.person
        for name, relation, member_age, supported, note in self.members(story.persona, person, age):
            story.children = story.children or member_age < 18
            add_household_member(
                person=person, actor=story.worker, name=name, relation=relation, age=member_age,
                is_also_supported=supported, note=note,
            )  # fmt: skip

    def members(self, persona: Persona, person: Any, age: int) -> list[tuple[str, str, int, bool, str]]:
        rng, fake, family = self.rng, self.fake, person.family_name
        members = []
        if persona.code == "withdrawal":
            members.append(
                (f"{family} {fake.first_name_female_pair()[0]}", "母", age + rng.randint(24, 34), False, "")
            )
            if self.coin(0.5):
                members.append(
                    (f"{family} {fake.first_name_male_pair()[0]}", "父", age + rng.randint(26, 38), False, "")
                )
            return members
        if persona.code not in ("dv", "single_parent") and age >= 25 and self.coin(0.35):
            relation = "夫" if person.sex == Sex.FEMALE else "妻"
            spouse = fake.first_name_male_pair() if relation == "夫" else fake.first_name_female_pair()
            note = "要介護2" if persona.code == "elderly" and self.coin(0.4) else ""
            members.append(
                (f"{family} {spouse[0]}", relation, max(18, age + rng.randint(-6, 6)), False, note)
            )
        wants_children = persona.code in ("dv", "single_parent") or (
            persona.code != "elderly" and self.coin(0.2)
        )
        for order in range(rng.randint(1, 3) if wants_children and age >= 22 else 0):
            child_age = rng.randint(1, min(17, age - 20))
            son = self.coin(0.5)
            relation = ("長男", "次男", "三男")[order] if son else ("長女", "次女", "三女")[order]
            given = fake.first_name_male_pair() if son else fake.first_name_female_pair()
            in_learning = 14 <= child_age <= 15 and self.coin(0.5)
            note = "中学3年。学習支援「まじくる」に参加" if in_learning else ""
            members.append((f"{family} {given[0]}", relation, child_age, in_learning, note))
        return members

    def early_exit(self, story: _Story) -> None:
        """Information only, or handed over at the first consultation: one or two notes and done."""
        if story.target == S.INFORMATION_ONLY:
            story.milestones = [(story.intake_on, story.persona.info_note)]
            story.end = story.intake_on
            return
        story.milestones = [(story.intake_on, f"来所。{story.case.handover_detail}。")]
        story.end = story.intake_on
        if self.coin(0.5) and story.intake_on < self.latest:
            story.end = self.after(story.intake_on, 2, 10)
            story.milestones.append((story.end, HANDOVER_FOLLOW_UP))

    # ------------------------------------------------------------ the process

    def casework(self, story: _Story) -> None:
        target = story.target
        assessed = self.after(story.signed_on or story.intake_on, 3, 21)
        self.assess(story, assessed)
        if target == S.ASSESSMENT:
            if self.coin(0.5):
                self.create_plan(story, self.after(assessed, 3, 14), agreed=None)
            story.end = self.latest
            return
        if target == S.CLOSED and self.coin(0.15):
            closed_on = self.after(assessed, 20, 90, limit=self.latest - dt.timedelta(days=3))
            self.close(story, closed_on, self.rng.choice(EARLY_CLOSURES))
            return
        plan, submitted = self.prepare_plan(story, assessed)
        if target == S.PLANNING:
            story.end = self.latest
            return
        approved = self.approve(story, plan, submitted)
        closing = target in (S.CLOSED, S.CLOSURE_PENDING)
        until = self.closing_day(story, approved) if closing else self.latest
        plan = self.support(story, plan, until)
        if closing:
            self.close_after_evaluation(story, until)
        else:
            self.maybe_draft_next(story, plan)
            story.end = self.latest

    def assess(self, story: _Story, day: dt.date, stage: str = "") -> None:
        """The first assessment confirms the persona's usual stage; a re-assessment confirms `stage`, and
        shares its note with the monitoring or evaluation of the same day."""
        first = not story.stage
        stage = stage or self.rng.choice(story.persona.stages)
        moved = not first and stage != story.stage
        services.record_assessment(
            case=story.case, actor=self.hand(story, day), fields=self.assessment_fields(story, day, stage),
            scores=self.scores(story, stage), confirmed_stage=stage,
            stage_reason=STAGE_REASONS.get((story.stage, stage), "") if moved else "",
        )  # fmt: skip
        if stage != story.stage:
            story.stages.append((day, stage))
            story.stage = stage
        if first:
            story.milestones.append((day, ASSESSMENT_NOTE))

    def assessment_fields(self, story: _Story, day: dt.date, stage: str) -> dict[str, Any]:
        persona, rng, case = story.persona, self.rng, story.case
        work = rng.choice(persona.work)
        receiving = case.welfare_status == W.RECEIVING
        age = (day - case.person.date_of_birth).days // 365
        income = f"就労収入 月約{rng.randint(5, 18)}万円。預貯金はほとんどない。"
        if work in (WorkStatus.UNEMPLOYED, WorkStatus.OTHER):
            income = rng.choice(
                ("就労収入なし。貯金を取り崩して生活している。", "就労収入なし。家族の収入で生活している。")
            )
        if work == WorkStatus.PENSION:
            income = f"年金収入 月約{rng.randint(6, 14)}万円。"
        if receiving:
            income = (
                "生活保護受給中。就労収入なし。"
                if work == WorkStatus.UNEMPLOYED
                else "生活保護受給中。就労収入は収入申告済み。"
            )
        pension = (
            "老齢基礎年金"
            if age >= 65
            else rng.choice(("国民年金（免除申請中）", "国民年金（未納あり）", "厚生年金"))
        )
        urgent = persona.code in ("housing", "dv")
        return {
            "assessed_on": day,
            "work_status": work,
            "housing_type": rng.choice(persona.housing),
            "health_insurance": _insurance(age, work, receiving),
            "pension": pension,
            "income_and_welfare": income,
            "life_history": rng.choice(persona.histories),
            "strengths": "、".join(rng.sample(STRENGTHS, 2)),
            "urgency": Urgency.HIGH if urgent else rng.choice((Urgency.LOW, Urgency.MEDIUM, Urgency.MEDIUM)),
            "narrative": STAGE_NARRATIVES[stage],
        }

    def scores(self, story: _Story, stage: str) -> dict[str, int | None]:
        """1–5 scores around the stage's centre, lower on the persona's weak domains, so that the
        proposed stage usually agrees with the worker's (and sometimes, as in life, does not)."""
        daily, social, work = SCORE_CENTRES[stage]
        centres = dict.fromkeys(DAILY_DOMAINS, daily) | dict.fromkeys(SOCIAL_DOMAINS, social)
        centres |= dict.fromkeys(WORK_DOMAINS, work)
        scores: dict[str, int | None] = {}
        for code, _label in ASSESSMENT_DOMAINS:
            centre = centres.get(code, 3.2) - (0.8 if code in story.persona.weak else 0)
            scores[code] = min(5, max(1, round(self.rng.gauss(centre, 0.6))))
        scores["children_education"] = scores["children_education"] if story.children else None
        scores["legal"] = scores["legal"] if self.coin(0.7) else None
        return scores

    def prepare_plan(self, story: _Story, assessed: dt.date) -> tuple[Plan, dt.date]:
        """Draft, agree and submit the first plan; plans still waiting were submitted in the last 3 weeks."""
        start = self.after(assessed, 3, 14)
        submitted = self.after(start, 0, 3)
        if story.target == S.PLANNING and submitted < self.latest - dt.timedelta(days=20):
            submitted = self.workday(self.latest - self.days(0, 20), floor=assessed)
            start = self.workday(submitted - self.days(0, 3), floor=assessed, limit=submitted)
        plan = self.create_plan(story, start, agreed=start)
        self.submit(story, plan, submitted)
        return plan, submitted

    def create_plan(self, story: _Story, start: dt.date, agreed: dt.date | None) -> Plan:
        rng, persona, stage = self.rng, story.persona, story.stage
        months = rng.choice((6, 12, 12, 12))
        end = start + dt.timedelta(days=months * 365 // 12 - 1)
        lines, partners = self.supports(story)
        fields = {
            "period_start": start,
            "period_end": end,
            "long_term_goal": rng.choice(persona.goals + STAGE_GOALS[stage]),
            "short_term_goals": "\n".join(rng.sample(persona.steps + STAGE_STEPS[stage], rng.randint(2, 3))),
            "own_actions": "\n".join(rng.sample(OWN_ACTIONS[stage], rng.randint(1, 2))),
            "supports": "\n".join(lines),
            "statutory_services": self.statutory_services(story),
            "agreed_on": agreed,
            "next_monitoring_on": min(end, start + self.days(30, 75)),
        }
        plan = services.create_plan(case=story.case, actor=self.hand(story, start), fields=fields)
        if agreed:
            story.milestones.append((agreed, AGREEMENT_NOTE))
            if partners and story.partner_consent is None:
                story.partner_consent = record_consent(
                    person=story.case.person, actor=story.worker, scope=ConsentScope.SHARE_PARTNERS,
                    signed_on=agreed, shared_with=partners, note="体験先・受入先との情報共有に同意",
                )  # fmt: skip
        return plan

    def supports(self, story: _Story) -> tuple[list[str], list[Organisation]]:
        receiving = story.case.welfare_status == W.RECEIVING
        programmes = [p for p in STAGE_PROGRAMMES[story.stage] if receiving or not p[2]]
        chosen = self.rng.sample(programmes, min(len(programmes), self.rng.randint(1, 2)))
        lines = ["相談支援員による面談（月2回）", self.rng.choice(story.persona.supports)]
        lines += [line for line, _org, _welfare in chosen]
        return lines, [self.partners[org] for _line, org, _w in chosen if org in self.partners]

    def statutory_services(self, story: _Story) -> list[str]:
        receiving = story.case.welfare_status == W.RECEIVING
        welfare_only = {StatutoryService.WELFARE_WORK_READINESS}
        not_for_recipients = {
            StatutoryService.WORK_READINESS, StatutoryService.HOUSING_BENEFIT, StatutoryService.TEMPORARY_LIVING,
        }  # fmt: skip
        eligible = [
            code for code in story.persona.services
            if (receiving or code not in welfare_only) and not (receiving and code in not_for_recipients)
            and (story.children or code != StatutoryService.CHILDREN_LEARNING)
        ]  # fmt: skip
        chosen = self.rng.sample(eligible, self.rng.randint(0, len(eligible)))
        return [StatutoryService.CONSULTATION, *chosen]

    def submit(self, story: _Story, plan: Plan, day: dt.date) -> None:
        services.submit_plan(plan=plan, actor=story.worker)
        self.backdate(plan, submitted_at=self.moment(day))

    def approve(self, story: _Story, plan: Plan, submitted: dt.date) -> dt.date:
        """The co-ordination meeting (Wednesdays) or the supervisor approves; the person is told."""
        supervisor = story.team.supervisor
        if self.coin(0.65):
            method = ApprovalMethod.MEETING
            approved = min(submitted + dt.timedelta(days=(2 - submitted.weekday()) % 7 or 7), self.latest)
            meeting: dt.date | None = approved
            if not story.meeting_consent:
                record_consent(
                    person=story.case.person, actor=story.worker, scope=ConsentScope.MEETING,
                    signed_on=plan.agreed_on, note="支援調整会議での検討に同意",
                )  # fmt: skip
                story.meeting_consent = True
        else:
            method, approved, meeting = ApprovalMethod.SUPERVISOR, self.after(submitted, 1, 4), None
        services.approve_plans(
            plans=[plan], actor=supervisor, method=method, approved_on=approved, meeting_date=meeting
        )
        story.milestones.append((approved, APPROVAL_NOTE))
        self.assign_employment_worker(story, approved)
        return approved

    def assign_employment_worker(self, story: _Story, day: dt.date) -> None:
        """Work-oriented cases get the office's employment worker alongside their worker."""
        team, case = story.team, story.case
        work_contract = case.contract in (Contract.WORK_READINESS, Contract.WELFARE_WORK_READINESS)
        if story.employment_worker or not team.employment or not (story.stage == EMPLOYMENT or work_contract):
            return
        employment_worker = self.rng.choice(team.employment)
        if employment_worker == case.worker:
            return
        services.reassign_case(
            case=case, actor=team.supervisor, worker=case.worker, employment_worker=employment_worker
        )
        story.employment_worker, story.employment_from = employment_worker, day

    def support(self, story: _Story, plan: Plan, until: dt.date) -> Plan:
        """Monitor the plan and, when its period ends with time to spare, evaluate and re-plan."""
        while True:
            self.monitor(story, plan, until=min(until, plan.period_end - dt.timedelta(days=7)))
            # A re-plan takes up to ~5 weeks from the period's end to approval; it must fit before `until`.
            if plan.period_end + dt.timedelta(days=40) > until:
                return plan
            plan = self.replan(story, plan, self.after(plan.period_end, 0, 7))

    def monitor(self, story: _Story, plan: Plan, until: dt.date) -> None:
        case = story.case
        floor = plan.approved_on
        while case.next_monitoring_on and case.next_monitoring_on <= until:
            day = self.workday(case.next_monitoring_on, floor=floor, limit=until)
            progress = self.rng.choices(list(MONITORING_NOTES), weights=(25, 55, 20))[0]
            services.record_monitoring(
                case=case, actor=self.hand(story, day), monitored_on=day, progress=progress,
                notes=self.rng.choice(MONITORING_NOTES[progress]), next_monitoring_on=day + self.days(45, 90),
            )  # fmt: skip
            floor = day + dt.timedelta(days=1)
            story.milestones.append((day, MONITORING_NOTE))
            self.reassess_after_monitoring(story, day, progress)

    def reassess_after_monitoring(self, story: _Story, day: dt.date, progress: str) -> None:
        """A monitoring that shows a clear step forward, or a setback, is sometimes followed by a
        re-assessment that moves the person on the ladder before the plan ends."""
        if progress == GoalProgress.ACHIEVED and story.stage != EMPLOYMENT and self.coin(0.3):
            self.assess(story, day, stage=_step(story.stage, +1))
            self.assign_employment_worker(story, day)
        elif progress == GoalProgress.NOT_YET and story.stage != DAILY and self.coin(0.12):
            self.assess(story, day, stage=_step(story.stage, -1))

    def replan(self, story: _Story, plan: Plan, evaluated_on: dt.date) -> Plan:
        services.record_evaluation(
            case=story.case, actor=self.hand(story, evaluated_on), evaluated_on=evaluated_on,
            state_changes=self.state_changes(story, ()), summary=self.rng.choice(REPLAN_SUMMARIES),
            outcome=EvaluationOutcome.NEW_PLAN,
        )  # fmt: skip
        story.milestones.append((evaluated_on, EVALUATION_NOTE))
        if self.coin(0.6):
            self.assess(story, evaluated_on, stage=self.next_stage(story.stage))
        start = self.after(evaluated_on, 1, 7)
        new_plan = self.create_plan(story, start, agreed=start)
        submitted = self.after(start, 0, 2)
        self.submit(story, new_plan, submitted)
        self.approve(story, new_plan, submitted)
        return new_plan

    def next_stage(self, stage: str) -> str:
        """At the re-assessment before a new plan, many move up the ladder and a few move down."""
        roll = self.rng.random()
        return _step(stage, +1) if roll < 0.4 else _step(stage, -1) if roll < 0.47 else stage

    def state_changes(self, story: _Story, extra: Sequence[str]) -> list[str]:
        picked = self.rng.sample(story.persona.changes, self.rng.randint(1, 3))
        return list(dict.fromkeys([*extra, *picked]))

    def maybe_draft_next(self, story: _Story, plan: Plan) -> None:
        """Some workers start the next plan a month before the current one ends."""
        if plan.period_end - self.latest < dt.timedelta(days=30) and self.coin(0.5):
            self.create_plan(story, max(plan.period_end + dt.timedelta(days=1), self.latest), agreed=None)

    # ------------------------------------------------------------ closure

    def closing_day(self, story: _Story, approved: dt.date) -> dt.date:
        if story.target == S.CLOSURE_PENDING:
            return self.workday(max(approved, self.latest - self.days(0, 14)), floor=approved)
        last = self.latest - dt.timedelta(days=3)
        first = min(approved + dt.timedelta(days=30), last)
        return self.workday(first + self.days(0, max(0, (last - first).days)), floor=approved, limit=last)

    def closure_reason(self, story: _Story) -> str:
        if (story.stage == EMPLOYMENT or story.persona.code in WORK_PERSONAS) and self.coin(0.55):
            return ClosureReason.EMPLOYED
        if story.persona.code == "elderly" and self.coin(0.1):
            return ClosureReason.DIED
        reasons, weights = zip(*CLOSURE_WEIGHTS, strict=True)
        return self.rng.choices(reasons, weights=weights)[0]

    def close_after_evaluation(self, story: _Story, day: dt.date) -> None:
        reason = self.closure_reason(story)
        summary, changes = self.rng.choice(CLOSURES[reason])
        lost = reason in (ClosureReason.LOST_CONTACT, ClosureReason.DIED)
        services.record_evaluation(
            case=story.case, actor=self.hand(story, day), evaluated_on=day,
            state_changes=list(changes) if lost else self.state_changes(story, changes), summary=summary,
            outcome=EvaluationOutcome.CLOSE,
        )  # fmt: skip
        self.close(story, day, reason, summary)

    def close(self, story: _Story, day: dt.date, reason: str, detail: str = "") -> None:
        """Request the closure on `day`; the supervisor approves it a few days later unless it still waits."""
        case, worker = story.case, story.worker
        detail = detail or self.rng.choice(CLOSURES[reason])[0]
        if reason == ClosureReason.EMPLOYED and story.stage != EMPLOYMENT:
            change_stage(
                person=case.person,
                actor=worker,
                stage=EMPLOYMENT,
                changed_on=day,
                reason="就職し、一般就労を開始したため",
            )
            story.stages.append((day, EMPLOYMENT))
            story.stage = EMPLOYMENT
        if reason not in (ClosureReason.LOST_CONTACT, ClosureReason.DIED, ClosureReason.MOVED):
            story.milestones.append((day, CLOSING_NOTE))
        if reason == ClosureReason.OWN_WISH and story.partner_consent:
            withdraw_consent(
                consent=story.partner_consent,
                actor=worker,
                edit_version=story.partner_consent.edit_version,
                withdrawn_on=day,
            )
        closure = services.request_closure(
            case=case, actor=worker, closed_on=day, reason=reason, detail=detail
        )
        self.backdate(closure, requested_at=self.moment(day))
        story.end = day
        if story.target == S.CLOSED:
            decided = self.workday(min(day + self.days(1, 10), self.latest), floor=day + dt.timedelta(days=1))
            services.decide_closure(closure=closure, actor=story.team.supervisor, approve=True)
            self.backdate(closure, decided_at=self.moment(decided))

    # ------------------------------------------------------------ notes

    def note_count(self, story: _Story) -> int:
        if story.target in (S.INFORMATION_ONLY, S.HANDED_OVER):
            return len(story.milestones)
        if story.target == S.INTAKE:
            return self.rng.randint(1, 3)
        low, high = {S.ASSESSMENT: (3, 8), S.PLANNING: (4, 10)}.get(story.target, (5, 25))
        active_days = (story.end - story.intake_on).days
        return max(low, min(high, 4 + active_days // 18 + self.rng.randint(-2, 2)))

    def queue_notes(self, story: _Story) -> None:
        """The milestones' notes, then ordinary contacts spread over the case's active time."""
        entries = list(story.milestones)
        span = max(0, (story.end - story.intake_on).days)
        used: set[str] = set()
        for _ in range(self.note_count(story) - len(entries)):
            day = self.workday(story.intake_on + self.days(0, span), floor=story.intake_on, limit=story.end)
            entries.append((day, self.ordinary_note(story, day, used)))
        for day, text in entries:
            method, content = self.method_of(text)
            low, high = MINUTES[method]
            self.notes.append(
                Note(
                    case=story.case,
                    worker=self.hand(story, day),
                    occurred_at=self.moment(day),
                    method=method,
                    minutes=self.rng.randrange(low, high + 1, 5),
                    content=content,
                )
            )
        last = max(day for day, _text in entries)
        story.case.last_contact_on = max(filter(None, [story.case.last_contact_on, last]))

    def ordinary_note(self, story: _Story, day: dt.date, used: set[str]) -> str:
        """A contact fitting the person's situation and stage that day, repeating one only when all are used."""
        stage = story.stage_on(day)
        pool = story.persona.notes + STAGE_NOTES[stage] + GENERAL_NOTES if stage else EARLY_NOTES
        text = self.rng.choice([text for text in pool if text not in used] or pool)
        used.add(text)
        return text

    def method_of(self, text: str) -> tuple[str, str]:
        marker = text.split("。", 1)[0]
        if marker in METHOD_MARKERS:
            return METHOD_MARKERS[marker], text
        marker = self.rng.choice(DRAWN_MARKERS)
        return METHOD_MARKERS[marker], f"{marker}。{text}"

    def write_notes(self) -> None:
        Note.objects.bulk_create(self.notes, batch_size=500)
        Case.objects.bulk_update(self.cases, ["last_contact_on"], batch_size=500)


def _with_role(*roles: Role) -> models.QuerySet[User]:
    return (
        User.objects.filter(groups__name__in=[r.value for r in roles], is_active=True)
        .distinct()
        .order_by("pk")
    )


@lru_cache(maxsize=1024)
def _is_workday(day: dt.date) -> bool:
    """Weekdays that are not public holidays (jpholiday is slow, and the same days come up again and again)."""
    return day.weekday() < 5 and not jpholiday.is_holiday(day)


def _step(stage: str, direction: int) -> str:
    """One rung up (+1) or down (-1) the ladder, staying on it."""
    return LADDER[min(max(LADDER.index(stage) + direction, 0), len(LADDER) - 1)]


def _insurance(age: int, work: str, receiving: bool) -> str:
    if receiving:
        return "生活保護（医療扶助）"
    if age >= 75:
        return "後期高齢者医療"
    return "社会保険" if work == WorkStatus.REGULAR else "国民健康保険"


def _screening(target: str) -> str:
    return {
        S.INFORMATION_ONLY: ScreeningOutcome.INFORMATION_ONLY,
        S.HANDED_OVER: ScreeningOutcome.HANDOVER,
    }.get(target, ScreeningOutcome.CONTINUING)


def _contract(contract: str, welfare: str) -> str:
    """The welfare recipients' work-readiness contract is theirs alone, and theirs instead of the general one."""
    if welfare == W.RECEIVING and contract == Contract.WORK_READINESS:
        return Contract.WELFARE_WORK_READINESS
    if welfare != W.RECEIVING and contract == Contract.WELFARE_WORK_READINESS:
        return Contract.CONSULTATION
    return contract
