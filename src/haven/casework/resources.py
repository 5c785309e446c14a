from __future__ import annotations

from haven.access.decisions import Resource
from haven.casework.models import ProcedureCase


def case_resource(case: ProcedureCase, kind: str = "case") -> Resource:
    """A case is held by the organisation that owns it; it is about its person."""
    return Resource(
        kind=kind,
        identifier=str(case.pk),
        holders=frozenset({case.organisation.slug}),
        subject=case.person.pseudonym,
    )
