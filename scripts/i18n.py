"""Keep the Japanese catalogue complete: extract, fill from a translations file, compile.

    python scripts/i18n.py [translations.json ...]

Extraction needs GNU gettext (developers' machines have it); compiling uses polib, so the
committed .mo files are all that a fresh machine needs. Entries without a translation are listed.

A message with a context (pgettext, {% translate "E-mail" context "note method" %}) is keyed in the
translations file as its context and its msgid joined by "\u0004" (gettext's own separator):
{"note method\u0004E-mail": "メール"}, so one English word can have two translations.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "tsunagu/locale/ja/LC_MESSAGES/django.po"


def main(paths: list[str]) -> int:
    # -P: the working directory (tsunagu/) stays off the path, where the app `statistics` would hide
    # the standard library's module of that name.
    subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "ja", "--no-obsolete", "--no-location"],
        cwd=ROOT / "tsunagu",
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "tsunagu.settings", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    translations: dict[str, object] = {}
    for path in paths:
        translations.update(json.loads(Path(path).read_text(encoding="utf-8")))
    catalogue = polib.pofile(str(PO))
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.metadata["Language"] = "ja"
    catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    missing = []
    for entry in catalogue:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {0: ""} if entry.msgid_plural else {}
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key in translations:
            value = translations[key]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value}
            else:
                entry.msgstr = value
        done = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
        if not done:
            missing.append(key)
    catalogue.save(str(PO))
    catalogue.save_as_mofile(str(PO.with_suffix(".mo")))
    for msgid in missing:
        print("untranslated:", json.dumps(msgid, ensure_ascii=False))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
