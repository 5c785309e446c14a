"""The personal data tracker: a person's own view, with their access code and no account.

What they see: every decision about their data (when, which organisation, which role, which
purpose, allowed or not; never a staff member's name, as CJEU C-579/21 allows), each with its
ledger proof; their consents, which they can withdraw; a download of everything; how to
complain. Works without JavaScript, in every interface language.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haven.access.decisions import AccessDenied, DataSubject, RecordNotFound
from haven.access.purposes import PURPOSES
from haven.accounts import lockout
from haven.accounts.models import Organisation
from haven.accounts.roles import Role
from haven.casework.returns import ReturnError, return_plan_withdraw, return_plans_of
from haven.ledger import merkle
from haven.ledger import selectors as ledger
from haven.ledger.models import LedgerEntry
from haven.ledger.note import Checkpoint
from haven.ledger.records import AccessRecord
from haven.ledger.services import checkpoint_latest
from haven.ledger.signing import ledger_signer
from haven.people import selectors, services
from haven.people.consent_export import consent_record_json
from haven.people.forms import AccessCodeForm

SESSION_KEY = "haven_tracker_person"
PURPOSE = "data-subject-request"

View = Callable[..., HttpResponse]


def _signed_in(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        signed_in = request.session.get(SESSION_KEY) or {}
        person_id, lookup = signed_in.get("person"), signed_in.get("code")
        if not person_id or not lookup:
            return redirect("tracker:start")
        try:
            subject = selectors.subject_for_code_holder(person_id, lookup)
        except LookupError:  # erased, or the code was replaced, since signing in
            request.session.pop(SESSION_KEY, None)
            return redirect("tracker:start")
        try:
            return view(request, UUID(person_id), subject, *args, **kwargs)
        except (AccessDenied, RecordNotFound):  # refused, or no such record: one answer
            raise Http404 from None

    return wrapped


def start(request: HttpRequest) -> HttpResponse:
    form = AccessCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        key = "tracker:" + "".join(c for c in code.upper() if c.isalnum())[:8]
        if lockout.admit(key) is not None:
            form.add_error("code", _("Too many tries. Wait 15 minutes and try again."))
        else:
            redeemed = services.access_code_redeem(code)
            if redeemed is None:
                form.add_error(
                    "code", _("This code is not right, or it was replaced by a new one.")
                )
            else:
                lockout.record_success(key)
                request.session.cycle_key()
                request.session[SESSION_KEY] = {
                    "person": str(redeemed.person_id),
                    "code": redeemed.lookup,
                }
                return redirect("tracker:overview")
    return render(request, "tracker/start.html", {"form": form})


@dataclass(frozen=True)
class AccessRow:
    index: int
    record: AccessRecord
    organisation: str
    role: str
    purpose: str


def _access_rows(subject: DataSubject) -> list[AccessRow]:
    organisations = dict(Organisation.objects.values_list("slug", "name"))
    roles = dict(Role.choices)
    rows = []
    for index, leaf in ledger.entries_about(subject.pseudonym):
        record = AccessRecord.from_leaf(leaf)
        purpose = PURPOSES.get(record.purpose)
        rows.append(
            AccessRow(
                index=index,
                record=record,
                organisation=organisations.get(record.organisation, "")
                or (_("You") if record.sector == "data-subject" else record.organisation),
                role=str(roles.get(record.role, "")),
                purpose=str(purpose.label) if purpose else _("No purpose given"),
            )
        )
    rows.reverse()  # newest first
    return rows


@_signed_in
def overview(request: HttpRequest, person_id: UUID, subject: DataSubject) -> HttpResponse:
    detail = selectors.person_detail(subject, PURPOSE, person_id)
    return render(
        request,
        "tracker/overview.html",
        {
            "detail": detail,
            "accesses": _access_rows(subject),
            "return_plans": return_plans_of(subject),
        },
    )


@_signed_in
def access_proof(
    request: HttpRequest, person_id: UUID, subject: DataSubject, index: int
) -> HttpResponse:
    entry = LedgerEntry.objects.filter(index=index, subject=subject.pseudonym).first()
    if entry is None:
        raise Http404
    signed = checkpoint_latest()
    body = Checkpoint.parse(ledger_signer().verifier.verify(signed.note))
    proof = ledger.inclusion_proof(index, body.size)
    leaf_hash = merkle.leaf_hash(bytes(entry.leaf))
    try:
        merkle.verify_inclusion(leaf_hash, index, body.size, proof, body.root)
        verified = True
    except merkle.ProofError:
        verified = False
    return render(
        request,
        "tracker/proof.html",
        {
            "index": index,
            "record": AccessRecord.from_leaf(bytes(entry.leaf)),
            "leaf_hash": base64.b64encode(leaf_hash).decode(),
            "proof": [base64.b64encode(h).decode() for h in proof],
            "checkpoint": signed.note,
            "size": body.size,
            "verified": verified,
        },
    )


def _export(person_id: UUID, subject: DataSubject) -> dict[str, Any]:
    detail = selectors.person_detail(subject, PURPOSE, person_id)
    special = selectors.special_categories(subject, PURPOSE, person_id)

    def when(value: datetime) -> str:
        return value.isoformat()

    return {
        "person": {
            "given_names": detail.summary.given_names,
            "family_name": detail.summary.family_name,
            "date_of_birth": detail.summary.date_of_birth.isoformat()
            if detail.summary.date_of_birth
            else None,
            "date_of_birth_is_estimate": detail.date_of_birth_is_estimate,
            "nationality": detail.summary.nationality,
            "preferred_language": detail.preferred_language,
            "registered_by": detail.registered_by,
        },
        "special_categories": special,
        "households": [{"household": h, "relationship": r} for h, r in detail.households],
        "consents": [consent_record_json(c) for c in detail.consents],
        "accesses": [
            {
                "ledger_index": row.index,
                "time": when(row.record.recorded_at),
                "organisation": row.organisation,
                "role": row.record.role,
                "purpose": row.record.purpose,
                "action": row.record.action,
                "decision": row.record.decision,
                "emergency_override": row.record.override,
            }
            for row in _access_rows(subject)
        ],
    }


@_signed_in
def download_json(request: HttpRequest, person_id: UUID, subject: DataSubject) -> JsonResponse:
    response = JsonResponse(
        _export(person_id, subject), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@_signed_in
def download_page(request: HttpRequest, person_id: UUID, subject: DataSubject) -> HttpResponse:
    data = _export(person_id, subject)
    return render(
        request,
        "tracker/download.html",
        {"data": data, "raw": json.dumps(data, ensure_ascii=False, indent=2)},
    )


@require_POST
@_signed_in
def consent_withdraw(
    request: HttpRequest, person_id: UUID, subject: DataSubject, consent_id: UUID
) -> HttpResponse:
    services.consent_withdraw(subject, PURPOSE, consent_id)
    return redirect("tracker:overview")


@require_POST
@_signed_in
def return_withdraw(
    request: HttpRequest, person_id: UUID, subject: DataSubject, case_id: UUID
) -> HttpResponse:
    with suppress(ReturnError):  # already departed or withdrawn: the page shows its state
        return_plan_withdraw(subject, PURPOSE, case_id)
    return redirect("tracker:overview")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    return redirect("tracker:start")
