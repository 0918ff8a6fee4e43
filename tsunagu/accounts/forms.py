from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.utils.translation import gettext_lazy as _

from tsunagu.accounts.models import User
from tsunagu.accounts.roles import Role
from tsunagu.core.forms import EditVersionField, IdChoiceField, QueryForm, SubmitOnceMixin
from tsunagu.organisations.models import Office, Organisation


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is not correct. Both are case-sensitive."),
        "inactive": _("This account is not in use. Ask an administrator."),
    }

    def clean_username(self) -> str:
        """A name longer than any user name is refused before it is tried: the lock-out would store it in
        a column of 255 characters (a 500 on PostgreSQL). The message is the same as for a wrong password."""
        username = self.cleaned_data["username"]
        if len(username) > User._meta.get_field("username").max_length:
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
        return username


class UserFieldsForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=60)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation = IdChoiceField(label=_("Organisation"), queryset=Organisation.objects.all())
    office = IdChoiceField(label=_("Office"), queryset=Office.objects.select_related("organisation"))
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    def clean(self):
        cleaned = super().clean()
        organisation, office = cleaned.get("organisation"), cleaned.get("office")
        if organisation and office and office.organisation_id != organisation.pk:
            self.add_error("office", _("The office must belong to the user's organisation."))
        return cleaned


class UserCreateForm(SubmitOnceMixin, UserFieldsForm):
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use only letters, digits and @ . + - _ in the user name.")},
    )
    password1 = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Initial password (again)"), widget=forms.PasswordInput, strip=False)

    field_order = [
        "username",
        "display_name",
        "email",
        "organisation",
        "office",
        "roles",
        "password1",
        "password2",
    ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords do not match."))
        return cleaned


class UserEditForm(UserFieldsForm):
    is_active = forms.BooleanField(label=_("Account in use"), required=False)
    edit_version = EditVersionField()

    @classmethod
    def for_user(cls, user: User, data=None) -> "UserEditForm":
        initial = {
            "display_name": user.display_name,
            "email": user.email,
            "organisation": user.organisation_id,
            "office": user.office_id,
            "roles": sorted(user.role_codes),
            "is_active": user.is_active,
            "edit_version": user.edit_version,
        }
        return cls(data=data, initial=initial)


class OwnPasswordChangeForm(DjangoPasswordChangeForm):
    """Saves the password alone. Django's form saves the whole user as loaded at the start of the request,
    which would write back an activation, a name or the edit version an administrator changed meanwhile."""

    def save(self, commit: bool = True) -> User:
        self.user.set_password(self.cleaned_data["new_password1"])
        if commit:
            self.user.save(update_fields=["password"])
        return self.user


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(label=_("New password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("New password (again)"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords do not match."))
        return cleaned


class UnlockAddressForm(forms.Form):
    address = forms.GenericIPAddressField()


class UserFilterForm(QueryForm):
    """The user list's GET filters (?q=, ?role=, ?organisation=, ?page=)."""

    q = forms.CharField(label=_("Name, user name or e-mail"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", ""), *Role.choices], required=False)
    organisation = IdChoiceField(label=_("Organisation"), queryset=Organisation.objects.all(), required=False)
