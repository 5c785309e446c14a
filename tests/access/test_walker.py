"""No other way in: walk every URL pattern and every API operation, as every role, anonymously
and as a person with their tracker code, with generated inputs, and check that a canary
person's data never leaves in a response unless the ledger shows a permit for that request."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from haven.access.decisions import system_scope
from haven.access.purposes import PURPOSES
from haven.accounts.actor import Actor
from haven.accounts.models import Membership, Organisation
from haven.casework import documents, interviews, referrals
from haven.casework import services as case_services
from haven.demo.cast import LOGINS
from haven.ledger.models import LedgerEntry
from haven.ledger.records import AccessRecord
from haven.people import services
from haven.people.models import Consent, Person
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

CANARY_NAME = "Qwzyxcanary"
CANARY_SECRET = "canary-special-category-7f3a"
SKIPPED_PREFIXES = ("admin/",)  # personal-data models are not in the admin (tested below)
# Walked last, so that signing out does not cut a principal's walk short.
SIGN_OUTS = ("/account/logout/", "/my-data/sign-out/")


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _fill(route: str, ids: dict[str, list[str]]) -> list[str]:
    """Every way to fill the route's converters from the generated inputs."""
    routes = [route]
    for converter, values in (
        ("<uuid:", ids["uuid"]),
        ("<int:", ids["int"]),
        ("<str:", ids["str"]),
        ("<slug:", ids["str"]),
        ("<path:", ids["str"]),
    ):
        while any(converter in partial for partial in routes):
            expanded = []
            for partial in routes:
                if converter not in partial:
                    expanded.append(partial)
                    continue
                start = partial.index(converter)
                end = partial.index(">", start)
                expanded += [partial[:start] + value + partial[end + 1 :] for value in values]
            routes = expanded
    return ["/" + r.lstrip("^").rstrip("$").replace("\\Z", "") for r in routes]


@pytest.fixture
def canary(cast: Cast) -> dict[str, Any]:
    caseworker = Actor.for_membership(Membership.objects.get(user__username="asylum.caseworker"))
    person = services.person_create(
        caseworker,
        "asylum-procedure",
        services.NewPerson(CANARY_NAME, "Testperson", date(1990, 1, 1), nationality="SY"),
    )
    services.special_category_set(
        caseworker, "asylum-procedure", person.pk, "health", CANARY_SECRET
    )
    consent = services.consent_record(
        caseworker,
        "asylum-procedure",
        person.pk,
        recipient=Organisation.objects.get(slug="harbour-house"),
        consent_purpose="shelter",
        sections=["identity"],
        method="signed_form",
        language="ar",
    )
    code = services.access_code_issue(caseworker, "asylum-procedure", person.pk)
    case = case_services.case_open(caseworker, "asylum-procedure", person.pk, kind="regular")
    case_services.case_add_note(
        caseworker,
        "asylum-procedure",
        case.pk,
        text=f"Note about {CANARY_NAME}",
        audience="internal",
    )
    referral = referrals.referral_create(
        caseworker,
        "asylum-procedure",
        case.pk,
        partner=Organisation.objects.get(slug="harbour-house"),
        partner_purpose="shelter",
        sections=["identity"],
    )
    interview = interviews.interview_schedule(
        caseworker,
        "asylum-procedure",
        case.pk,
        interviews.NewInterview(
            kind="substantive",
            mode="remote",
            starts_at=timezone.now() + timedelta(days=2),
            minutes=60,
            place="https://video.example/x",
            language="ar",
        ),
    )
    document = documents.document_upload(
        caseworker,
        "asylum-procedure",
        case.pk,
        doc_type="evidence",
        name="statement.pdf",
        content=b"%PDF-1.7\n" + CANARY_SECRET.encode(),
    )
    return {
        "person": person,
        "consent": consent,
        "code": code,
        "case": case,
        "referral": referral,
        "interview": interview,
        "document": document,
    }


def _principals(cast: Cast, canary: dict[str, Any]) -> Iterator[tuple[str, Client, str | None]]:
    """(name, client, organisation slug or "data-subject" or None for anonymous). The person
    walks last, since their walk withdraws their consents, with a code printed just before:
    the caseworkers' walks print new codes, and each retires the one before."""
    yield "anonymous", Client(), None
    for login in LOGINS:
        client = Client()
        cast.login(client, login.username)
        yield login.username, client, login.organisation
    caseworker = Actor.for_membership(Membership.objects.get(user__username="asylum.caseworker"))
    code = services.access_code_issue(caseworker, "asylum-procedure", canary["person"].pk)
    person = Client()
    assert person.post("/my-data/", {"code": code}).status_code == 302
    yield "the person", person, "data-subject"


def _last_index() -> int:
    return LedgerEntry.objects.order_by("-index").values_list("index", flat=True).first() or -1


def _permits_for(pseudonym: str, after: int) -> list[AccessRecord]:
    return [
        AccessRecord.from_leaf(bytes(leaf))
        for leaf in LedgerEntry.objects.filter(index__gt=after, subject=pseudonym).values_list(
            "leaf", flat=True
        )
    ]


