"""The partner's placement evaluation: five items on a 1–4 scale and a comment. The service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import HAPPENED, FlexibleDateField, SubmitOnceMixin
from tsunagu.programs.models import EVALUATION_ITEMS

SCALE = (
    (1, _("1 Not yet")),
    (2, _("2 Sometimes")),
    (3, _("3 Mostly")),
    (4, _("4 Well")),
)
CHOOSE_A_SCORE = _("Choose 1 to 4.")


class PlacementEvaluationForm(SubmitOnceMixin, forms.Form):
    evaluated_on = FlexibleDateField(
        label=_("Evaluated on"),
        window=HAPPENED,
        initial=timezone.localdate,
        help_text="",
        error_messages={"too_late": _("The evaluation cannot be dated in the future.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What went well, what to work on next. The person's worker reads this."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = {
            code: forms.TypedChoiceField(
                label=label,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": CHOOSE_A_SCORE, "invalid_choice": CHOOSE_A_SCORE},
            )
            for code, label in EVALUATION_ITEMS
        }
        # The five items first, then the date and the comment.
        self.fields = {**items, **self.fields}

    @property
    def item_fields(self) -> list[forms.BoundField]:
        return [self[code] for code, _label in EVALUATION_ITEMS]

    def scores(self) -> dict[str, int]:
        return {code: self.cleaned_data[code] for code, _label in EVALUATION_ITEMS}
