"""Japanese text: search keys that ignore kana and width differences, and suggested readings."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jaconv

_SPACES = re.compile(r"\s+")


def search_key(text: str) -> str:
    """ﾔﾏﾀﾞ　ﾀﾛｳ, ヤマダ タロウ and やまだたろう all become やまだたろう (NFKC, katakana → hiragana, no spaces)."""
    if not text:
        return ""
    normalised = unicodedata.normalize("NFKC", text)
    return _SPACES.sub("", jaconv.kata2hira(normalised)).lower()


def to_hiragana(text: str) -> str:
    return jaconv.kata2hira(unicodedata.normalize("NFKC", text or "")).strip()


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def suggest_reading(name: str) -> str:
    """A hiragana reading suggested for a name (山田 太郎 → やまだ たろう). Name readings are ambiguous:
    this is a suggestion the worker corrects, never a fact."""
    if not name:
        return ""
    parts = [part for part in _SPACES.split(name.strip()) if part]
    return " ".join("".join(item["hira"] for item in _kakasi().convert(part)) for part in parts)


_SMALL_KANA = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
_SOUND_MARKS = ("\u3099", "\u309a")  # ゛ and ゜ once decomposed (NFD)


def gojuon_key(reading: str) -> tuple[bool, str, str]:
    """Where a reading stands in あいうえお順 (五十音順), as a dictionary or a roll-call lists names: kana
    compared first without ゛ and ゜ and with small kana as full ones (がか before かき, which code-point
    order puts the other way round), then as written to break ties; katakana and width ignored, and an
    empty reading last."""
    key = search_key(reading)
    decomposed = unicodedata.normalize("NFD", key)
    base = "".join(c for c in decomposed if c not in _SOUND_MARKS).translate(_SMALL_KANA)
    return (not key, base, key)
