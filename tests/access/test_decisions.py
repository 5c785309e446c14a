"""The decision point: purposes, the firewall, oversight, overrides, and the ledger contract."""

from __future__ import annotations

import pytest

from haven.access.decisions import (
    AccessContractError,
    AccessDenied,
    DataSubject,
    Resource,
    access_scope,
    authorize,
)
from haven.access.engine import policy_set, validation_errors
from haven.access.models import EmergencyOverride, Investigation, InvestigationSubject
from haven.access.purposes import PURPOSES, purposes_for
from haven.accounts.actor import Actor
from haven.accounts.models import Membership
from haven.accounts.roles import ROLES_BY_SECTOR, Role, Sector
from haven.ledger.models import LedgerEntry
from haven.ledger.records import AccessRecord
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

SUBJECT = "ab" * 32


def actor(username: str) -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


def record_of(holder: str, subject: str = SUBJECT, kind: str = "person") -> Resource:
    return Resource(kind=kind, identifier="1", holders=frozenset({holder}), subject=subject)


def decide(
    principal: object, action: str, resource: Resource, purpose: str | None, **kwargs: str
) -> str:
    """Run one decision in its own scope; return "permit" or "deny"."""
    try:
        with access_scope():
            authorize(principal, action, resource, purpose, **kwargs)  # type: ignore[arg-type]
    except AccessDenied:
        return "deny"
    return "permit"


def last_entry() -> AccessRecord:
    return AccessRecord.from_leaf(bytes(LedgerEntry.objects.order_by("-index").first().leaf))


def test_the_policies_validate_against_their_schema() -> None:
    assert validation_errors() == []
    assert len(policy_set().version) == 64


def test_every_purpose_names_its_legal_basis_and_a_dpv_concept() -> None:
    assert set(PURPOSES) == {
        "service-provision",
        "shelter",
        "legal-counselling",
        "asylum-procedure",
        "responsibility-determination",
        "relocation",
        "return-counselling",
        "statistics",
        "oversight-audit",
        "data-subject-request",
    }
    for purpose in PURPOSES.values():
        assert purpose.legal_basis.startswith("Art. 6(1)(")
        assert purpose.dpv_iri.startswith("https://w3id.org/dpv#")
        assert Sector.ENFORCEMENT not in purpose.sectors


def test_a_caseworker_reads_what_their_organisation_holds(cast: Cast) -> None:
    caseworker = actor("asylum.caseworker")
    assert decide(caseworker, "read", record_of("asylum-office"), "asylum-procedure") == "permit"
    entry = last_entry()
    assert (entry.organisation, entry.role, entry.purpose, entry.decision, entry.subject) == (
        "asylum-office",
        "caseworker",
        "asylum-procedure",
        "permit",
        SUBJECT,
    )
    assert entry.policy_version == policy_set().version


@pytest.mark.parametrize(
    ("username", "holder", "purpose"),
    [
        ("asylum.caseworker", "harbour-house", "asylum-procedure"),  # not held by their org
        ("asylum.caseworker", "asylum-office", "shelter"),  # purpose not for their sector
        ("muni.planner", "lindenhaven-newcomers", "service-provision"),  # role not for it
        ("muni.planner", "lindenhaven-newcomers", "statistics"),  # statistics: aggregates only
        ("muni.editor", "lindenhaven-newcomers", "service-provision"),
        ("oversight.auditor", "asylum-office", "oversight-audit"),  # no open investigation
    ],
)
def test_refusals_are_refused_and_written_down(
    cast: Cast, username: str, holder: str, purpose: str
) -> None:
    before = LedgerEntry.objects.count()
    assert decide(actor(username), "read", record_of(holder), purpose) == "deny"
    assert LedgerEntry.objects.count() == before + 1
    assert last_entry().decision == "deny"


@pytest.mark.parametrize("purpose", [None, "", "curiosity"])
def test_a_request_without_a_known_purpose_is_refused_before_evaluation(
    cast: Cast, purpose: str | None
) -> None:
    assert decide(actor("asylum.caseworker"), "read", record_of("asylum-office"), purpose) == "deny"
    entry = last_entry()
    assert entry.purpose == (purpose or "none")
    assert entry.decision == "deny"


@pytest.mark.parametrize("role_purpose", sorted(PURPOSES))
@pytest.mark.parametrize("action", ["read", "list", "create", "update", "erase"])
def test_the_firewall_holds_whatever_the_permits_say(
    cast: Cast, role_purpose: str, action: str
) -> None:
    """An enforcement member is refused every action for every purpose, even on a record its
    own organisation were listed as holding, and even with the emergency override."""
    membership = Membership.objects.get(user__username="police.officer")
    membership.can_override_in_emergency = True
    membership.save()
    officer = Actor.for_membership(membership)
    resource = record_of("border-police")
    assert decide(officer, action, resource, role_purpose) == "deny"
    assert (
        decide(
            officer,
            "read",
            resource,
            role_purpose,
            override_reason="A person is unconscious and we need their allergies",
        )
        == "deny"
    )


def test_enforcement_sector_has_no_purpose_at_all() -> None:
    for role in ROLES_BY_SECTOR[Sector.ENFORCEMENT]:
        assert purposes_for(Sector.ENFORCEMENT, role) == []


