"""The Japanese catalogue is complete and its compiled .mo matches it (no gettext needed to run)."""

from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "tsunagu/locale/ja/LC_MESSAGES/django.po"


def test_every_message_has_a_japanese_translation():
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_the_compiled_catalogue_matches_the_source():
    # Keyed by context and msgid: one English word may have two translations (pgettext).
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in polib.pofile(str(PO)) if e.msgid
    }
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.mofile(str(PO.with_suffix(".mo")))
    }
    assert {k: v for k, v in compiled.items() if k[1]} == source
