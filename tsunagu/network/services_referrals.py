"""Every write to referrals (つなぎ): keyword-only, authorised by network/rules.py, one transaction, one
audit event, every change of status kept (ReferralChange).

A referral sends a person's information to another organisation, so it needs a basis: the person's
consent to share with that organisation (people's Consent of the scope "sharing with the organisations
named", naming the receiver or the body it belongs to), or the case on a 支援会議's list (法第9条,
`selectors.support_council_listing`), which the referral then names. Without either it is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.cases.models import Case
from tsunagu.core.contract import authorise, refuse_unknown_fields
from tsunagu.network.models import (
    OPEN_REFERRAL_STATUSES,
    REFERRAL_MOVES,
    Referral,
    ReferralBasis,
    ReferralChange,
    ReferralOrigin,
    ReferralStatus,
)
from tsunagu.network.selectors import support_council_listing
from tsunagu.organisations.models import Organisation, Service
from tsunagu.people.models import Consent, ConsentScope

REFERRAL_FIELDS = ("receiver", "service", "need", "message", "respond_by")
# What the receiver (or, for a receiver without staff in Tsunagu, the sender) records.
ANSWERS = (
    ReferralStatus.ACCEPTED,
    ReferralStatus.DECLINED,
    ReferralStatus.IN_PROGRESS,
    ReferralStatus.COMPLETED,
)

FORWARD_REFERRAL = "network.forward_referral"
REFER_CASES = "network.refer_cases"
REFER_CASE = "network.refer_case"
ANSWER_REFERRAL = "network.answer_referral"
WITHDRAW_REFERRAL = "network.withdraw_referral"

# A response is asked for within two weeks unless the sender says otherwise, and at most within a year.
RESPONSE_DAYS = 14
LONGEST_WAIT = 365


def _consent_covering(case: Case, receiver: Organisation, on: dt.date) -> Consent | None:
    """The person's consent, in force on the day, to share with the receiver (or the organisation it is a
    unit of, as a city's department)."""
    named = [receiver.pk] + ([receiver.parent_id] if receiver.parent_id else [])
    return (
        Consent.objects.filter(
            person_id=case.person_id,
            scope=ConsentScope.SHARE_PARTNERS,
            signed_on__lte=on,
            shared_with__in=named,
        )
        .exclude(withdrawn_on__lte=on)
        .order_by("-signed_on", "-pk")
        .first()
    )


def _basis(case: Case, receiver: Organisation, on: dt.date) -> dict[str, Any]:
    consent = _consent_covering(case, receiver, on)
    if consent is not None:
        return {"basis": ReferralBasis.CONSENT, "consent": consent}
    listing = support_council_listing(case.pk, on=on)
    if listing is not None:
        return {
            "basis": ReferralBasis.SUPPORT_COUNCIL,
            "council_meeting_id": listing.meeting_id,
            "council_since": listing.since,
        }
    raise ValidationError(
        {
            "receiver": _(
                "%(organisation)s may not receive this person's information: record the person's consent to "
                "share with it, or put the case on a support council's list first."
            )
            % {"organisation": receiver.name}
        }
    )


def _check_receiver(actor: User, case: Case, receiver: Any, service: Any) -> None:
    if not isinstance(receiver, Organisation) or not receiver.is_active:
        raise ValidationError({"receiver": _("Choose the organisation to refer to.")})
    if receiver.pk == actor.organisation_id:
        raise ValidationError({"receiver": _("Refer to another organisation than your own.")})
    if service is not None and (not isinstance(service, Service) or service.organisation_id != receiver.pk):
        raise ValidationError({"service": _("Choose a service of the organisation referred to.")})
    if Referral.objects.filter(case=case, receiver=receiver, status__in=OPEN_REFERRAL_STATUSES).exists():
        raise ValidationError(
            {
                "receiver": _("This case already has an open referral to %(organisation)s.")
                % {"organisation": receiver.name}
            }
        )


def _check_day(day: Any, *, earliest: dt.date, field: str) -> dt.date:
    if not isinstance(day, dt.date):
        raise ValidationError({field: _("Enter a date.")})
    if day < earliest:
        raise ValidationError(
            {field: _("The date cannot be before %(day)s.") % {"day": earliest.isoformat()}}
        )
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    return day


@transaction.atomic
def send_referral(
    *, actor: User, case: Case, fields: dict[str, Any], on: dt.date | None = None,
    origin: str = ReferralOrigin.REFERRAL,
) -> Referral:  # fmt: skip
    """Refer the case to an organisation (and one of its services) for what the person needs, asking for
    an answer by `respond_by` (two weeks unless given)."""
    authorise(actor, REFER_CASES)
    authorise(actor, REFER_CASE, case)
    refuse_unknown_fields(fields, REFERRAL_FIELDS, service="send_referral")
    sent_on = _check_day(on or timezone.localdate(), earliest=case.intake_date, field="sent_on")
    return _create(actor, case, fields, sent_on=sent_on, origin=origin)


