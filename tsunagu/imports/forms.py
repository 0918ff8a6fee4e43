from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.imports.kinds import KIND_CHOICES, fields_of

DEFAULT_SOURCE = "旧Excel台帳"


class UploadForm(forms.Form):
    source = forms.CharField(
        label=_("Source"),
        max_length=80,
        initial=DEFAULT_SOURCE,
        help_text=_("A name for where the file comes from: its column mapping is remembered under it."),
    )
    kind = forms.ChoiceField(label=_("The file holds"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("File (.xlsx or .csv)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Choose an .xlsx or .csv file."))
        return upload


class MappingForm(forms.Form):
    """One choice per column of the file: which of Tsunagu's fields it holds, or none."""

    def __init__(self, *args, headers: list[str], kind: str, mapping: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(not imported)"))] + [
            (f.key, f"{f.label}{' *' if f.required else ''}") for f in fields_of(kind)
        ]
        self.headers = headers
        for index, header in enumerate(headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header or _("(no header)"),
                choices=choices,
                required=False,
                initial=mapping.get(header, ""),
            )

    def mapping(self) -> dict[str, str]:
        return {
            header: self.cleaned_data.get(f"column_{i}", "")
            for i, header in enumerate(self.headers)
            if header
        }
