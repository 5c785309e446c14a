"""Documents: types as data, formats checked by their first bytes, sealed at rest, deleted when
their type's retention ends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from haven.access.decisions import AccessDenied, system_scope
from haven.accounts.actor import Actor
from haven.accounts.models import Membership
from haven.casework import documents, services
from haven.casework.models import CaseDocument, StatusChange
from haven.people import retention
from haven.people import services as people
from tests.conftest import Cast

pytestmark = pytest.mark.django_db
ASYLUM = "asylum-procedure"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"secret-passport-number-X123"


def actor(username: str = "asylum.caseworker") -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


@pytest.fixture
def case(cast: Cast) -> object:
    person = people.person_create(
        actor(), ASYLUM, people.NewPerson("Idris", "Yusuf", date(1988, 8, 8))
    )
    return services.case_open(actor(), ASYLUM, person.pk, kind="regular")


def test_a_document_is_sealed_and_opens_for_those_allowed(case: object) -> None:
    document = documents.document_upload(
        actor(),
        ASYLUM,
        case.pk,
        doc_type="identity",  # type: ignore[attr-defined]
        name="passport.pdf",
        content=PDF,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_content, sealed_name FROM casework_casedocument")
        content, name = cursor.fetchone()
    assert b"X123" not in bytes(content)
    assert b"passport" not in bytes(name)
    opened = documents.document_open(actor(), ASYLUM, document.pk)
    assert (opened.name, opened.content_type, opened.content) == (
        "passport.pdf",
        "application/pdf",
        PDF,
    )
    with pytest.raises(AccessDenied):
        documents.document_open(actor("police.officer"), ASYLUM, document.pk)


@pytest.mark.parametrize(
    ("doc_type", "content", "message"),
    [
        ("medical", b"\x89PNG\r\n\x1a\n....", "must be a PDF"),
        ("identity", b"MZ\x90\x00 an executable", "must be a PDF or JPEG or PNG"),
        ("identity", b"", "empty"),
        ("medical", b"%PDF-" + b"0" * (20 * 1024 * 1024), "at most 20 MB"),
        ("unknown", PDF, "type of document"),
    ],
)
def test_bad_files_are_refused_clearly(
    case: object, doc_type: str, content: bytes, message: str
) -> None:
    with pytest.raises(documents.DocumentError, match=message):
        documents.document_upload(
            actor(),
            ASYLUM,
            case.pk,
            doc_type=doc_type,
            name="x",  # type: ignore[attr-defined]
            content=content,
        )
    with system_scope("test"):
        assert not CaseDocument.objects.exists()


def test_documents_are_deleted_when_their_retention_ends(case: object) -> None:
    documents.document_upload(
        actor(),
        ASYLUM,
        case.pk,
        doc_type="medical",
        name="r.pdf",  # type: ignore[attr-defined]
        content=PDF,
    )
    soon = timezone.now() + timedelta(days=365 * 5 - 2)
    assert dict(retention.purge_expired(now=soon))["case-document"] == 0
    later = timezone.now() + timedelta(days=365 * 5 + 2)
    assert dict(retention.purge_expired(now=later))["case-document"] == 1


def test_upload_and_download_pages(case: object, cast: Cast) -> None:
    client = cast.login(Client(), "asylum.caseworker")
    upload = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    client.post(
        f"/cases/{case.pk}/documents/",
        {
            "doc_type": "evidence",
            "file": upload,  # type: ignore[attr-defined]
            "purpose": ASYLUM,
        },
    )
    page = client.get(f"/cases/{case.pk}/?purpose={ASYLUM}").content.decode()  # type: ignore[attr-defined]
    link = page.split('href="/cases/documents/', 1)[1].split('"', 1)[0]
    download = client.get(f"/cases/documents/{link}".replace("&amp;", "&"))
    assert download.content == PDF
    assert 'filename="scan.pdf"' in download["Content-Disposition"]


def test_the_status_history_records_who_changed_what(case: object) -> None:
    services.case_decide(
        actor(),
        ASYLUM,
        case.pk,
        outcome="inadmissible",  # type: ignore[attr-defined]
        legal_grounds="APR Art. 38",
        reasoning="r" * 50,
        decided_on=timezone.localdate(),
    )
    with system_scope("test"):
        history = list(StatusChange.objects.values_list("status", "changed_by__username"))
    assert history == [("open", "asylum.caseworker"), ("decided", "asylum.caseworker")]
