"""The ledger's public endpoints: anyone can fetch and check it with their own code.

Formats follow the transparency-log conventions: a C2SP signed-note checkpoint as text, the
verifier key in note form, entries and proof hashes in base64 inside JSON.
"""

from __future__ import annotations

import base64

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from haven.ledger import selectors
from haven.ledger.merkle import ProofError
from haven.ledger.services import checkpoint_latest
from haven.ledger.signing import ledger_signer
from haven.web.problems import problem

MAX_ENTRIES = 1000


class BadQuery(ValueError):
    pass


def _int(request: HttpRequest, name: str) -> int:
    raw = request.GET.get(name, "")
    if not raw.isdigit() or len(raw) > 18:
        raise BadQuery(_("“%(name)s” must be a whole number of zero or more.") % {"name": name})
    return int(raw)


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


def _text(body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(body: object) -> JsonResponse:
    response = JsonResponse(body, safe=False)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def checkpoint(request: HttpRequest) -> HttpResponse:
    return _text(checkpoint_latest().note)


@require_GET
def verifier_key(request: HttpRequest) -> HttpResponse:
    return _text(ledger_signer().verifier.vkey + "\n")


@require_GET
def entries(request: HttpRequest) -> HttpResponse:
    try:
        start, end = _int(request, "start"), _int(request, "end")
        if end <= start:
            raise BadQuery(_("“end” must be greater than “start”."))
    except BadQuery as error:
        return problem(request, 400, str(error))
    end = min(end, start + MAX_ENTRIES, selectors.ledger_size())
    return _json(
        [
            {"index": index, "leaf": _b64(leaf)}
            for index, leaf in selectors.entries_between(start, end)
        ]
    )


@require_GET
def inclusion(request: HttpRequest) -> HttpResponse:
    try:
        index, size = _int(request, "index"), _int(request, "size")
        _check_size(size)
        proof = selectors.inclusion_proof(index, size)
    except (BadQuery, ProofError) as error:
        return problem(request, 400, str(error))
    return _json({"index": index, "size": size, "proof": [_b64(h) for h in proof]})


@require_GET
def consistency(request: HttpRequest) -> HttpResponse:
    try:
        old, new = _int(request, "old"), _int(request, "new")
        _check_size(new)
        proof = selectors.consistency_proof(old, new)
    except (BadQuery, ProofError) as error:
        return problem(request, 400, str(error))
    return _json({"old": old, "new": new, "proof": [_b64(h) for h in proof]})


def _check_size(size: int) -> None:
    if size > selectors.ledger_size():
        raise BadQuery(_("The ledger is not that large yet."))


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    latest = checkpoint_latest()
    return render(
        request,
        "ledger/about.html",
        {"checkpoint": latest, "vkey": ledger_signer().verifier.vkey},
    )
