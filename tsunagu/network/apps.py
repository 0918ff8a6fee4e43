from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """The hub network: meetings (支援調整会議, 支援会議, 部会 ...) with their cases, decisions and actions."""

    name = "tsunagu.network"
    label = "network"

    def ready(self) -> None:
        from tsunagu.network import audit_records, retention

        retention.register()  # the retention job blanks this app's personal text (people/retention.py)
        audit_records.register()  # the audit log finds the records of a person or a case
        from tsunagu.cases.handovers import register_handover_hook
        from tsunagu.cases.panels import register_case_panel, register_caseload_panel
        from tsunagu.cases.timeline import register_timeline_source

        register_caseload_panel(template="network/_caseload_actions.html", context=_actions_panel)
        register_case_panel(template="network/_case_meetings_panel.html", context=_case_meetings_panel)
        register_case_panel(
            template="network/referrals/_case_referrals_panel.html", context=_case_referrals_panel
        )
        register_timeline_source("network_referrals", _referral_timeline)
        register_handover_hook("network_referrals", _refer_handover)
        from tsunagu.accounts.partners import register_partner_organisations

        register_partner_organisations("network", _receives_referrals)


def _receives_referrals(organisation) -> bool:
    """An organisation offering a service in the directory receives referrals, which its staff answer."""
    from tsunagu.network.models import Referral

    return organisation.services.exists() or Referral.objects.filter(receiver=organisation).exists()


def _actions_panel(*, user):
    """The caseload's panel of the meeting actions the user owns and has not done yet."""
    from django.utils import timezone

    from tsunagu.cases.panels import CaseloadPanelData
    from tsunagu.network.selectors import open_actions_of

    actions = open_actions_of(user)
    people = [action.case.person_id for action in actions if action.case_id]
    # The day a tap on "done" records (ISO, as the form reads it).
    day = timezone.localdate().isoformat()
    return CaseloadPanelData(context={"meeting_actions": actions, "meeting_actions_day": day}, people=people)


def _case_meetings_panel(*, user, case) -> dict:
    """The case page's meetings: the decisions of the meetings the user sees that discussed the case."""
    from tsunagu.network.selectors import case_decisions

    return {"meeting_decisions": case_decisions(user, case)}


def _case_referrals_panel(*, user, case) -> dict:
    """The case page's referrals (つなぎ): where the case was referred and where each stands."""
    from tsunagu.network.selectors_referrals import case_referrals

    return {"case_referrals": case_referrals(user, case)}


def _referral_timeline(*, user, case) -> list:
    """Every step of the case's referrals on the case timeline: sent, answered, completed, withdrawn."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from tsunagu.cases.timeline import TimelineEntry
    from tsunagu.network.selectors_referrals import case_referral_changes

    entries = []
    for change in case_referral_changes(user, case):
        referral = change.referral
        title = _("Referral to %(organisation)s: %(status)s") % {
            "organisation": referral.receiver.name, "status": change.get_to_status_display(),
        }  # fmt: skip
        entries.append(
            TimelineEntry(
                day=change.on,
                kind="referral",
                title=title,
                body=change.note or referral.need,
                who=change.changed_by.display_name,
                recorded_at=change.changed_at,
                url=reverse("network:referral_detail", args=[referral.pk]),
                obj=change,
            )
        )
    return entries


def _refer_handover(*, actor, case) -> None:
    """An intake's hand-over to an organisation of the directory becomes a referral, followed up like any
    other; without a basis to share (consent, a 支援会議) the intake is refused with the reason."""
    from django.core.exceptions import ValidationError

    from tsunagu.network.models import ReferralOrigin
    from tsunagu.network.services_referrals import send_referral

    fields = {
        "receiver": case.handover_organisation,
        "service": None,
        "need": case.get_handover_target_display() or case.handover_detail,
        "message": case.handover_detail,
        "respond_by": None,
    }
    try:
        send_referral(
            actor=actor, case=case, fields=fields, on=case.intake_date, origin=ReferralOrigin.INTAKE_HANDOVER
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError({"handover_organisation": error.messages}) from error
        raise
