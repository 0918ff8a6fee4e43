"""A synthetic ledger in the layout a hub might already keep (Japanese headers, 和暦 dates, 世帯員 in
columns), for the demo and the bench: made-up people only, deterministic for a seed. Also the empty
template file per kind."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator

from django.utils import timezone, translation

from tsunagu.core.dates import wareki
from tsunagu.imports.kinds import HOUSEHOLD_COLUMNS, fields_of

FAMILY = [("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"),
          ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
          ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"),
          ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
          ("阿部", "アベ"), ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"), ("石川", "イシカワ")]  # fmt: skip
GIVEN = [("太郎", "タロウ", "男"), ("一郎", "イチロウ", "男"), ("健", "ケン", "男"), ("誠", "マコト", "男"),
         ("大輔", "ダイスケ", "男"), ("翔太", "ショウタ", "男"), ("浩二", "コウジ", "男"), ("修", "オサム", "男"),
         ("花子", "ハナコ", "女"), ("恵子", "ケイコ", "女"), ("洋子", "ヨウコ", "女"), ("陽子", "ヨウコ", "女"),
         ("美咲", "ミサキ", "女"), ("由美", "ユミ", "女"), ("直美", "ナオミ", "女"), ("幸子", "サチコ", "女")]  # fmt: skip
ROUTES = ["来所", "電話", "家族", "民生委員", "ハローワーク", "社協", "包括", "病院"]
CONCERNS = ["収入", "借金", "仕事探し", "住まい", "病気", "家族", "家賃", "税金", "介護", "子育て"]
RELATIONS = ["妻", "夫", "長男", "長女", "母", "父", "次男"]
HEADERS = ["No.", "氏", "名", "フリガナ(姓)", "フリガナ(名)", "生年月日", "性別", "地区", "郵便番号", "住所", "電話",
           "携帯", "相談日", "相談経路", "相談内容", "本人の希望"] + [
    f"世帯員{n}{part}" for n in range(1, HOUSEHOLD_COLUMNS + 1) for part in ("氏名", "続柄", "年齢")
]  # fmt: skip


def sample_person(n: int) -> tuple[str, str, str, str, str, dt.date]:
    """The ledger's n-th made-up person (from 0): name, reading, sex and birth date, by n alone."""
    family, family_kana = FAMILY[n % len(FAMILY)]
    given, given_kana, sex = GIVEN[(n // len(FAMILY)) % len(GIVEN)]
    # 37 and 21,900 days (60 years) share no factor: every row up to 21,900 is born on a different day.
    born = dt.date(1940, 1, 1) + dt.timedelta(days=(n * 37) % 21_900)
    return family, family_kana, given, given_kana, sex, born


def ledger_rows(
    count: int, *, areas: list[str], seed: int = 18, start: int = 0, today: dt.date | None = None
) -> Iterator[list]:
    """`count` made-up people, each unique by reading and birth date and by phone."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    for n in range(start, start + count):
        family, family_kana, given, given_kana, sex, born = sample_person(n)
        intake = today - dt.timedelta(days=rng.randrange(30, 365 * 5))
        household = []
        for m in range(rng.randrange(0, HOUSEHOLD_COLUMNS + 1)):
            household += [
                f"{family} {GIVEN[rng.randrange(len(GIVEN))][0]}",
                RELATIONS[m],
                rng.randrange(1, 90),
            ]
        household += [""] * (3 * HOUSEHOLD_COLUMNS - len(household))
        concerns = "、".join(dict.fromkeys(rng.choice(CONCERNS) for _ in range(rng.randrange(1, 3))))
        yield [
            n + 1, family, given, family_kana, given_kana, wareki(born), sex, rng.choice(areas),
            f"085-{rng.randrange(0, 10000):04d}", f"釧路市{rng.randrange(1, 30)}条{rng.randrange(1, 10)}丁目",
            f"0154-{n // 10000 + 10:02d}-{n % 10000:04d}", f"090-{n // 10000 + 1000:04d}-{n % 10000:04d}",
            wareki(intake), rng.choice(ROUTES), concerns, "", *household,
        ]  # fmt: skip


def ledger_xlsx(count: int, *, areas: list[str], seed: int = 18) -> bytes:
    """The ledger as a workbook, written row by row (write-only mode) so 10,000 rows stay small in memory."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("相談者台帳")
    sheet.append(HEADERS)
    for row in ledger_rows(count, areas=areas, seed=seed):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def ledger_csv(
    count: int, *, areas: list[str], seed: int = 18, start: int = 0, encoding: str = "cp932"
) -> bytes:
    """The ledger as Japanese Excel saves CSV (CP932 by default)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(ledger_rows(count, areas=areas, seed=seed, start=start))
    return text.getvalue().encode(encoding)


# ---------------------------------------------------------------- records of the sample people
# Small ledgers of the record kinds that name the workbook's 200 people (by reading and birth date), to
# import after it. Their dates lie in the last three weeks, after every sample intake (30 days ago or more).

HOUSEHOLD_HEADERS = ["フリガナ(姓)", "フリガナ(名)", "生年月日", "世帯員氏名", "世帯員フリガナ", "続柄",
                     "世帯員生年月日", "同居", "備考"]  # fmt: skip
ELDERS = [("トメ", "トメ", "母"), ("正雄", "マサオ", "父"), ("キヨ", "キヨ", "母"), ("勇", "イサム", "父")]
CHILDREN = [
    ("蓮", "レン", "長男"),
    ("結衣", "ユイ", "長女"),
    ("陽翔", "ハルト", "次男"),
    ("芽依", "メイ", "次女"),
]
NOTE_HEADERS = ["フリガナ(姓)", "フリガナ(名)", "生年月日", "日付", "方法", "所要時間", "内容"]
NOTE_TEXTS = [("電話", 15, "近況を電話で確認。体調は落ち着いている。"), ("来所", 45, "来所。家計の状況を一緒に整理した。"),
              ("訪問", 60, "自宅を訪問。住まいの困りごとを聞いた。"), ("同行", 90, "ハローワークに同行した。")]  # fmt: skip


def household_rows(count: int, *, every: int = 3) -> Iterator[list]:
    """A member for every `every`-th of the first `count` sample people: a parent of those born from 1975,
    a child of those born before (names the people ledger's household columns never use)."""
    for n in range(0, count, every):
        family, family_kana, _given, given_kana, _sex, born = sample_person(n)
        if born.year >= 1975:
            name, kana, relation = ELDERS[(n // every) % len(ELDERS)]
            member_born = born.replace(year=born.year - 28, day=min(born.day, 28))
        else:
            name, kana, relation = CHILDREN[(n // every) % len(CHILDREN)]
            member_born = born.replace(year=born.year + 28, day=min(born.day, 28))
        apart = (n // every) % 5 == 4
        yield [family_kana, given_kana, wareki(born), f"{family} {name}", f"{family_kana} {kana}", relation,
               wareki(member_born), "別居" if apart else "同居", "市外に住む" if apart else ""]  # fmt: skip


def note_rows(count: int, *, every: int = 2, today: dt.date | None = None) -> Iterator[list]:
    """A support note for every `every`-th of the first `count` sample people, in the last three weeks."""
    today = today or timezone.localdate()
    for n in range(0, count, every):
        _family, family_kana, _given, given_kana, _sex, born = sample_person(n)
        method, minutes, text = NOTE_TEXTS[(n // every) % len(NOTE_TEXTS)]
        yield [family_kana, given_kana, wareki(born), wareki(today - dt.timedelta(days=n % 21 + 1)), method,
               minutes, text]  # fmt: skip


SAMPLE_RECORDS = {"households": (HOUSEHOLD_HEADERS, household_rows), "notes": (NOTE_HEADERS, note_rows)}


def records_xlsx(kind: str, count: int) -> bytes:
    """A sample ledger of a record kind (households or notes) for the workbook's first `count` people."""
    from openpyxl import Workbook

    headers, rows = SAMPLE_RECORDS[kind]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(kind)
    sheet.append(headers)
    for row in rows(count):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_xlsx(kind: str) -> bytes:
    """An empty workbook with one column per field (required ones marked ※), to fill in and upload; a
    second sheet lists each field's Japanese and English name and the header names the mapping knows it
    by (a ledger's own headers need no renaming when they are among them)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind
    sheet.append([f"{field.label}{' ※' if field.required else ''}" for field in fields_of(kind)])
    names = workbook.create_sheet("見出し・headers")
    names.append(["項目", "field", "必須・required", "使える見出し・headers recognised"])
    for field in fields_of(kind):
        with translation.override("ja"):
            japanese = str(field.label)
        with translation.override("en"):
            english = str(field.label)
        names.append([japanese, english, "※" if field.required else "", "、".join(field.headers)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
