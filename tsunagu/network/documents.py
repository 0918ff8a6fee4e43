"""議事録: a meeting's minutes as a Japanese PDF (WeasyPrint, the font embedded, 和暦 dates), through
the one renderer of the case documents (cases.documents.render_pdf)."""

from __future__ import annotations

from django.utils import timezone

from tsunagu.cases.documents import render_pdf
from tsunagu.network.models import MeetingKind
from tsunagu.network.selectors import MeetingPage

# The kinds as the minutes print them (form text, not UI strings: the PDF is Japanese for every reader).
FORM_KIND_NAMES: dict[str, str] = {
    MeetingKind.COORDINATION: "支援調整会議",
    MeetingKind.SUPPORT_COUNCIL: "支援会議（生活困窮者自立支援法第9条）",
    MeetingKind.CASE_CONFERENCE: "ケース会議",
    MeetingKind.CASE_REVIEW: "事例検討",
    MeetingKind.CONSULTATION: "コンサルテーション",
    MeetingKind.BODY: "部会",
    MeetingKind.PLENARY: "全体会（相談支援包括化推進会議）",
}

FORM_DECISION_NAMES: dict[str, str] = {
    "plan_approved": "プラン承認",
    "service_decided": "支援決定",
    "closure_approved": "終結承認",
    "other": "決定事項",
}


def minutes_pdf(page: MeetingPage) -> bytes:
    meeting = page.meeting
    kind = FORM_KIND_NAMES.get(meeting.kind, meeting.get_kind_display())
    title = f"{meeting.body.name}部会" if meeting.body_id else kind
    decisions = [
        {"decision": d, "label": FORM_DECISION_NAMES.get(d.kind, d.kind_label)} for d in page.decisions
    ]
    context = {
        "meeting": meeting,
        "page": page,
        "title": title,
        "kind": kind,
        "decisions": decisions,
        "printed_on": timezone.localdate(),
    }
    return render_pdf("network/pdf/minutes.html", context)
