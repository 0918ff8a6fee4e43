"""Meetings of the hub network: who met, about which cases, what they decided and who does what next.

A 支援会議 (生活困窮者自立支援法 第9条) is the legal basis on which its members share a person's
information without consent, under a duty of confidentiality each attendee acknowledges: its case list
(`AgendaCase` of a meeting of that kind) is what later features ask (`selectors.support_council_listing`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    COORDINATION = "coordination", _("Support co-ordination meeting (支援調整会議)")
    SUPPORT_COUNCIL = "support_council", _("Support council (支援会議, Act article 9)")
    CASE_CONFERENCE = "case_conference", _("Case conference (ケース会議)")
    CASE_REVIEW = "case_review", _("Case review (事例検討)")
    CONSULTATION = "consultation", _("Consultation (コンサルテーション)")
    BODY = "body", _("Sub-committee (部会)")
    PLENARY = "plenary", _("Plenary (全体会・相談支援包括化推進会議)")


class Body(models.Model):
    """A standing body that meets (部会: 美原, 元町, 音別, 就労支援), with its members."""

    office = models.ForeignKey(
        "organisations.Office", verbose_name=_("office"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=60)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="meeting_bodies"
    )
    outside_members = models.ManyToManyField(
        "organisations.Contact", verbose_name=_("outside members"), blank=True, related_name="+"
    )
    sort_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("sub-committee")
        verbose_name_plural = _("sub-committees")
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="body_name_once_per_office")]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    office = models.ForeignKey(
        "organisations.Office", verbose_name=_("office"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    body = models.ForeignKey(
        Body, verbose_name=_("sub-committee"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="meetings",
    )  # fmt: skip
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            # A 部会's meeting names its body; no other kind has one.
            models.CheckConstraint(
                condition=Q(kind="body", body__isnull=False) | (~Q(kind="body") & Q(body__isnull=True)),
                name="meeting_body_only_for_sub_committees",
            )
        ]
        indexes = [models.Index(fields=["office", "-held_on"], name="meeting_office_date_idx")]

    def __str__(self) -> str:
        return f"{self.title} {self.held_on.isoformat()}"

    @property
    def title(self) -> str:
        if self.kind == MeetingKind.BODY and self.body_id:
            return _("%(body)s sub-committee") % {"body": self.body.name}
        return str(self.get_kind_display())

    @property
    def is_support_council(self) -> bool:
        return self.kind == MeetingKind.SUPPORT_COUNCIL


class Attendee(models.Model):
    """One person at a meeting: a user of Tsunagu, or an outside contact (no login: sees nothing here)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contact = models.ForeignKey(
        "organisations.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # 支援会議: the duty of confidentiality (法第9条第5項), acknowledged by each attendee.
    confidentiality_acknowledged_at = models.DateTimeField(
        _("confidentiality acknowledged at"), null=True, blank=True
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, contact__isnull=True)
                | Q(user__isnull=True, contact__isnull=False),
                name="attendee_user_or_contact",
            ),
            models.UniqueConstraint(fields=["meeting", "user"], name="attendee_user_once"),
            models.UniqueConstraint(fields=["meeting", "contact"], name="attendee_contact_once"),
        ]

    def __str__(self) -> str:
        return str(self.user.display_name if self.user_id else self.contact)

    @property
    def is_outside(self) -> bool:
        return self.contact_id is not None


