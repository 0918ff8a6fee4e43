"""Every write to users: keyword-only, for an administrator (or the user's own second factor), one
transaction, one audit event."""

from __future__ import annotations

from collections.abc import Iterable

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagu.accounts.models import User
from tsunagu.accounts.partners import may_have_partner_logins
from tsunagu.accounts.roles import Role
from tsunagu.accounts.twofactor import clean_code
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.contract import authorise
from tsunagu.core.editing import claim_edit
from tsunagu.organisations.models import Office, Organisation

MANAGE = "accounts.manage_users"


def ensure_role_groups() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def _check_office(organisation: Organisation, office: Office) -> None:
    if office.organisation_id != organisation.pk:
        raise ValidationError({"office": _("The office must belong to the user's organisation.")})


def _check_partner_organisation(organisation: Organisation, roles: Iterable[str]) -> None:
    """Partner staff only at an organisation that hosts programs or internships, receives referrals or
    runs a resource (the apps above answer, tsunagu/accounts/partners.py): an employer's staff have no
    login unless it hosts."""
    if Role.PARTNER_STAFF in {str(r) for r in roles} and not may_have_partner_logins(organisation):
        raise ValidationError(
            {
                "organisation": _(
                    "Partner staff can only be made at an organisation that hosts programs or internships, "
                    "receives referrals or runs a community resource."
                )
            }
        )


def _set_roles(user: User, roles: Iterable[str]) -> None:
    codes = {str(r) for r in roles}
    unknown = codes - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("Unknown role: %(role)s") % {"role": ", ".join(sorted(unknown))}})
    ensure_role_groups()
    user.groups.set(Group.objects.filter(name__in=codes))
    user.__dict__.pop("role_codes", None)


@transaction.atomic
def create_user(
    *,
    username: str,
    display_name: str,
    password: str,
    organisation: Organisation,
    office: Office,
    roles: Iterable[str],
    email: str = "",
    actor: User | None,
) -> User:
    """A new user. `actor` is the administrator creating them, or None from the command line (the
    `createuser` command and the demo, where no one is signed in; the first administrator is made so)."""
    if actor is not None:
        authorise(actor, MANAGE)
    _check_office(organisation, office)
    _check_partner_organisation(organisation, roles)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("A user with that user name already exists.")})
    user = User(
        username=username, display_name=display_name, email=email, organisation=organisation, office=office
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    _set_roles(user, roles)
    record_event(action=AuditAction.CREATE, actor=actor, target=user, detail={"roles": sorted(roles)})
    return user


@transaction.atomic
def update_user(
    *,
    user: User,
    display_name: str,
    email: str,
    organisation: Organisation,
    office: Office,
    roles: Iterable[str],
    is_active: bool,
    edit_version: int,
    actor: User,
) -> User:
    """Save the edit form (activation and roles too) opened at `edit_version`: another administrator's
    newer save is never overwritten."""
    authorise(actor, MANAGE)
    _check_office(organisation, office)
    if is_active:  # a partner of an organisation that no longer hosts can still be deactivated
        _check_partner_organisation(organisation, roles)
    if user.pk == actor.pk and (not is_active or Role.ADMINISTRATOR not in set(roles)):
        raise ValidationError(_("You cannot deactivate yourself or remove your own administrator role."))
    claim_edit(user, edit_version)
    user.display_name = display_name
    user.email = email
    user.organisation = organisation
    user.office = office
    user.is_active = is_active
    user.full_clean(exclude=["password"])
    user.save()
    _set_roles(user, roles)
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=user,
        detail={"roles": sorted(str(r) for r in roles), "is_active": is_active},
    )
    return user


@transaction.atomic
def set_user_password(*, user: User, password: str, actor: User) -> None:
    authorise(actor, MANAGE)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(action=AuditAction.UPDATE, actor=actor, target=user, detail={"password": True})


@transaction.atomic
def unlock_user(*, user: User, actor: User) -> None:
    """Lift a lock-out after failed logins (django-axes keeps the attempts)."""
    authorise(actor, MANAGE)
    axes_reset(username=user.username)
    record_event(action=AuditAction.UPDATE, actor=actor, target=user, detail={"unlocked": True})


@transaction.atomic
def unlock_address(*, ip_address: str, actor: User) -> None:
    """Lift the refusal of an address that failed too often across user names."""
    authorise(actor, MANAGE)
    axes_reset(ip=ip_address)
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        object_type="axes.accessattempt",
        detail={"unlocked_address": ip_address},
    )


@transaction.atomic
def enrol_second_factor(*, actor: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app the actor is enrolling for themselves with a code it shows, and make the recovery
    codes.

    Returns the recovery codes (shown once, stored only as django-otp's single-use tokens), or None
    when the code is wrong. Earlier recovery codes are replaced."""
    if device.user_id != actor.pk:
        raise PermissionDenied  # one enrols one's own app; an administrator only resets another's
    if device.confirmed or not device.verify_token(clean_code(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=actor).delete()
    recovery = StaticDevice.objects.create(user=actor, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.TSUNAGU_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=actor,
        detail={"second_factor": "enrolled"},
    )
    return codes


@transaction.atomic
def reset_second_factor(*, user: User, actor: User) -> None:
    """Remove a user's app and recovery codes (a lost phone): their next login enrols again. Sessions
    verified with the removed app stop being verified at once (django-otp finds no device)."""
    authorise(actor, MANAGE)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_event(
        action=AuditAction.UPDATE,
        actor=actor,
        target=user,
        detail={"second_factor_reset": True},
    )
