"""あいうえお順 (五十音順) as people expect a list of names, whatever the database's collation."""

from tsunagu.core.japanese import gojuon_key


def sort(readings: list[str]) -> list[str]:
    return sorted(readings, key=gojuon_key)


def test_names_sort_in_the_order_of_the_kana_table():
    assert sort(["わたなべ", "さとう", "あべ", "なかむら", "かとう"]) == [
        "あべ",
        "かとう",
        "さとう",
        "なかむら",
        "わたなべ",
    ]


def test_voiced_kana_sort_with_their_plain_ones_not_after_them():
    """Code-point order puts かき after がか; a 五十音 list reads が as か first."""
    assert sort(["かき", "がか"]) == ["がか", "かき"]
    assert sort(["はやし", "ばば", "ぱく"]) == ["ぱく", "ばば", "はやし"]  # はく, はは, はやし


def test_the_same_name_with_and_without_a_voiced_mark_keeps_the_plain_one_first():
    assert sort(["さど", "さと"]) == ["さと", "さど"]


def test_small_kana_sort_as_full_ones():
    assert sort(["きよ", "きょう", "きゆ"]) == ["きゆ", "きよ", "きょう"]


def test_katakana_width_and_spaces_are_ignored_and_an_empty_reading_comes_last():
    assert sort(["", "ｻﾄｳ", "アベ　タロウ"]) == ["アベ　タロウ", "ｻﾄｳ", ""]
