from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from haven.config.languages import INTERFACE_LANGUAGES, LANGUAGE_CODES
from haven.web.navigation import work_areas_for
from haven.web.problems import problem


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = getattr(request, "actor", None)
    return render(request, "web/dashboard.html", {"work_areas": work_areas_for(actor)})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, but an unknown code is a clear error instead of a silent no-op."""
    code = request.POST.get("language", "")
    if code not in LANGUAGE_CODES:
        return render(
            request,
            "web/error.html",
            {
                "title": _("Unknown language"),
                "message": _("“%(code)s” is not a language Haven speaks. Choose one of: %(list)s.")
                % {
                    "code": code[:20],
                    "list": ", ".join(
                        f"{lang.name_local} ({lang.code})" for lang in INTERFACE_LANGUAGES
                    ),
                },
            },
            status=400,
        )
    return django_set_language(request)


def admin_login(request: HttpRequest) -> HttpResponse:
    query = request.GET.urlencode()
    return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _error_page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem(request, status)
    return render(request, "web/error.html", {"title": title, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        400,
        _("Bad request"),
        _("The request could not be understood. Nothing was changed."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, 403, _("Not allowed"), _("You are not allowed to see this page."))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("There is nothing at this address. Check the link or go back home."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error_page(
        request,
        500,
        _("Something went wrong"),
        _("Something went wrong on our side. Nothing was changed. Try again."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error_page(
        request,
        403,
        _("The form expired"),
        _("For your security the form expired. Go back, reload the page and send it again."),
    )