def test_oversight_reads_only_what_an_open_investigation_names(cast: Cast) -> None:
    auditor = actor("oversight.auditor")
    investigation = Investigation.objects.create(
        organisation=cast.organisations["rights-commission"], reference="INV-1"
    )
    InvestigationSubject.objects.create(investigation=investigation, subject=SUBJECT)
    assert decide(auditor, "read", record_of("asylum-office"), "oversight-audit") == "permit"
    other = record_of("asylum-office", subject="cd" * 32)
    assert decide(auditor, "read", other, "oversight-audit") == "deny"
    assert decide(auditor, "update", record_of("asylum-office"), "oversight-audit") == "deny"
    from django.utils import timezone

    investigation.closed_at = timezone.now()
    investigation.save()
    assert decide(auditor, "read", record_of("asylum-office"), "oversight-audit") == "deny"


def test_emergency_override_needs_the_permission_and_a_reason_and_is_flagged(cast: Cast) -> None:
    reason = "Unconscious at the shelter door; paramedics need known allergies."
    shelter = actor("shelter.caseworker")
    elsewhere = record_of("asylum-office")
    assert decide(shelter, "read", elsewhere, "shelter", override_reason=reason) == "deny"

    membership = shelter.membership
    membership.can_override_in_emergency = True
    membership.save()
    assert decide(shelter, "read", elsewhere, "shelter", override_reason="too short") == "deny"
    assert decide(shelter, "read", elsewhere, "legal-counselling", override_reason=reason) == (
        "deny"
    )
    assert decide(shelter, "read", elsewhere, "shelter", override_reason=reason) == "permit"
    assert last_entry().override is True
    alert = EmergencyOverride.objects.get()
    assert (alert.subject, alert.reason) == (SUBJECT, reason)


def test_people_see_only_their_own_records(cast: Cast) -> None:
    me = DataSubject(SUBJECT)
    assert decide(me, "read", record_of("asylum-office"), "data-subject-request") == "permit"
    assert (
        decide(me, "read", record_of("asylum-office", subject="cd" * 32), "data-subject-request")
        == "deny"
    )
    assert decide(me, "read", record_of("asylum-office"), "asylum-procedure") == "deny"
    assert (
        decide(
            DataSubject(""), "read", record_of("asylum-office", subject=""), "data-subject-request"
        )
        == "deny"
    )


def test_a_permit_commits_with_its_access_and_vanishes_with_it(cast: Cast) -> None:
    before = LedgerEntry.objects.count()

    def access_that_fails_after_the_decision() -> None:
        with access_scope():
            authorize(
                actor("asylum.caseworker"), "read", record_of("asylum-office"), "asylum-procedure"
            )
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        access_that_fails_after_the_decision()
    assert LedgerEntry.objects.count() == before


def test_a_denial_survives_the_rollback_of_its_scope(cast: Cast) -> None:
    before = LedgerEntry.objects.count()
    with pytest.raises(AccessDenied), access_scope():
        authorize(actor("police.officer"), "read", record_of("asylum-office"), "shelter")
    assert LedgerEntry.objects.count() == before + 1
    assert last_entry().sector == Sector.ENFORCEMENT


def test_the_contract_is_enforced(cast: Cast) -> None:
    with pytest.raises(AccessContractError, match="inside access_scope"):
        authorize(
            actor("asylum.caseworker"), "read", record_of("asylum-office"), "asylum-procedure"
        )
    with pytest.raises(AccessContractError, match="without an access decision"), access_scope():
        pass
    with pytest.raises(AccessContractError, match="unknown action"), access_scope():
        authorize(
            actor("asylum.caseworker"), "peek", record_of("asylum-office"), "asylum-procedure"
        )


def test_every_role_in_every_sector_gets_a_decision(cast: Cast) -> None:
    """No combination crashes the engine; enforcement and directory editors never get in."""
    for membership in Membership.objects.select_related("organisation"):
        member = Actor.for_membership(membership)
        for code in PURPOSES:
            outcome = decide(member, "read", record_of(member.organisation.slug), code)
            if member.sector == Sector.ENFORCEMENT or member.role == Role.DIRECTORY_EDITOR:
                assert outcome == "deny"


def test_an_evaluation_error_refuses_even_where_a_permit_would_allow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cedar skips a policy that errors. A forbid that errors (here: the principal lacks the
    attribute it reads) must not let a permit decide alone: any error refuses."""
    import cedarpy

    from haven.access import engine

    loose = engine.PolicySet(
        policies=cedarpy.PolicySet.from_str(
            "permit (principal, action, resource);\n"
            'forbid (principal, action, resource) when { principal.sector == "enforcement" };'
        ),
        schema=None,
        version="test",
        text="",
    )
    monkeypatch.setattr(engine, "policy_set", lambda: loose)
    principal = engine.uid("Member", "1")
    result = engine.evaluate(
        principal=principal,
        action="read",
        resource=engine.uid("Record", "r"),
        context={},
        entities=[{"uid": principal, "attrs": {}, "parents": []}],
    )
    assert result.errors
    assert not result.allowed


def test_oversight_sees_and_reviews_emergency_overrides(cast: Cast) -> None:
    from django.test import Client

    membership = Membership.objects.get(user__username="shelter.caseworker")
    membership.can_override_in_emergency = True
    membership.save()
    reason = "Unconscious at the shelter door; paramedics need known allergies."
    assert (
        decide(
            Actor.for_membership(membership),
            "read",
            record_of("asylum-office"),
            "shelter",
            override_reason=reason,
        )
        == "permit"
    )
    auditor = cast.login(Client(), "oversight.auditor")
    page = auditor.get("/oversight/overrides/").content.decode()
    assert reason in page
    alert = EmergencyOverride.objects.get()
    assert auditor.post(f"/oversight/overrides/{alert.pk}/reviewed/").status_code == 302
    alert.refresh_from_db()
    assert alert.reviewed_at is not None
    for username in ("shelter.caseworker", "police.officer", "muni.admin"):
        assert cast.login(Client(), username).get("/oversight/overrides/").status_code == 403
