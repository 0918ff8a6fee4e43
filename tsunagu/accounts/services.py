"""Every write to users: keyword-only, one transaction, one audit event."""

from __future__ import annotations

from collections.abc import Iterable

from axes.utils import reset as axes_reset
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.audit.models import AuditAction
from tsunagu.audit.services import record_event
from tsunagu.core.editing import claim_edit
from tsunagu.organisations.models import Office, Organisation


def ensure_role_groups() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def _check_office(organisation: Organisation, office: Office) -> None:
    if office.organisation_id != organisation.pk:
        raise ValidationError({"office": _("The office must belong to the user's organisation.")})


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
    actor: User | None = None,
    request=None,
) -> User:
    _check_office(organisation, office)
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
    record_event(
        action=AuditAction.CREATE, request=request, actor=actor, target=user, detail={"roles": sorted(roles)}
    )
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
    request=None,
) -> User:
    """Save the edit form (activation and roles too) opened at `edit_version`: another administrator's
    newer save is never overwritten."""
    _check_office(organisation, office)
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
        request=request,
        actor=actor,
        target=user,
        detail={"roles": sorted(str(r) for r in roles), "is_active": is_active},
    )
    return user


@transaction.atomic
def set_user_password(*, user: User, password: str, actor: User, request=None) -> None:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(
        action=AuditAction.UPDATE, request=request, actor=actor, target=user, detail={"password": True}
    )


def unlock_user(*, user: User, actor: User, request=None) -> None:
    """Lift a lock-out after failed logins (django-axes keeps the attempts)."""
    axes_reset(username=user.username)
    record_event(
        action=AuditAction.UPDATE, request=request, actor=actor, target=user, detail={"unlocked": True}
    )
