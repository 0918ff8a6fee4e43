from django.apps import AppConfig


class NetworkConfig(AppConfig):
    """The hub network: meetings (支援調整会議, 支援会議, 部会 ...) with their cases, decisions and actions."""

    name = "tsunagu.network"
    label = "network"

    def ready(self) -> None:
        from tsunagu.cases.panels import register_case_panel, register_caseload_panel

        register_caseload_panel(template="network/_caseload_actions.html", context=_actions_panel)
        register_case_panel(template="network/_case_meetings_panel.html", context=_case_meetings_panel)


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
