from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.core.forms import HAPPENED, EditVersionField, FlexibleDateField, IdChoiceField, SubmitOnceMixin
from tsunagu.programs.models import PlacementStatus, ProgramHost

STEP_IN_FUTURE = {"too_late": _("A step cannot be dated in the future.")}
FIRST_STEPS = [
    (PlacementStatus.VISIT, PlacementStatus.VISIT.label),
    (PlacementStatus.TRIAL, PlacementStatus.TRIAL.label),
    (PlacementStatus.ACTIVE, PlacementStatus.ACTIVE.label),
    (PlacementStatus.WAITING, PlacementStatus.WAITING.label),
]


class HostChoiceField(IdChoiceField):
    def label_from_instance(self, host: ProgramHost) -> str:
        stage = host.program.get_stage_display() or _("Other")
        return f"{stage}｜{host.program.name}（{host.organisation.name}）"


class PlacementForm(SubmitOnceMixin, forms.Form):
    host = HostChoiceField(label=_("Program and host"), queryset=ProgramHost.objects.none())
    status = forms.ChoiceField(
        label=_("First step"), choices=FIRST_STEPS, initial=PlacementStatus.VISIT, widget=forms.RadioSelect
    )
    on = FlexibleDateField(
        label=_("Date"), window=HAPPENED, initial=timezone.localdate, error_messages=STEP_IN_FUTURE
    )
    plan_support = forms.CharField(label=_("Plan support it fulfils"), max_length=200, required=False)
    # Only when the person has no assessment or approved plan yet (selectors.placement_gaps): a warning the
    # worker proceeds past by ticking it, never a refusal.
    proceed = forms.BooleanField(label=_("Place the person anyway"), required=False)

    def __init__(self, *args, hosts, gaps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts
        self.gaps = list(gaps)
        if not self.gaps:
            del self.fields["proceed"]

    def clean(self):
        data = super().clean()
        if self.gaps and not data.get("proceed"):
            self.add_error(
                "proceed",
                _("Tick “Place the person anyway” to place them before the assessment and plan, or write those "
                  "first."),
            )  # fmt: skip
        data.pop("proceed", None)
        return data


class PlacementStepForm(forms.Form):
    status = forms.ChoiceField(label=_("Next step"), choices=[], widget=forms.RadioSelect)
    on = FlexibleDateField(
        label=_("Date"), window=HAPPENED, initial=timezone.localdate, error_messages=STEP_IN_FUTURE
    )
    reason = forms.CharField(label=_("Reason for stopping"), max_length=300, required=False)
    edit_version = EditVersionField()

    def __init__(self, *args, next_steps, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        # Only the next steps are offered, but any step is accepted here: the service first refuses a
        # step from a page opened before someone else moved the placement on (an edit conflict, which
        # says so), then a step the ladder does not allow.
        status.choices = PlacementStatus.choices
        status.widget.choices = [(s, PlacementStatus(s).label) for s in next_steps]
