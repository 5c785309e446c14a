"""Errors as RFC 9457 problem details (`application/problem+json`) in the user's language."""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger("haven.api")

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _titles() -> dict[int, str]:
    return {
        400: _("The request is malformed."),
        401: _("You need to log in or send a valid API token."),
        403: _("You are not allowed to do this."),
        404: _("Nothing was found at this address."),
        405: _("This method is not allowed here."),
        409: _("The request conflicts with the current state."),
        413: _("The request is too large."),
        422: _("Some fields are not valid."),
        429: _("Too many requests. Wait a moment and try again."),
        500: _("Something went wrong on our side. Nothing was changed."),
    }


def _field_messages() -> dict[str, str]:
    return {
        "missing": _("This field is required."),
        "string_type": _("This must be text."),
        "int_type": _("This must be a whole number."),
        "int_parsing": _("This must be a whole number."),
        "bool_type": _("This must be true or false."),
        "greater_than_equal": _("This number is too small."),
        "less_than_equal": _("This number is too large."),
        "string_too_short": _("This text is too short."),
        "string_too_long": _("This text is too long."),
        "string_pattern_mismatch": _("This text contains characters that are not allowed."),
        "extra_forbidden": _("This field is not allowed."),
        "model_attributes_type": _("The body must be a JSON object."),
        "dict_type": _("The body must be a JSON object."),
    }


def _known_details() -> dict[str, str]:
    """django-ninja's own English details, in the user's language."""
    return {
        "CSRF check Failed": _(
            "The CSRF token is missing or wrong. Reload the page and try again."
        ),
        "Cannot parse request body": _("The request body is not valid JSON."),
    }


def problem(
    request: HttpRequest, status: int, detail: str | None = None, **extensions: Any
) -> JsonResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _titles().get(status, HTTPStatus(status).phrase),
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    body.update(extensions)
    return JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def _pointer(location: tuple[Any, ...] | list[Any]) -> str:
    # ninja prefixes body fields with ("body", "<argument name>"); the client only sees the body.
    parts = [str(p) for p in location]
    if parts[:1] == ["body"]:
        parts = parts[2:] if len(parts) > 1 else []
        return "#/" + "/".join(parts)
    return "/".join(parts)


# Handlers take `exc: Any`: ninja types each handler against its own generic exception type.
def _on_validation_error(request: HttpRequest, exc: Any) -> JsonResponse:
    messages = _field_messages()
    errors = [
        {
            "pointer": _pointer(error.get("loc", ())),
            "detail": messages.get(error.get("type", ""), _("This value is not valid.")),
        }
        for error in exc.errors
    ]
    return problem(request, 422, _("Correct the fields listed in “errors”."), errors=errors)


def _on_http_error(request: HttpRequest, exc: Any) -> JsonResponse:
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        return problem(request, 400, _("The request body is not valid JSON."))
    if isinstance(exc, AuthenticationError):
        return problem(request, 401)
    if exc.message in {"Unauthorized", "Forbidden", ""}:
        return problem(request, exc.status_code)
    return problem(request, exc.status_code, _known_details().get(exc.message, exc.message))


def _on_suspicious(request: HttpRequest, exc: Any) -> JsonResponse:
    if isinstance(exc, RequestDataTooBig):
        return problem(
            request,
            413,
            _("Send less than %(size)d kilobytes.")
            % {"size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024},
        )
    return problem(request, 400)


def _on_not_found(request: HttpRequest, exc: Any) -> JsonResponse:
    return problem(request, 404)


def _on_permission_denied(request: HttpRequest, exc: Any) -> JsonResponse:
    return problem(request, 403)


def _on_unexpected(request: HttpRequest, exc: Any) -> JsonResponse:
    logger.exception("Unhandled error in %s %s", request.method, request.path)
    return problem(request, 500)


def install_problem_handlers(api: NinjaAPI) -> None:
    api.add_exception_handler(ValidationError, _on_validation_error)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(Http404, _on_not_found)
    api.add_exception_handler(PermissionDenied, _on_permission_denied)
    api.add_exception_handler(SuspiciousOperation, _on_suspicious)
    api.add_exception_handler(Exception, _on_unexpected)


class ApiProblemMiddleware:
    """Turn any error the API's framework answers by itself (a 405 for a wrong method, say)
    into a problem document, so API clients only ever see one error format."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and response.get("Content-Type", "").split(";")[0]
            not in {PROBLEM_CONTENT_TYPE, "application/json"}
        ):
            replacement = problem(request, response.status_code)
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
