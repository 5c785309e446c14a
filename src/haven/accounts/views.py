from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from haven.accounts import tokens
from haven.accounts.forms import LoginForm, TokenCreateForm
from haven.accounts.middleware import ACTIVE_MEMBERSHIP_KEY, signed_in_user
from haven.accounts.roles import Role
from haven.accounts.selectors import members_of, memberships_of, tokens_of


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@login_required
def account(request: HttpRequest) -> HttpResponse:
    memberships = list(memberships_of(signed_in_user(request)))
    issued = request.session.pop("haven_issued_token", None)
    return render(
        request,
        "accounts/account.html",
        {
            "memberships": memberships,
            "tokens": tokens_of(signed_in_user(request)),
            "token_form": TokenCreateForm(memberships=memberships),
            "issued_token": issued,
            "has_two_factor": user_has_device(request.user, confirmed=True),
        },
    )


@login_required
def organisation(request: HttpRequest) -> HttpResponse:
    """The members of the organisation the user administers, with their roles."""
    actor = getattr(request, "actor", None)
    if actor is None or actor.role != Role.ORGANISATION_ADMIN:
        raise PermissionDenied
    return render(
        request,
        "accounts/organisation.html",
        {"organisation": actor.organisation, "members": members_of(actor.organisation)},
    )


@login_required
@require_POST
def membership_switch(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("membership", "")
    membership = next(
        (m for m in memberships_of(signed_in_user(request)) if str(m.pk) == wanted),
        None,
    )
    if membership is None:
        messages.error(request, _("You are not a member in that role."))
    else:
        request.session[ACTIVE_MEMBERSHIP_KEY] = membership.pk
        messages.success(
            request,
            _("You now act as %(role)s at %(organisation)s.")
            % {"role": membership.get_role_display(), "organisation": membership.organisation},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "web:dashboard"
    return redirect(target)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    memberships = list(memberships_of(signed_in_user(request)))
    form = TokenCreateForm(request.POST, memberships=memberships)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("accounts:account")
    membership = next(m for m in memberships if m.pk == form.cleaned_data["membership"])
    try:
        issued = tokens.token_issue(
            membership=membership,
            name=form.cleaned_data["name"],
            lifetime_days=form.cleaned_data["lifetime_days"],
        )
    except tokens.TokenError as error:
        messages.error(request, str(error))
        return redirect("accounts:account")
    request.session["haven_issued_token"] = issued.secret
    return redirect("accounts:account")


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if tokens.token_revoke(token_id=token_id, user=signed_in_user(request)):
        messages.success(request, _("The token is revoked. Programs using it are now refused."))
    else:
        messages.error(request, _("There is no such active token."))
    return redirect("accounts:account")