class AgendaCase(models.Model):
    """A case on a meeting's agenda. On a 支援会議 the list is the legal basis for sharing its information."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("case on the agenda")
        verbose_name_plural = _("cases on the agenda")
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="agenda_case_once")]
        indexes = [models.Index(fields=["case", "meeting"], name="agenda_case_idx")]

    def __str__(self) -> str:
        return f"{self.meeting} {self.case_id}"


class DecisionKind(models.TextChoices):
    PLAN_APPROVED = "plan_approved", _("Plan approved")
    SERVICE_DECIDED = "service_decided", _("Municipality's decision date recorded")
    CLOSURE_APPROVED = "closure_approved", _("Closure approved")
    OTHER = "other", _("Other decision")


class Decision(models.Model):
    """What a meeting decided about one case on its agenda; plan and closure decisions also flow into the
    case through the cases services (the plan approved, 支援決定日, the closure)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices)
    plan = models.ForeignKey("cases.Plan", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    closure = models.ForeignKey(
        "cases.Closure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("decision"), blank=True)
    # 支援決定日 recorded with the approval (the plan keeps it too: Plan.decided_on).
    decided_on = models.DateField(_("municipality's decision date (支援決定日)"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.meeting} {self.get_kind_display()}"


class ActionItem(models.Model):
    """Something to do after the meeting, by one user, by a date; shown on the owner's caseload."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["owner", "done_on", "due_on"], name="action_owner_open_idx")]

    def __str__(self) -> str:
        return self.text


# ---------------------------------------------------------------- referrals (つなぎ)


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The loop: sent → accepted or declined → in progress → completed; the sender may withdraw an open one.
REFERRAL_MOVES: dict[str, tuple[str, ...]] = {
    ReferralStatus.SENT: (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN),
    ReferralStatus.ACCEPTED: (ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN),
    ReferralStatus.IN_PROGRESS: (ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN),
}
OPEN_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
CLOSED_REFERRAL_STATUSES = (ReferralStatus.DECLINED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN)


class ReferralBasis(models.TextChoices):
    """Why the person's information may go to the receiver."""

    CONSENT = "consent", _("The person's consent to share with this organisation")
    SUPPORT_COUNCIL = "support_council", _("On a support council's case list (Act article 9)")


class ReferralOrigin(models.TextChoices):
    REFERRAL = "referral", _("Referral")
    INTAKE_HANDOVER = "intake_handover", _("Hand-over at intake")


class Referral(models.Model):
    """つなぎ: a case referred by the hub (or a partner) to an organisation for a service, followed until
    the receiver completes it or declines, so that the sender sees the loop closed."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    sender = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("referred by"), on_delete=models.PROTECT,
        related_name="referrals_sent",
    )  # fmt: skip
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    receiver = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("referred to"), on_delete=models.PROTECT,
        related_name="referrals_received",
    )  # fmt: skip
    service = models.ForeignKey(
        "organisations.Service", verbose_name=_("service in the directory"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    need = models.CharField(_("service asked for"), max_length=200)
    message = models.TextField(_("message to the receiver"), blank=True)
    origin = models.CharField(
        _("origin"), max_length=20, choices=ReferralOrigin.choices, default=ReferralOrigin.REFERRAL
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReferralStatus.choices,
        default=ReferralStatus.SENT,
        editable=False,
    )
    sent_on = models.DateField(_("sent on"))
    respond_by = models.DateField(_("response due by"))
    responded_on = models.DateField(_("answered on"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True, editable=False)
    # The legal basis for sending the person's information, fixed when the referral is sent.
    basis = models.CharField(_("basis for sharing"), max_length=20, choices=ReferralBasis.choices)
    consent = models.ForeignKey(
        "people.Consent", verbose_name=_("consent"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    council_meeting = models.ForeignKey(
        Meeting, verbose_name=_("support council"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    council_since = models.DateField(_("on the support council's list since"), null=True, blank=True)
    # A partner that passes on a referral addressed to it: the referral it came from (the chain).
    forwarded_from = models.ForeignKey(
        "self", verbose_name=_("passed on from"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="forwards",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(respond_by__gte=models.F("sent_on")), name="referral_due_after_sent"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="referral_decline_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(basis="consent", consent__isnull=False)
                | Q(basis="support_council", council_meeting__isnull=False, council_since__isnull=False),
                name="referral_basis_named",
            ),
            models.CheckConstraint(condition=~Q(sender=models.F("receiver")), name="referral_to_another"),
        ]
        indexes = [
            models.Index(fields=["receiver", "status", "-sent_on"], name="referral_receiver_idx"),
            models.Index(fields=["sender", "status", "respond_by"], name="referral_sender_idx"),
            models.Index(fields=["case", "-sent_on"], name="referral_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.receiver} {self.need}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL_STATUSES


class ReferralChange(models.Model):
    """One step of a referral, kept for good: who moved it, when, from which status to which, and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(_("from"), max_length=12, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=ReferralStatus.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("referral change")
        verbose_name_plural = _("referral changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
