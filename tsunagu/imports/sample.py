"""A synthetic ledger in the layout a hub might already keep (Japanese headers, 和暦 dates, 世帯員 in
columns), for the demo and the bench: made-up people only, deterministic for a seed. Also the empty
template file per kind."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator

from django.utils import timezone

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


def ledger_rows(
    count: int, *, areas: list[str], seed: int = 18, start: int = 0, today: dt.date | None = None
) -> Iterator[list]:
    """`count` made-up people, each unique by reading and birth date and by phone."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    for n in range(start, start + count):
        family, family_kana = FAMILY[n % len(FAMILY)]
        given, given_kana, sex = GIVEN[(n // len(FAMILY)) % len(GIVEN)]
        # 37 and 21,900 days (60 years) share no factor: every row up to 21,900 is born on a different day.
        born = dt.date(1940, 1, 1) + dt.timedelta(days=(n * 37) % 21_900)
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


def template_xlsx(kind: str) -> bytes:
    """An empty workbook with one column per field (required ones marked ※), to fill in and upload."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind
    sheet.append([f"{field.label}{' ※' if field.required else ''}" for field in fields_of(kind)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