def _check(
    response: Any, who: str, organisation: str | None, pseudonym: str, before: int, where: str
) -> bool:
    """Fail on a 500, or on the canary in a response without a permit; say if it was seen."""
    assert response.status_code < 500, f"{who} {where}: {response.status_code}"
    body = response.content.decode(errors="replace")
    if CANARY_NAME not in body and CANARY_SECRET not in body:
        return False
    permits = [r for r in _permits_for(pseudonym, before) if r.decision == "permit"]
    assert permits, f"{who} saw the canary at {where} with no permit in the ledger"
    expected = "" if organisation == "data-subject" else organisation
    assert any(r.organisation == expected for r in permits), (
        f"{who} saw the canary at {where}, but the permits were for someone else"
    )
    return True


def test_no_personal_data_leaves_any_page_without_a_permit(
    cast: Cast, canary: dict[str, Any]
) -> None:
    person: Person = canary["person"]
    ids = {
        "uuid": [
            str(person.pk),
            str(canary["consent"].pk),
            str(canary["case"].pk),
            str(canary["referral"].pk),
            str(canary["interview"].pk),
            str(canary["document"].pk),
            str(uuid.uuid4()),
        ],
        "int": ["0", "1", "987654"],
        "str": ["x"],
    }
    routes = sorted(
        {
            concrete
            for route, _ in _walk(get_resolver().url_patterns)
            if not route.startswith(SKIPPED_PREFIXES)
            for concrete in _fill(route, ids)
        }
    )
    assert any(r.startswith("/people/") for r in routes)
    assert len(routes) > 30
    routes.sort(key=lambda route: route in SIGN_OUTS)
    checked = 0
    seen_by: set[str] = set()
    for who, client, organisation in _principals(cast, canary):
        for route in routes:
            for purpose in ("", *PURPOSES):
                if purpose and "/people/" not in route:
                    continue
                query = f"?purpose={purpose}&section=special" if purpose else ""
                for method in ("get", "post"):
                    before = _last_index()
                    response = getattr(client, method)(route + query, {"purpose": purpose})
                    if _check(
                        response,
                        who,
                        organisation,
                        person.pseudonym,
                        before,
                        f"{method.upper()} {route}{query}",
                    ):
                        seen_by.add(who)
                    checked += 1
    assert checked > 1000
    # Those entitled did see it, so the walk reached the data; nobody else did.
    assert seen_by == {"asylum.caseworker", "asylum.supervisor", "shelter.caseworker", "the person"}


def test_no_personal_data_leaves_any_api_operation_without_a_permit(
    cast: Cast, canary: dict[str, Any], client: Client
) -> None:
    person: Person = canary["person"]
    document = client.get("/api/v1/openapi.json").json()
    operations = [
        (path, method) for path, methods in document["paths"].items() for method in methods
    ]
    assert ("/api/v1/people/{person_id}", "get") in operations
    values = [str(person.pk), str(canary["case"].pk), str(uuid.uuid4()), "1"]
    seen_by: set[str] = set()
    for who, api_client, organisation in _principals(cast, canary):
        for path, method in operations:
            for value in values:
                concrete = path
                while "{" in concrete:
                    start, end = concrete.index("{"), concrete.index("}")
                    concrete = concrete[:start] + value + concrete[end + 1 :]
                for purpose in ("", *PURPOSES):
                    before = _last_index()
                    response = (
                        getattr(api_client, method)(
                            f"{concrete}?purpose={purpose}", content_type="application/json"
                        )
                        if method != "get"
                        else api_client.get(f"{concrete}?purpose={purpose}")
                    )
                    if _check(
                        response,
                        who,
                        organisation,
                        person.pseudonym,
                        before,
                        f"{method.upper()} {concrete}?purpose={purpose}",
                    ):
                        seen_by.add(who)
    assert seen_by == {"asylum.caseworker", "asylum.supervisor", "shelter.caseworker"}


def test_personal_data_models_are_not_in_the_admin() -> None:
    from haven.people import models as people_models

    protected = {
        model
        for model in vars(people_models).values()
        if isinstance(model, type)
        and getattr(model, "_meta", None)
        and type(model._default_manager).__name__ == "ProtectedManager"
    }
    assert protected >= {Person, Consent}
    assert not protected & set(admin.site._registry)


def test_the_canary_is_really_there(cast: Cast, canary: dict[str, Any]) -> None:
    """The walk would prove nothing if the canary could not be seen by those allowed to."""
    client = cast.login(Client(), "asylum.caseworker")
    page = client.get(f"/people/{canary['person'].pk}/?purpose=asylum-procedure&section=special")
    assert CANARY_NAME in page.content.decode()
    assert CANARY_SECRET in page.content.decode()
    with system_scope("test"):
        assert Person.objects.filter(given_names=CANARY_NAME).count() == 1


def test_the_walker_would_catch_a_leak(cast: Cast, canary: dict[str, Any]) -> None:
    from django.http import HttpResponse

    leak = HttpResponse(f"<p>{CANARY_NAME}</p>")
    before = _last_index()
    with pytest.raises(AssertionError, match="with no permit"):
        _check(leak, "someone", "asylum-office", canary["person"].pseudonym, before, "/x")
