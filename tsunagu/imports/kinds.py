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

from tsunagu.cases.models import Concern, Route
from tsunagu.core.forms import BIRTH, HAPPENED, DateField
from tsunagu.people.models import Sex

PEOPLE = "people"
KIND_CHOICES = [(PEOPLE, gettext_lazy("People with their intake (相談受付) and household"))]
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


def _age(value: str, context: dict[str, Any]) -> int | None:
    return forms.IntegerField(min_value=0, max_value=120, required=False).clean(
        unicodedata.normalize("NFKC", value).removesuffix("歳")
    )


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

KINDS: dict[str, list[Field]] = {PEOPLE: PEOPLE_FIELDS}


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


def display(key: str, value: Any) -> str:
    """A value as the preview shows it: what Tsunagu will record, in the user's language."""
    from tsunagu.core.dates import birth_date, local_date

    if value in (None, "", []):
        return ""
    if key == "date_of_birth":
        return birth_date(value)
    if key == "intake_date":
        return local_date(value)
    if key == "sex":
        return str(Sex(value).label)
    if key == "route":
        return str(Route(value).label)
    if key == "concerns":
        return "、".join(str(Concern(code).label) for code in value)
    return str(value)
