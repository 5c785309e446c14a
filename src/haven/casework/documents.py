"""Documents on a case: types as data (allowed formats, size limit, retention), content and
file name sealed with the person's key, the format checked by the file's own first bytes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from haven.access.decisions import access_scope, authorize, system_scope
from haven.accounts.actor import Actor
from haven.casework.models import CaseDocument
from haven.casework.resources import case_resource
from haven.casework.selectors import CaseNotFound, _get
from haven.people import keys, vault

MB = 1024 * 1024
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


@dataclass(frozen=True)
class DocumentType:
    code: str
    label: str | Promise
    formats: tuple[str, ...]
    max_bytes: int
    retention: timedelta  # from upload


DOCUMENT_TYPES: dict[str, DocumentType] = {
    t.code: t
    for t in (
        DocumentType(
            "identity",
            _("Identity or travel document (copy)"),
            ("application/pdf", "image/jpeg", "image/png"),
            10 * MB,
            timedelta(days=365 * 10),
        ),
        DocumentType(
            "civil_status",
            _("Birth, marriage or family record"),
            ("application/pdf", "image/jpeg", "image/png"),
            10 * MB,
            timedelta(days=365 * 10),
        ),
        DocumentType(
            "medical", _("Medical report"), ("application/pdf",), 20 * MB, timedelta(days=365 * 5)
        ),
        DocumentType(
            "evidence",
            _("Evidence in support of the application"),
            ("application/pdf", "image/jpeg", "image/png"),
            25 * MB,
            timedelta(days=365 * 10),
        ),
        DocumentType(
            "decision",
            _("Decision or court ruling"),
            ("application/pdf",),
            10 * MB,
            timedelta(days=365 * 10),
        ),
    )
}


class DocumentError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def detect_format(head: bytes) -> str | None:
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def _context(case_pk: object, document_pk: object, part: str) -> str:
    return f"case:{case_pk}:document:{document_pk}:{part}"


def document_upload(
    actor: Actor,
    purpose: str | None,
    case_id: uuid.UUID | str,
    *,
    doc_type: str,
    name: str,
    content: bytes,
) -> CaseDocument:
    kind = DOCUMENT_TYPES.get(doc_type)
    if kind is None:
        raise DocumentError("doc_type", "choose the type of document")
    if not content:
        raise DocumentError("file", "the file is empty")
    if len(content) > kind.max_bytes:
        raise DocumentError(
            "file", f"this type of document may be at most {kind.max_bytes // MB} MB"
        )
    detected = detect_format(content[:16])
    if detected not in kind.formats:
        raise DocumentError(
            "file",
            "this type of document must be a "
            + " or ".join(f.split("/")[1].upper() for f in kind.formats),
        )
    with access_scope():
        case = _get(case_id)
        authorize(actor, "update", case_resource(case, "document"), purpose)
        person = case.person
        data_key = keys.data_key_of(person)
        document = CaseDocument(
            id=uuid.uuid4(),
            case=case,
            doc_type=doc_type,
            content_type=detected,
            size=len(content),
            uploaded_by=actor.user,
            delete_after=timezone.localdate() + kind.retention,
        )
        document.sealed_name = vault.seal(
            data_key, name[:200] or "document", context=_context(case.pk, document.id, "name")
        )
        document.sealed_content = vault.seal_bytes(
            data_key, content, context=_context(case.pk, document.id, "file")
        )
        document.save()
        return document


@dataclass(frozen=True)
class OpenedDocument:
    name: str
    content_type: str
    content: bytes


def document_open(
    actor: Actor, purpose: str | None, document_id: uuid.UUID | str
) -> OpenedDocument:
    with access_scope():
        try:
            document = CaseDocument.objects.select_related(
                "case__person__key", "case__organisation"
            ).get(pk=document_id)
        except (CaseDocument.DoesNotExist, ValueError, TypeError):
            raise CaseNotFound(str(document_id)) from None
        case = document.case
        authorize(actor, "read", case_resource(case, "document"), purpose)
        person = case.person
        data_key = keys.data_key_of(person)
        return OpenedDocument(
            vault.open_sealed(
                data_key,
                bytes(document.sealed_name),
                context=_context(case.pk, document.id, "name"),
            ),
            document.content_type,
            vault.open_sealed_bytes(
                data_key,
                bytes(document.sealed_content),
                context=_context(case.pk, document.id, "file"),
            ),
        )


def documents_of_case(case_id: uuid.UUID | str) -> list[CaseDocument]:
    """For the owner's case page, which has already decided on the case itself. Names stay
    sealed; the page lists types, sizes and dates."""
    with system_scope("case page: the case's documents"):
        return list(CaseDocument.objects.filter(case_id=case_id).defer("sealed_content"))
