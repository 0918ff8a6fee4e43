"""What each kind of import reads: its fields, the header names a hub's ledger is likely to use for them
(Japanese and English), and how a cell becomes a value, with the project's own range checks (the form
fields of core/forms.py: 和暦 or 西暦, dates in their window)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.cases.models import Concern, NoteMethod, Route
from tsunagu.core.forms import BIRTH, HAPPENED, PLANNED, DateField
from tsunagu.people.models import Sex
from tsunagu.programs.models import AttendanceStatus, PlacementStatus

PEOPLE = "people"
NOTES = "notes"
PLANS = "plans"
PLACEMENTS = "placements"
ATTENDANCE = "attendance"
HOUSEHOLDS = "households"
KIND_CHOICES = [
    (PEOPLE, gettext_lazy("People with their intake (相談受付) and household")),
    (NOTES, gettext_lazy("Support notes (支援経過記録) of people on record")),
    (PLANS, gettext_lazy("Plans (プラン) of people on record")),
    (PLACEMENTS, gettext_lazy("Placements in programs of people on record")),
    (ATTENDANCE, gettext_lazy("Attendance at program sessions of people on record")),
    (HOUSEHOLDS, gettext_lazy("Household members (世帯員) of people on record")),
]
HOUSEHOLD_COLUMNS = 3  # 世帯員1〜3: a ledger keeps a few members in columns


@dataclass(frozen=True)
class Field:
    key: str
    label: Promise
    headers: tuple[str, ...]  # header names suggested for this field, compared by header_key
    parse: Callable[[str, dict[str, Any]], Any]
    required: bool = False


def header_key(text: str) -> str:
    """Headers compared without width, case, spaces or brackets: 'ﾌﾘｶﾞﾅ(姓)' and 'フリガナ（姓）' match."""
    value = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(ch for ch in value if ch.isalnum())


# ---------------------------------------------------------------- cell parsers


def _text(max_length: int) -> Callable[[str, dict[str, Any]], str]:
    def parse(value: str, context: dict[str, Any]) -> str:
        value = unicodedata.normalize("NFKC", value).strip()
        if len(value) > max_length:
            raise ValidationError(_("At most %(count)d characters.") % {"count": max_length})
        return value

    return parse


def _kana(value: str, context: dict[str, Any]) -> str:
    # NFKC turns half-width ｶﾅ into full width; the reading stays as written (katakana or hiragana).
    return _text(60)(value, context)


def _date(window) -> Callable[[str, dict[str, Any]], Any]:
    field = DateField(window=window, required=False)

    def parse(value: str, context: dict[str, Any]) -> Any:
        return field.clean(value)

    return parse


_AGE = forms.IntegerField(min_value=0, max_value=120, required=False)  # made once: a field a cell cost 50 µs


def _age(value: str, context: dict[str, Any]) -> int | None:
    return _AGE.clean(unicodedata.normalize("NFKC", value).removesuffix("歳"))


def _labels(choices) -> dict[str, str]:
    """Each choice known by its code, its English label and its Japanese label (read once: switching the
    language per cell cost 20 ms a row)."""
    known: dict[str, str] = {}
    for code, label in choices:
        known[header_key(code)] = code
        for language in ("en", "ja"):
            with translation.override(language):
                known[header_key(str(label))] = code
    return known


SEX_WORDS = {"男": Sex.MALE, "男性": Sex.MALE, "m": Sex.MALE, "女": Sex.FEMALE, "女性": Sex.FEMALE,
             "f": Sex.FEMALE, "その他": Sex.OTHER, "無回答": Sex.NOT_ANSWERED, "不明": Sex.NOT_ANSWERED}  # fmt: skip
ROUTE_WORDS = {"来所": Route.SELF, "本人": Route.SELF, "電話": Route.PHONE, "家族": Route.FAMILY,
               "知人": Route.FAMILY, "民生委員": Route.WELFARE_VOLUNTEER, "ハローワーク": Route.HELLO_WORK,
               "市役所": Route.CITY_DEPARTMENT, "社協": Route.SOCIAL_WELFARE_COUNCIL,
               "社会福祉協議会": Route.SOCIAL_WELFARE_COUNCIL, "包括": Route.COMMUNITY_SUPPORT_CENTRE,
               "地域包括支援センター": Route.COMMUNITY_SUPPORT_CENTRE, "医療機関": Route.MEDICAL,
               "病院": Route.MEDICAL, "アウトリーチ": Route.OUTREACH, "その他": Route.OTHER}  # fmt: skip
CONCERN_WORDS = {"病気": Concern.HEALTH, "健康": Concern.HEALTH, "障害": Concern.HEALTH, "住まい": Concern.HOUSING,
                 "住居": Concern.HOUSING, "収入": Concern.INCOME, "生活費": Concern.INCOME,
                 "家賃": Concern.RENT_LOAN, "ローン": Concern.RENT_LOAN, "税金": Concern.TAX_UTILITIES,
                 "公共料金": Concern.TAX_UTILITIES, "債務": Concern.DEBT, "借金": Concern.DEBT,
                 "仕事探し": Concern.JOB_SEARCH, "就職": Concern.JOB_SEARCH, "職場": Concern.WORK_TROUBLE,
                 "地域": Concern.COMMUNITY, "家族": Concern.FAMILY, "子育て": Concern.CHILDCARE,
                 "介護": Concern.CARE}  # fmt: skip


def _choice(words: dict[str, str], choices, message: Promise) -> Callable[[str, dict[str, Any]], str]:
    own = {header_key(word): code for word, code in words.items()}
    labels: dict[str, str] = {}  # filled on first use (translations are ready by then), then kept

    def parse(value: str, context: dict[str, Any]) -> str:
        key = header_key(value)
        if not labels:
            labels.update(_labels(choices))
        code = own.get(key) or labels.get(key)
        if code is None:
            raise ValidationError(str(message) % {"value": value})
        return code

    return parse


_sex = _choice(
    SEX_WORDS, Sex.choices, gettext_lazy("Unknown sex “%(value)s”: write 男, 女, その他 or 無回答.")
)
_route = _choice(ROUTE_WORDS, Route.choices, gettext_lazy("Unknown route “%(value)s”."))
_one_concern = _choice(CONCERN_WORDS, Concern.choices, gettext_lazy("Unknown concern “%(value)s”."))


def _concerns(value: str, context: dict[str, Any]) -> list[str]:
    parts = [p for p in unicodedata.normalize("NFKC", value).replace("、", ",").replace("・", ",").split(",")]
    return list(dict.fromkeys(_one_concern(part, context) for part in parts if part.strip()))


def _area(value: str, context: dict[str, Any]):
    area = context["areas"].get(header_key(value))
    if area is None:
        raise ValidationError(_("Unknown area “%(value)s”: use an area of the directory.") % {"value": value})
    return area


# ---------------------------------------------------------------- the kinds


def _household_fields() -> list[Field]:
    fields = []
    for n in range(1, HOUSEHOLD_COLUMNS + 1):
        fields += [
            Field(f"household_{n}_name", gettext_lazy("Household member %(n)d: name") % {"n": n},
                  (f"世帯員{n}氏名", f"世帯員{n}", f"household{n}name"), _text(60)),
            Field(f"household_{n}_relation", gettext_lazy("Household member %(n)d: relation") % {"n": n},
                  (f"世帯員{n}続柄", f"続柄{n}", f"household{n}relation"), _text(30)),
            Field(f"household_{n}_age", gettext_lazy("Household member %(n)d: age") % {"n": n},
                  (f"世帯員{n}年齢", f"年齢{n}", f"household{n}age"), _age),
        ]  # fmt: skip
    return fields


PEOPLE_FIELDS: list[Field] = [
    Field("family_name", gettext_lazy("family name"), ("姓", "氏", "苗字", "familyname", "lastname", "surname"),
          _text(40), required=True),
    Field("given_name", gettext_lazy("given name"), ("名", "名前", "givenname", "firstname"), _text(40),
          required=True),
    Field("family_name_kana", gettext_lazy("family name (reading)"),
          ("セイ", "フリガナ姓", "ふりがな姓", "姓カナ", "姓フリガナ", "familynamereading", "familynamekana"),
          _kana, required=True),
    Field("given_name_kana", gettext_lazy("given name (reading)"),
          ("メイ", "フリガナ名", "ふりがな名", "名カナ", "名フリガナ", "givennamereading", "givennamekana"),
          _kana, required=True),
    Field("date_of_birth", gettext_lazy("date of birth"), ("生年月日", "誕生日", "dateofbirth", "birthdate", "dob"),
          _date(BIRTH)),
    Field("sex", gettext_lazy("sex"), ("性別", "sex", "gender"), _sex),
    Field("area", gettext_lazy("area"), ("地区", "地域", "エリア", "area", "district"), _area),
    Field("postal_code", gettext_lazy("postal code"), ("郵便番号", "〒", "postalcode", "zip"), _text(8)),
    Field("address", gettext_lazy("address"), ("住所", "address"), _text(200)),
    Field("phone", gettext_lazy("phone"), ("電話番号", "電話", "固定電話", "phone", "tel"), _text(20)),
    Field("mobile_phone", gettext_lazy("mobile phone"), ("携帯電話", "携帯", "mobilephone", "mobile"), _text(20)),
    Field("email", gettext_lazy("e-mail"), ("メールアドレス", "メール", "email", "e-mail"), _text(254)),
    Field("intake_date", gettext_lazy("intake date"), ("相談日", "受付日", "初回相談日", "intakedate"),
          _date(HAPPENED), required=True),
    Field("route", gettext_lazy("referral route"), ("相談経路", "経路", "route", "referralroute"), _route,
          required=True),
    Field("concerns", gettext_lazy("concerns"), ("相談内容", "主訴", "困りごと", "concerns"), _concerns,
          required=True),
    Field("wishes", gettext_lazy("the person's wishes"), ("本人の希望", "希望", "wishes"), _text(2000)),
    *_household_fields(),
]  # fmt: skip

# ---------------------------------------------------------------- records of people on record
# Each row names a person already on record in the importer's scope: by the case number, or by the
# reading and the date of birth (the intake's duplicate check's keys).


_TIME = forms.TimeField(required=False)
_MINUTES = forms.IntegerField(min_value=0, max_value=1440, required=False)
_HOURS = forms.DecimalField(min_value=0, max_value=24, decimal_places=2, required=False)


def _time(value: str, context: dict[str, Any]):
    return _TIME.clean(unicodedata.normalize("NFKC", value).replace("時", ":").rstrip("分"))


def _minutes(value: str, context: dict[str, Any]) -> int | None:
    return _MINUTES.clean(unicodedata.normalize("NFKC", value).removesuffix("分"))


def _hours(value: str, context: dict[str, Any]):
    return _HOURS.clean(unicodedata.normalize("NFKC", value).removesuffix("時間"))


NOTE_METHOD_WORDS = {"来所": NoteMethod.VISIT_IN, "面談": NoteMethod.VISIT_IN, "電話": NoteMethod.PHONE,
                     "訪問": NoteMethod.HOME_VISIT, "家庭訪問": NoteMethod.HOME_VISIT, "同行": NoteMethod.ACCOMPANY,
                     "メール": NoteMethod.EMAIL, "関係機関": NoteMethod.AGENCY, "会議": NoteMethod.MEETING}  # fmt: skip
_note_method = _choice(NOTE_METHOD_WORDS, NoteMethod.choices, gettext_lazy("Unknown method “%(value)s”."))


PLACEMENT_WORDS = {"待機": "waiting", "待機中": "waiting", "見学": "visit", "体験": "trial", "参加": "active",
                   "参加中": "active"}  # fmt: skip
_placement_status = _choice(
    PLACEMENT_WORDS, [(c, label) for c, label in PlacementStatus.choices if c in PLACEMENT_WORDS.values()],
    gettext_lazy("Unknown status “%(value)s”: write 待機, 見学, 体験 or 参加."),
)  # fmt: skip


ATTENDANCE_WORDS = {"出席": "present", "〇": "present", "○": "present", "遅刻": "late", "早退": "left_early",
                    "欠席": "absent", "×": "absent"}  # fmt: skip
_attendance = _choice(
    ATTENDANCE_WORDS, AttendanceStatus.choices,
    gettext_lazy("Unknown attendance “%(value)s”: write 出席, 遅刻, 早退 or 欠席."),
)  # fmt: skip

WHO_FIELDS: list[Field] = [
    Field("case_reference", gettext_lazy("case number"), ("ケース番号", "相談番号", "受付番号", "casenumber",
          "casereference", "reference"), _text(20)),
    Field("family_name_kana", gettext_lazy("family name (reading)"),
          ("セイ", "フリガナ姓", "ふりがな姓", "姓カナ", "姓フリガナ", "familynamereading", "familynamekana"), _kana),
    Field("given_name_kana", gettext_lazy("given name (reading)"),
          ("メイ", "フリガナ名", "ふりがな名", "名カナ", "名フリガナ", "givennamereading", "givennamekana"), _kana),
    Field("date_of_birth", gettext_lazy("date of birth"), ("生年月日", "誕生日", "dateofbirth", "birthdate", "dob"),
          _date(BIRTH)),
]  # fmt: skip

NOTE_FIELDS: list[Field] = [
    *WHO_FIELDS,
    Field("note_date", gettext_lazy("date"), ("日付", "対応日", "支援日", "記録日", "date"), _date(HAPPENED),
          required=True),
    Field("note_time", gettext_lazy("time"), ("時刻", "時間帯", "time"), _time),
    Field("method", gettext_lazy("method"), ("方法", "対応方法", "支援方法", "手段", "method"), _note_method,
          required=True),
    Field("minutes", gettext_lazy("time spent (minutes)"), ("所要時間", "所要時間分", "分", "minutes"), _minutes),
    Field("content", gettext_lazy("content"), ("内容", "支援内容", "経過", "記録", "content", "note"), _text(4000),
          required=True),
]  # fmt: skip

PLAN_IMPORT_FIELDS: list[Field] = [
    *WHO_FIELDS,
    Field("period_start", gettext_lazy("period from"), ("計画期間開始", "開始日", "期間開始", "periodfrom",
          "periodstart"), _date(PLANNED), required=True),
    Field("period_end", gettext_lazy("period to"), ("計画期間終了", "終了日", "期間終了", "periodto", "periodend"),
          _date(PLANNED), required=True),
    Field("long_term_goal", gettext_lazy("long-term goal"), ("長期目標", "目標", "longtermgoal"), _text(2000),
          required=True),
    Field("short_term_goals", gettext_lazy("short-term goals"), ("短期目標", "shorttermgoals"), _text(2000),
          required=True),
    Field("own_actions", gettext_lazy("the person's own actions"), ("本人の取組", "本人の行動", "ownactions"),
          _text(2000)),
    Field("agreed_on", gettext_lazy("the person agreed on"), ("同意日", "本人同意日", "agreedon"), _date(HAPPENED)),
    Field("approved_on", gettext_lazy("approved on"), ("承認日", "決裁日", "approvedon"), _date(HAPPENED)),
    Field("decided_on", gettext_lazy("municipality's decision date (支援決定日)"), ("支援決定日", "決定日",
          "decidedon"), _date(HAPPENED)),
]  # fmt: skip

PROGRAM_FIELDS: list[Field] = [
    Field("program", gettext_lazy("program"), ("プログラム", "プログラム名", "事業", "program"), _text(120),
          required=True),
    Field("host", gettext_lazy("host organisation"), ("実施先", "実施団体", "受入先", "協力団体", "host"), _text(200)),
]  # fmt: skip

PLACEMENT_IMPORT_FIELDS: list[Field] = [
    *WHO_FIELDS,
    *PROGRAM_FIELDS,
    Field("status", gettext_lazy("status"), ("状況", "ステータス", "段階", "status"), _placement_status,
          required=True),
    Field("start_date", gettext_lazy("start date"), ("開始日", "利用開始日", "参加日", "startdate"), _date(HAPPENED),
          required=True),
]  # fmt: skip

ATTENDANCE_FIELDS: list[Field] = [
    *WHO_FIELDS,
    *PROGRAM_FIELDS,
    Field("session_date", gettext_lazy("session date"), ("実施日", "日付", "開催日", "sessiondate", "date"),
          _date(HAPPENED), required=True),
    Field("attendance", gettext_lazy("attendance"), ("出欠", "出席", "attendance"), _attendance, required=True),
    Field("hours", gettext_lazy("hours"), ("時間", "参加時間", "hours"), _hours),
]  # fmt: skip

# 続柄 as a hub's ledger writes them; each stored as written (the Japanese word), English words as their
# Japanese. A household row names one member of the household of a person on record.
RELATIONS = ("配偶者", "妻", "夫", "内縁の妻", "内縁の夫", "パートナー", "子", "息子", "娘", "長男", "次男", "三男",
             "四男", "五男", "長女", "次女", "二女", "三女", "四女", "五女", "養子", "養女", "継子", "子の配偶者", "嫁",
             "婿", "父", "母", "義父", "義母", "養父", "養母", "継父", "継母", "祖父", "祖母", "兄", "姉", "弟", "妹",
             "兄弟", "姉妹", "義兄", "義姉", "義弟", "義妹", "孫", "曾孫", "ひ孫", "伯父", "叔父", "伯母", "叔母",
             "おじ", "おば", "甥", "姪", "いとこ", "同居人", "その他")  # fmt: skip
RELATION_ENGLISH = {"spouse": "配偶者", "wife": "妻", "husband": "夫", "partner": "パートナー", "child": "子",
                    "son": "息子", "daughter": "娘", "father": "父", "mother": "母", "grandfather": "祖父",
                    "grandmother": "祖母", "brother": "兄弟", "sister": "姉妹", "grandchild": "孫",
                    "uncle": "おじ", "aunt": "おば", "nephew": "甥", "niece": "姪", "cousin": "いとこ",
                    "lodger": "同居人", "other": "その他"}  # fmt: skip
_RELATIONS = {header_key(word): word for word in RELATIONS} | {
    header_key(word): code for word, code in RELATION_ENGLISH.items()
}


def _relation(value: str, context: dict[str, Any]) -> str:
    word = _RELATIONS.get(header_key(value))
    if word is None:
        raise ValidationError(
            _("Unknown relation “%(value)s”: write a 続柄 such as 妻, 長男, 母 or その他.") % {"value": value}
        )
    return word


YES_WORDS = {"はい", "有", "あり", "○", "〇", "◯", "yes", "y", "true", "1"}
NO_WORDS = {"いいえ", "無", "なし", "×", "no", "n", "false", "0"}


def _yes_no(yes: set[str], no: set[str], message: Promise) -> Callable[[str, dict[str, Any]], bool]:
    def keys(words: set[str]) -> set[str]:
        return {header_key(w) or w for w in words}  # ○ and × have no letters: compared as written

    yes_keys, no_keys = keys(yes | YES_WORDS), keys(no | NO_WORDS)

    def parse(value: str, context: dict[str, Any]) -> bool:
        key = header_key(value) or unicodedata.normalize("NFKC", value).strip()
        if key in yes_keys:
            return True
        if key in no_keys:
            return False
        raise ValidationError(str(message) % {"value": value})

    return parse


_together = _yes_no({"同居"}, {"別居"}, gettext_lazy("Unknown “%(value)s”: write 同居 or 別居."))
_supported = _yes_no(
    {"支援対象", "対象"}, {"対象外"}, gettext_lazy("Unknown “%(value)s”: write はい or いいえ.")
)

HOUSEHOLD_IMPORT_FIELDS: list[Field] = [
    *WHO_FIELDS,
    Field("member_name", gettext_lazy("member's name"), ("世帯員氏名", "世帯員", "世帯員の氏名", "家族氏名",
          "membername", "householdmember", "householdmembername"), _text(60), required=True),
    Field("member_reading", gettext_lazy("member's name (reading)"), ("世帯員フリガナ", "世帯員ふりがな",
          "フリガナ世帯員", "家族フリガナ", "memberreading", "membernamereading"), _kana),
    Field("relation", gettext_lazy("relation"), ("続柄", "本人との続柄", "関係", "relation", "relationship"),
          _relation, required=True),
    Field("member_date_of_birth", gettext_lazy("member's date of birth"), ("世帯員生年月日", "生年月日世帯員",
          "家族生年月日", "memberdateofbirth", "memberbirthdate"), _date(BIRTH)),
    Field("member_age", gettext_lazy("member's age"), ("年齢", "世帯員年齢", "memberage", "age"), _age),
    Field("living_together", gettext_lazy("lives together"), ("同居", "同別居", "同居別居", "同居の有無",
          "livingtogether", "livestogether"), _together),
    Field("also_supported", gettext_lazy("also supported by us"), ("支援対象", "本人も支援", "支援中",
          "alsosupported"), _supported),
    Field("member_note", gettext_lazy("note"), ("備考", "メモ", "note", "notes"), _text(120)),
]  # fmt: skip

KINDS: dict[str, list[Field]] = {
    PEOPLE: PEOPLE_FIELDS,
    NOTES: NOTE_FIELDS,
    PLANS: PLAN_IMPORT_FIELDS,
    PLACEMENTS: PLACEMENT_IMPORT_FIELDS,
    ATTENDANCE: ATTENDANCE_FIELDS,
    HOUSEHOLDS: HOUSEHOLD_IMPORT_FIELDS,
}


def fields_of(kind: str) -> list[Field]:
    return KINDS[kind]


def suggest_mapping(kind: str, headers: list[str]) -> dict[str, str]:
    """Column index (as text) → field key, for every header that names a field; each field once."""
    by_header = {}
    for field in fields_of(kind):
        for name in (field.key, *field.headers):
            by_header.setdefault(header_key(name), field.key)
        with translation.override("ja"):
            by_header.setdefault(header_key(str(field.label)), field.key)
        with translation.override("en"):
            by_header.setdefault(header_key(str(field.label)), field.key)
    mapping: dict[str, str] = {}
    for index, header in enumerate(headers):
        key = by_header.get(header_key(header))
        if key and key not in mapping.values():
            mapping[str(index)] = key
    return mapping


DATE_KEYS = {"intake_date", "note_date", "period_start", "period_end", "agreed_on", "approved_on", "decided_on",
             "start_date", "session_date"}  # fmt: skip


def display(key: str, value: Any) -> str:
    """A value as the preview shows it: what Tsunagu will record, in the user's language."""
    from tsunagu.core.dates import birth_date, local_date

    if value in (None, "", []):
        return ""
    if key in ("date_of_birth", "member_date_of_birth"):
        return birth_date(value)
    if key == "living_together":
        return _("lives together") if value else _("lives apart")
    if key == "also_supported":
        return _("Yes") if value else _("No")
    if key in DATE_KEYS:
        return local_date(value)
    if key == "method":
        return str(NoteMethod(value).label)
    if key == "status":
        return str(PlacementStatus(value).label)
    if key == "attendance":
        return str(AttendanceStatus(value).label)
    if key == "sex":
        return str(Sex(value).label)
    if key == "route":
        return str(Route(value).label)
    if key == "concerns":
        return "、".join(str(Concern(code).label) for code in value)
    return str(value)
