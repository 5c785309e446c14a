"""Caseworker pages: case list, deadline board, case view with its clocks, and the forms for
each step. A refused and a missing case answer the same 404."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haven.access.decisions import AccessDenied
from haven.accounts.actor import Actor
from haven.casework import documents, interviews, referrals, returns, selectors, services
from haven.casework.clocks import Urgency
from haven.casework.events import event_label
from haven.casework.forms import (
    CaseOpenForm,
    DecisionForm,
    DocumentForm,
    EventForm,
    InterviewForm,
    InterviewRecordForm,
    NoteForm,
    ReferralForm,
    ReintegrationForm,
    ReturnPlanForm,
    SuitabilityForm,
    VisitForm,
)
from haven.casework.models import CaseKind, ProcedureCase
from haven.casework.rules import RULES_BY_CODE, ClockRule
from haven.casework.step_errors import STEP_ERRORS
from haven.people.purpose_choice import current_purpose, purpose_context
from haven.web.decorators import member_view


@dataclass(frozen=True)
class BoardRow:
    case: ProcedureCase
    days_left: int | None
    urgency: str
    rule: ClockRule | None

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def _urgency(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left < 0:
        return Urgency.PAST
    if days_left <= 3:
        return Urgency.URGENT
    return Urgency.SOON if days_left <= 14 else Urgency.CALM


@member_view
def case_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    purpose = current_purpose(request, actor)
    board = request.resolver_match is not None and request.resolver_match.url_name == "board"
    filters = {
        "kind": request.GET.get("kind", ""),
        "status": request.GET.get("status", "open"),
        "mine": request.GET.get("mine") == "1",
        "query": request.GET.get("q", ""),
    }
    try:
        page = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page = 1
    try:
        cases = selectors.case_list(actor, purpose, page=page, **filters)  # type: ignore[arg-type]
    except AccessDenied:
        return render(request, "people/refused.html", purpose_context(request, actor), status=403)
    today = timezone.localdate()
    rows = []
    for case in cases:
        days_left = (case.next_due - today).days if case.next_due else None
        rows.append(
            BoardRow(case, days_left, _urgency(days_left), RULES_BY_CODE.get(case.next_rule))
        )
    return render(
        request,
        "casework/board.html" if board else "casework/list.html",
        purpose_context(
            request,
            actor,
            rows=rows,
            filters=filters,
            kinds=CaseKind.choices,
            page=page,
            has_next=len(cases) == selectors.PAGE_SIZE,
        ),
    )


@member_view
def case_open(request: HttpRequest, actor: Actor) -> HttpResponse:
    person_id = request.GET.get("person") or request.POST.get("person", "")
    form = CaseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.case_open(
            actor,
            current_purpose(request, actor),
            person_id,
            kind=form.cleaned_data["kind"],
            jurisdiction=form.cleaned_data["jurisdiction"],
        )
        messages.success(request, _("The case is opened."))
        return redirect("casework:detail", case_id=case.pk)
    return render(
        request,
        "casework/open.html",
        purpose_context(request, actor, form=form, person_id=person_id),
    )


@member_view
def case_detail(request: HttpRequest, actor: Actor, case_id: UUID) -> HttpResponse:
    detail = selectors.case_detail(actor, current_purpose(request, actor), case_id)
    return render(
        request,
        "casework/detail.html",
        purpose_context(
            request,
            actor,
            detail=detail,
            events=[(e, event_label(e.kind)) for e in detail.events],
            event_form=EventForm(initial={"day": timezone.localdate()}),
            note_form=NoteForm(),
            decision_form=DecisionForm(),
            referral_form=ReferralForm(),
            referrals=referrals.referrals_of_case(case_id),
            interviews=interviews.interviews_of_case(case_id),
            interview_form=InterviewForm(),
            return_plan=returns.return_plan_of_case(case_id),
            return_form=ReturnPlanForm(),
            reintegration=returns.reintegration_view(
                actor, current_purpose(request, actor), case_id
            )
            if detail.case.kind == CaseKind.REINTEGRATION
            else None,
            reintegration_form=ReintegrationForm(),
            visit_form=VisitForm(),
            documents=documents.documents_of_case(case_id),
            document_types=documents.DOCUMENT_TYPES,
            document_form=DocumentForm(),
        ),
    )


def _errors_to_messages(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _case_step(
    request: HttpRequest,
    actor: Actor,
    case_id: UUID,
    form_class: type[forms.Form],
    step: Callable[..., object],
    done: str,
) -> HttpResponse:
    """Validate a step's form, take the step for the page's purpose, say how it went."""
    form = form_class(request.POST)
    if not form.is_valid():
        _errors_to_messages(request, form)
    else:
        try:
            step(actor, current_purpose(request, actor), case_id, **form.cleaned_data)
            messages.success(request, done)
        except STEP_ERRORS as error:
            messages.error(request, str(error))
    return redirect("casework:detail", case_id=case_id)


@member_view
@require_POST
def case_event(request: HttpRequest, actor: Actor, case_id: UUID) -> HttpResponse:
    return _case_step(
        request,
        actor,
        case_id,
        EventForm,
        services.case_record_event,
        _("Recorded. The clocks are updated."),
    )


@member_view
@require_POST
def case_note(request: HttpRequest, actor: Actor, case_id: UUID) -> HttpResponse:
    return _case_step(
        request,
        actor,
        case_id,
        NoteForm,
        services.case_add_note,
        _("The note is added, encrypted."),
    )


@member_view
@require_POST
def case_decide(request: HttpRequest, actor: Actor, case_id: UUID) -> HttpResponse:
    return _case_step(
        request,
        actor,
        case_id,
        DecisionForm,
        services.case_decide,
        _("The decision is recorded, in your name."),
    )


@member_view
@require_POST
def referral_create(request: HttpRequest, actor: Actor, case_id: UUID) -> HttpResponse:
    return _case_step(
        request,
        actor,
        case_id,
        ReferralForm,
        referrals.referral_create,
        _("The case is referred. The partner sees only the sections you chose."),
    )


@member_view
def referral_inbox(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "casework/referral_inbox.html",
        {"referrals": referrals.referrals_for_partner(actor)},
    )


@member_view
def referral_detail(request: HttpRequest, actor: Actor, referral_id: UUID) -> HttpResponse:
    view = referrals.referral_view(actor, referral_id)
    return render(request, "casework/referral.html", {"view": view})


@member_view
@require_POST
def referral_step(request: HttpRequest, actor: Actor, referral_id: UUID, step: str) -> HttpResponse:
    try:
        referral = referrals.referral_change(
            actor, current_purpose(request, actor), referral_id, step
        )
    except referrals.ReferralError as error:
        messages.error(request, str(error))
        return redirect("casework:referrals")
    if step == "revoke":
        return redirect("casework:detail", case_id=referral.case_id)
    return redirect("casework:referrals")


@member_view
@require_POST
def interview_schedule(request: HttpRequest, actor: Actor, case_id: UUID) -> HttpResponse:
    form = InterviewForm(request.POST)
    if not form.is_valid():
        _errors_to_messages(request, form)
        return redirect("casework:detail", case_id=case_id)
    try:
        interview = interviews.interview_schedule(
            actor,
            current_purpose(request, actor),
            case_id,
            interviews.NewInterview(**form.cleaned_data),
        )
    except interviews.InterviewError as error:
        messages.error(request, str(error))
        return redirect("casework:detail", case_id=case_id)
    return redirect("casework:interview", interview_id=interview.pk)


@member_view
def interview_page(request: HttpRequest, actor: Actor, interview_id: UUID) -> HttpResponse:
    purpose = current_purpose(request, actor)
    candidates = interviews.interpreter_candidates(actor, purpose, interview_id)
    interview = interviews.interview_already_decided(interview_id)
    return render(
        request,
        "casework/interview.html",
        purpose_context(
            request,
            actor,
            interview=interview,
            candidates=candidates,
            suitability_form=SuitabilityForm(),
            record_form=InterviewRecordForm(),
        ),
    )


@member_view
@require_POST
def interview_step(
    request: HttpRequest, actor: Actor, interview_id: UUID, step: str
) -> HttpResponse:
    purpose = current_purpose(request, actor)
    try:
        if step == "book":
            interviews.interpreter_book(
                actor, purpose, interview_id, int(request.POST.get("interpreter", "0") or 0)
            )
        elif step == "suitability":
            form = SuitabilityForm(request.POST)
            if form.is_valid():
                interviews.suitability_record(actor, purpose, interview_id, **form.cleaned_data)
        elif step == "held":
            record_form = InterviewRecordForm(request.POST)
            if record_form.is_valid():
                interviews.interview_mark_held(
                    actor, purpose, interview_id, **record_form.cleaned_data
                )
            else:
                _errors_to_messages(request, record_form)
        else:
            raise interviews.InterviewError("step", _("Unknown step."))
        messages.success(request, _("Saved."))
    except interviews.InterviewError as error:
        messages.error(request, str(error))
    return redirect("casework:interview", interview_id=interview_id)


@member_view
def interview_invitation(request: HttpRequest, actor: Actor, interview_id: UUID) -> HttpResponse:
    data = interviews.interview_invitation(actor, current_purpose(request, actor), interview_id)
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interview.ics"'
    return response


@member_view
@require_POST
def return_step(request: HttpRequest, actor: Actor, case_id: UUID, step: str) -> HttpResponse:
    purpose = current_purpose(request, actor)
    try:
        if step == "plan":
            form = ReturnPlanForm(request.POST)
            if not form.is_valid():
                _errors_to_messages(request, form)
                return redirect("casework:detail", case_id=case_id)
            returns.return_plan_create(actor, purpose, case_id, **form.cleaned_data)
        elif step == "withdraw":
            returns.return_plan_withdraw(actor, purpose, case_id)
        elif step == "departed":
            returns.return_plan_departed(actor, purpose, case_id, timezone.localdate())
        elif step == "reintegration":
            plan_form = ReintegrationForm(request.POST)
            if not plan_form.is_valid():
                _errors_to_messages(request, plan_form)
                return redirect("casework:detail", case_id=case_id)
            returns.reintegration_plan_create(actor, purpose, case_id, **plan_form.cleaned_data)
        else:
            raise returns.ReturnError("step", _("Unknown step."))
        messages.success(request, _("Saved."))
    except returns.ReturnError as error:
        messages.error(request, str(error))
    return redirect("casework:detail", case_id=case_id)


@member_view
@require_POST
def visit_record(request: HttpRequest, actor: Actor, visit_id: int) -> HttpResponse:
    form = VisitForm(request.POST)
    if not form.is_valid():
        _errors_to_messages(request, form)
        return redirect("casework:list")
    visit = returns.followup_record(
        actor, current_purpose(request, actor), visit_id, **form.cleaned_data
    )
    messages.success(request, _("Saved."))
    return redirect("casework:detail", case_id=visit.plan.case_id)


@member_view
def case_search(request: HttpRequest, actor: Actor) -> HttpResponse:
    text = request.GET.get("q", "")[:200]
    born = request.GET.get("born", "")
    try:
        date_of_birth = date.fromisoformat(born) if born else None
    except ValueError:
        date_of_birth = None
        messages.error(request, _("Write the date of birth as YYYY-MM-DD."))
    hits = None
    if text or date_of_birth:
        try:
            hits = selectors.search(actor, current_purpose(request, actor), text, date_of_birth)
        except AccessDenied:
            return render(
                request, "people/refused.html", purpose_context(request, actor), status=403
            )
    return render(
        request,
        "casework/search.html",
        purpose_context(request, actor, hits=hits, text=text, born=born),
    )


@member_view
@require_POST
def document_upload(request: HttpRequest, actor: Actor, case_id: UUID) -> HttpResponse:
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        _errors_to_messages(request, form)
        return redirect("casework:detail", case_id=case_id)
    upload = form.cleaned_data["file"]
    limit = max(t.max_bytes for t in documents.DOCUMENT_TYPES.values())
    try:
        documents.document_upload(
            actor,
            current_purpose(request, actor),
            case_id,
            doc_type=form.cleaned_data["doc_type"],
            name=upload.name or "",
            content=upload.read(limit + 1),
        )
        messages.success(request, _("The document is stored, encrypted."))
    except documents.DocumentError as error:
        messages.error(request, str(error))
    return redirect("casework:detail", case_id=case_id)


@member_view
def document_download(request: HttpRequest, actor: Actor, document_id: UUID) -> HttpResponse:
    opened = documents.document_open(actor, current_purpose(request, actor), document_id)
    response = HttpResponse(opened.content, content_type=opened.content_type)
    safe = "".join(c for c in opened.name if c.isalnum() or c in "._- ")[:100] or "document"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response
