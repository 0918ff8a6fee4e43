from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagu.accounts import lockout, selectors, services
from tsunagu.accounts.forms import (
    LoginForm,
    OwnPasswordChangeForm,
    SetPasswordForm,
    UnlockAddressForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
)
from tsunagu.accounts.roles import Role
from tsunagu.core.forms import add_service_errors, edit_conflict_in, form_status, query_status
from tsunagu.core.http import require_perm
from tsunagu.core.submissions import submit_once


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes calls this once an account is locked: the login page again, with why and for how long."""
    context = {
        "form": LoginForm(request),
        "locked_out": True,
        "address_locked": lockout.address_is_throttled(getattr(request, "axes_ip_address", None)),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60),
    }
    return render(request, "accounts/login.html", context, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = OwnPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    form = UserFilterForm(request.GET)
    status = query_status(request, form)
    query, role, organisation = form.value("q", ""), form.value("role", ""), form.value("organisation")
    organisation_id = str(organisation.pk) if organisation else ""
    users = selectors.list_users(
        query=query.strip(), role=role, organisation_id=organisation.pk if organisation else None
    )
    page = Paginator(users, 50).get_page(form.value("page", 1))
    locked = selectors.locked_usernames([u.username for u in page.object_list])
    context = {
        "page": page,
        "locked": locked,
        "query": query,
        "role": role,
        "organisation_id": organisation_id,
        "roles": Role.choices,
        "organisations": selectors.organisation_choices(),
        "lockouts": selectors.recent_lockouts(),
    }
    return render(request, "accounts/user_list.html", context, status=status)


@login_required
@submit_once
def user_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.create_user(
                username=data["username"],
                display_name=data["display_name"],
                email=data["email"],
                password=data["password1"],
                organisation=data["organisation"],
                office=data["office"],
                roles=data["roles"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("User %(name)s was created.") % {"name": user.display_name})
            return redirect("accounts:user_edit", user_id=user.pk)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "creating": True},
        status=form_status(request, form),
    )


@login_required
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    user = selectors.get_user(user_id=user_id)
    form = UserEditForm.for_user(user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_user(
                user=user,
                display_name=data["display_name"],
                email=data["email"],
                organisation=data["organisation"],
                office=data["office"],
                roles=data["roles"],
                is_active=data["is_active"],
                edit_version=data["edit_version"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("accounts:user_edit", user_id=user.pk)
    conflict = edit_conflict_in(form)
    context = {
        "conflict": conflict,
        "form": form,
        "edited_user": user,
        "password_form": SetPasswordForm(),
        "is_locked": bool(selectors.locked_usernames([user.username])),
    }
    return render(request, "accounts/user_form.html", context, status=form_status(request, form))


@login_required
@require_POST
def user_set_password(request: HttpRequest, user_id: int) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    user = selectors.get_user(user_id=user_id)
    form = SetPasswordForm(request.POST)
    if form.is_valid():
        try:
            services.set_user_password(user=user, password=form.cleaned_data["password1"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if user.pk == request.user.pk:
                update_session_auth_hash(request, user)
            messages.success(request, _("The password was set."))
            return redirect("accounts:user_edit", user_id=user.pk)
    context = {
        "form": UserEditForm.for_user(user),
        "edited_user": user,
        "password_form": form,
        "is_locked": bool(selectors.locked_usernames([user.username])),
    }
    return render(request, "accounts/user_form.html", context, status=400)


@login_required
@require_POST
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    user = selectors.get_user(user_id=user_id)
    services.unlock_user(user=user, actor=request.user)
    messages.success(request, _("The account was unlocked."))
    return redirect("accounts:user_edit", user_id=user.pk)


@login_required
@require_POST
def address_unlock(request: HttpRequest) -> HttpResponse:
    require_perm(request, "accounts.manage_users")
    form = UnlockAddressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That is not an address."))
        return redirect("accounts:user_list")
    services.unlock_address(ip_address=form.cleaned_data["address"], actor=request.user)
    messages.success(request, _("The address was unlocked."))
    return redirect("accounts:user_list")