def _create(
    actor: User, case: Case, fields: dict[str, Any], *, sent_on: dt.date, origin: str,
    forwarded_from: Referral | None = None,
) -> Referral:  # fmt: skip
    """Check the receiver, the need, the due date and the basis for sharing; save the referral, its first
    history row and the audit event."""
    receiver, service = fields.get("receiver"), fields.get("service")
    _check_receiver(actor, case, receiver, service)
    need = (fields.get("need") or "").strip() or (service.name if service is not None else "")
    if not need:
        raise ValidationError({"need": _("Say what the person is referred for.")})
    respond_by = fields.get("respond_by") or sent_on + dt.timedelta(days=RESPONSE_DAYS)
    if not isinstance(respond_by, dt.date) or not sent_on <= respond_by <= sent_on + dt.timedelta(
        days=LONGEST_WAIT
    ):
        raise ValidationError({"respond_by": _("Ask for an answer within a year of sending.")})
    if origin not in ReferralOrigin.values:
        raise ValidationError({"origin": _("Unknown origin.")})
    referral = Referral.objects.create(
        case=case, sender_id=actor.organisation_id, sent_by=actor, receiver=receiver, service=service,
        need=need[:200], message=(fields.get("message") or "").strip(), origin=origin, sent_on=sent_on,
        respond_by=respond_by, forwarded_from=forwarded_from, **_basis(case, receiver, sent_on),
    )  # fmt: skip
    ReferralChange.objects.create(
        referral=referral, from_status="", to_status=ReferralStatus.SENT, on=sent_on, changed_by=actor
    )
    detail = {"case": case.pk, "receiver": receiver.pk, "basis": referral.basis}
    if forwarded_from is not None:
        detail["forwarded_from"] = forwarded_from.pk
    record_event(action=AuditAction.CREATE, actor=actor, target=referral, detail=detail)
    return referral


def _move(actor: User, referral: Referral, status: str, on: dt.date, note: str) -> Referral:
    """Lock the referral, check the step from its stored status, save it and its history row."""
    stored = Referral.objects.select_for_update().get(pk=referral.pk)
    if status not in REFERRAL_MOVES.get(stored.status, ()):
        raise ValidationError(
            {
                "status": _("A referral that is %(now)s cannot become %(then)s.")
                % {"now": stored.get_status_display(), "then": ReferralStatus(status).label}
            }
        )
    _check_day(on, earliest=stored.sent_on, field="on")
    ReferralChange.objects.create(
        referral=stored, from_status=stored.status, to_status=status, on=on, note=note[:300], changed_by=actor
    )
    stored.status = status
    if status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        stored.responded_on = on
    if status in (ReferralStatus.DECLINED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN):
        stored.closed_on = on
    if status == ReferralStatus.DECLINED:
        stored.decline_reason = note[:300]
    stored.save(update_fields=["status", "responded_on", "closed_on", "decline_reason", "updated_at"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=stored, detail={"status": status})
    referral.__dict__.update(
        {
            k: getattr(stored, k)
            for k in ("status", "responded_on", "closed_on", "decline_reason", "updated_at")
        }
    )
    return stored


@transaction.atomic
def answer_referral(
    *, actor: User, referral: Referral, status: str, on: dt.date | None = None, note: str = ""
) -> Referral:
    """The receiver accepts, declines (with the reason, in `note`), starts or completes the referral."""
    authorise(actor, ANSWER_REFERRAL, referral)
    if status not in ANSWERS:
        raise ValidationError({"status": _("Choose an answer.")})
    note = (note or "").strip()
    if status == ReferralStatus.DECLINED and not note:
        raise ValidationError({"note": _("Give the reason for declining.")})
    return _move(actor, referral, status, on or timezone.localdate(), note)


@transaction.atomic
def withdraw_referral(*, actor: User, referral: Referral, note: str, on: dt.date | None = None) -> Referral:
    """The sender takes the referral back (the person moved, found help elsewhere ...), saying why."""
    authorise(actor, WITHDRAW_REFERRAL, referral)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say why the referral is withdrawn.")})
    return _move(actor, referral, ReferralStatus.WITHDRAWN, on or timezone.localdate(), note)


@transaction.atomic
def forward_referral(
    *, actor: User, referral: Referral, fields: dict[str, Any], on: dt.date | None = None
) -> Referral:
    """The receiver's staff pass an open referral addressed to them on to another organisation (the
    person needs what a third one offers): a new referral from their organisation, on the same basis rules
    (the person's consent to share with the new receiver, or the case on a 支援会議's list), chained to the
    one it came from, whose history tells its sender where the person was passed on to."""
    authorise(actor, FORWARD_REFERRAL, referral)
    refuse_unknown_fields(fields, REFERRAL_FIELDS, service="forward_referral")
    stored = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    if not stored.is_open:
        raise ValidationError(
            {
                "receiver": _("A referral that is %(now)s cannot be passed on.")
                % {"now": stored.get_status_display()}
            }
        )
    receiver = fields.get("receiver")
    if isinstance(receiver, Organisation) and receiver.pk == stored.sender_id:
        raise ValidationError(
            {"receiver": _("Answer the referring organisation instead of passing the referral back to it.")}
        )
    sent_on = _check_day(on or timezone.localdate(), earliest=stored.sent_on, field="sent_on")
    forward = _create(
        actor, stored.case, fields, sent_on=sent_on, origin=ReferralOrigin.REFERRAL, forwarded_from=stored
    )
    # The original's history: same status, the organisation it was passed on to (shown as "Passed on").
    ReferralChange.objects.create(
        referral=stored, from_status=stored.status, to_status=stored.status, on=sent_on,
        note=f"→ {forward.receiver.name}"[:300], changed_by=actor,
    )  # fmt: skip
    return forward
