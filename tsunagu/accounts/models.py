from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.roles import Role
from tsunagu.organisations.models import Office, Organisation


class User(AbstractUser):
    """A member of staff. Everyone belongs to an organisation and one of its offices."""

    display_name = models.CharField(_("display name"), max_length=60)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="users"
    )
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="users"
    )
    edit_version = models.PositiveIntegerField(default=1, editable=False)

    REQUIRED_FIELDS = ["email"]

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The user's roles, read once per request (group names are role codes)."""
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.role_codes

    @property
    def role_labels(self) -> list[str]:
        return [label for code, label in Role.choices if code in self.role_codes]
