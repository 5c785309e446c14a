"""Staff pages for people. Every page states a purpose; a refused and a missing person look
the same (404), and the refusal is in the ledger."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from haven.access.decisions import AccessDenied
from haven.access.purposes import PURPOSES
from haven.accounts.actor import Actor
from haven.accounts.models import Organisation
from haven.accounts.roles import Role, Sector
from haven.people import selectors, services
from haven.people.forms import ConsentForm, OverrideForm, PersonForm, SpecialCategoryForm
from haven.people.purpose_choice import current_purpose, purpose_context
from haven.web.decorators import member_view


@member_view
def person_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    purpose = current_purpose(request, actor)
    try:
        page = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page = 1
    try:
        people = selectors.person_list(actor, purpose, page=page)
    except AccessDenied:
        return render(request, "people/refused.html", purpose_context(request, actor), status=403)
    return render(
        request,
        "people/list.html",
        purpose_context(
            request, actor, people=people, page=page, has_next=len(people) == selectors.PAGE_SIZE
        ),
    )


@member_view
def person_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    purpose = current_purpose(request, actor)
    form = PersonForm(request.POST or None)
    candidates: list[selectors.PersonSummary] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = services.NewPerson(
            given_names=data["given_names"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            date_of_birth_is_estimate=data["date_of_birth_is_estimate"],
            nationality=data["nationality"],
            preferred_language=data["preferred_language"],
        )
        try:
            person = services.person_create(
                actor, purpose, new, confirm_not_duplicate=data["confirm_not_duplicate"]
            )
        except services.PossibleDuplicates as duplicates:
            candidates = duplicates.candidates
        else:
            messages.success(request, _("The person is registered."))
            return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/new.html",
        purpose_context(request, actor, form=form, candidates=candidates),
    )


@member_view
def person_detail(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    purpose = current_purpose(request, actor)
    try:
        detail = selectors.person_detail(actor, purpose, person_id)
    except AccessDenied:
        if actor.membership.can_override_in_emergency and actor.sector != Sector.ENFORCEMENT:
            return render(
                request,
                "people/override.html",
                purpose_context(request, actor, form=OverrideForm(), person_id=person_id),
                status=404,
            )
        raise
    special = None
    if request.GET.get("section") == "special":
        special = selectors.special_categories(actor, purpose, person_id)
    recipients = Organisation.objects.exclude(sector=Sector.ENFORCEMENT)
    purpose_choices = [(p.code, str(p.label)) for p in PURPOSES.values() if not p.aggregate_only]
    return render(
        request,
        "people/detail.html",
        purpose_context(
            request,
            actor,
            detail=detail,
            special=special,
            consent_form=ConsentForm(recipients=recipients, purposes=purpose_choices),
            special_form=SpecialCategoryForm(),
            can_erase=actor.role == Role.SUPERVISOR,
        ),
    )


@member_view
@require_POST
def person_override(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "people/override.html",
            purpose_context(request, actor, form=form, person_id=person_id),
            status=400,
        )
    detail = selectors.person_detail(
        actor,
        current_purpose(request, actor),
        person_id,
        override_reason=form.cleaned_data["reason"],
    )
    return render(
        request,
        "people/detail.html",
        purpose_context(request, actor, detail=detail, emergency=True),
    )


@member_view
@require_POST
def consent_add(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    purpose_choices = [(p.code, str(p.label)) for p in PURPOSES.values() if not p.aggregate_only]
    form = ConsentForm(
        request.POST,
        recipients=Organisation.objects.exclude(sector=Sector.ENFORCEMENT),
        purposes=purpose_choices,
    )
    if form.is_valid():
        data = form.cleaned_data
        services.consent_record(
            actor,
            current_purpose(request, actor),
            person_id,
            recipient=data["recipient"],
            consent_purpose=data["consent_purpose"],
            sections=data["sections"],
            method=data["method"],
            language=data["language"],
        )
        messages.success(request, _("The consent is recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("people:detail", person_id=person_id)


@member_view
@require_POST
def consent_withdraw(
    request: HttpRequest, actor: Actor, person_id: UUID, consent_id: UUID
) -> HttpResponse:
    services.consent_withdraw(actor, current_purpose(request, actor), consent_id)
    messages.success(request, _("The consent is withdrawn."))
    return redirect("people:detail", person_id=person_id)


@member_view
@require_POST
def special_set(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    form = SpecialCategoryForm(request.POST)
    if form.is_valid():
        services.special_category_set(
            actor,
            current_purpose(request, actor),
            person_id,
            form.cleaned_data["category"],
            form.cleaned_data["text"],
        )
        messages.success(request, _("Saved, encrypted."))
    else:
        messages.error(request, _("Choose a category and write the information."))
    return redirect("people:detail", person_id=person_id)


@member_view
@require_POST
def access_code_issue(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    purpose = current_purpose(request, actor)
    code = services.access_code_issue(actor, purpose, person_id)
    detail = selectors.person_detail(actor, purpose, person_id)
    return render(
        request,
        "people/receipt.html",
        {
            "code": code,
            "detail": detail,
            "receipt_language": detail.preferred_language or request.LANGUAGE_CODE,
        },
    )


@member_view
@require_POST
def person_erase(request: HttpRequest, actor: Actor, person_id: UUID) -> HttpResponse:
    if request.POST.get("confirm") != "erase":
        messages.error(request, _("Tick the box to confirm the erasure."))
        return redirect("people:detail", person_id=person_id)
    services.person_erase(actor, "data-subject-request", person_id)
    messages.success(
        request,
        _(
            "The person's data is erased. The ledger keeps its entries, "
            "which can no longer be linked to anyone."
        ),
    )
    return redirect("people:list")
