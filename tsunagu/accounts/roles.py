"""The roles of DESIGN.md. Each role is a Django group whose name is the role's code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CONSULTATION_WORKER = "consultation_worker", _("Consultation worker")
    EMPLOYMENT_WORKER = "employment_worker", _("Employment worker")
    SUPERVISOR = "supervisor", _("Supervisor")
    CITY_CASEWORKER = "city_caseworker", _("City case worker")
    PARTNER_STAFF = "partner_staff", _("Partner staff")
    STATISTICIAN = "statistician", _("Statistician")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that work on cases inside the hub (they see their office's cases).
CASEWORK_ROLES = frozenset({Role.CONSULTATION_WORKER, Role.EMPLOYMENT_WORKER, Role.SUPERVISOR})
