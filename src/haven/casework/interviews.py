"""Personal interviews: scheduling in person or remotely, the remote-suitability check the
Asylum Procedure Regulation's recitals require, interpreter booking by language, dialect and
gender without double bookings, iCalendar invitations (RFC 5545), and the record, sealed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

from haven.access.decisions import access_scope, authorize, system_scope
from haven.accounts.actor import Actor
from haven.casework.models import (
    Gender,
    Interpreter,
    Interview,
    InterviewKind,
    InterviewMode,
    InterviewStatus,
    RemoteSuitability,
)
from haven.casework.resources import case_resource
from haven.casework.selectors import CaseNotFound, _get
from haven.people import keys, vault

MIN_JUSTIFICATION = 20


class InterviewError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class NewInterview:
    kind: str
    mode: str
    starts_at: datetime
    minutes: int
    place: str
    language: str
    dialect: str = ""
    interpreter_gender: str = Gender.ANY


def _interview(interview_id: uuid.UUID | str) -> Interview:
    try:
        return Interview.objects.select_related(
            "case__person__key", "case__organisation", "interpreter"
        ).get(pk=interview_id)
    except (Interview.DoesNotExist, ValueError, TypeError):
        raise CaseNotFound(str(interview_id)) from None


def _seal(interview: Interview, text: str) -> bytes:
    person = interview.case.person
    data_key = keys.data_key_of(person)
    return vault.seal(
        data_key, text, context=keys.field_context(person.pk, f"interview:{interview.pk}")
    )


def interview_schedule(
    actor: Actor, purpose: str | None, case_id: uuid.UUID | str, new: NewInterview
) -> Interview:
    if new.kind not in InterviewKind.values or new.mode not in InterviewMode.values:
        raise InterviewError("kind", "choose the kind of interview and how it is held")
    if new.starts_at <= timezone.now():
        raise InterviewError("starts_at", "an interview is scheduled in the future")
    if not 15 <= new.minutes <= 8 * 60:
        raise InterviewError("minutes", "an interview lasts between 15 minutes and 8 hours")
    if not new.language.strip():
        raise InterviewError("language", "name the language of the interview")
    with access_scope():
        case = _get(case_id)
        authorize(actor, "update", case_resource(case, "interview"), purpose)
        return Interview.objects.create(
            case=case,
            kind=new.kind,
            mode=new.mode,
            starts_at=new.starts_at,
            minutes=new.minutes,
            place=new.place.strip(),
            language=new.language.strip().lower(),
            dialect=new.dialect.strip(),
            interpreter_gender=new.interpreter_gender,
        )


def _busy(interpreter_id: int, start: datetime, end: datetime, except_id: object) -> bool:
    """Whether the interpreter has another scheduled interview overlapping [start, end). Reads
    only times, under a named system scope."""
    with system_scope("interpreter schedule: times only"):
        others = (
            Interview.objects.filter(
                interpreter_id=interpreter_id,
                status=InterviewStatus.SCHEDULED,
                starts_at__lt=end,
                starts_at__gt=start - timedelta(hours=8),
            )
            .exclude(pk=except_id)
            .values_list("starts_at", "minutes")
        )
        return any(begin + timedelta(minutes=length) > start for begin, length in others)


def interpreter_candidates(
    actor: Actor, purpose: str | None, interview_id: uuid.UUID | str
) -> list[Interpreter]:
    """Interpreters of the actor's organisation for the interview's language (and dialect and
    gender, when asked for) who are free at that time."""
    with access_scope():
        interview = _interview(interview_id)
        authorize(actor, "read", case_resource(interview.case, "interview"), purpose)
        end = interview.starts_at + timedelta(minutes=interview.minutes)
        found = []
        for interpreter in Interpreter.objects.filter(
            organisation=actor.organisation, is_active=True
        ):
            if interview.language not in interpreter.languages:
                continue
            if interview.dialect and interview.dialect not in interpreter.dialects:
                continue
            if (
                interview.interpreter_gender != Gender.ANY
                and interpreter.gender != interview.interpreter_gender
            ):
                continue
            if _busy(interpreter.pk, interview.starts_at, end, interview.pk):
                continue
            found.append(interpreter)
        return found


def interpreter_book(
    actor: Actor, purpose: str | None, interview_id: uuid.UUID | str, interpreter_id: int
) -> Interview:
    with access_scope():
        interview = _interview(interview_id)
        authorize(actor, "update", case_resource(interview.case, "interview"), purpose)
        # Lock the interpreter so two bookings for the same hour cannot both pass the check.
        interpreter = (
            Interpreter.objects.select_for_update()
            .filter(pk=interpreter_id, organisation=actor.organisation, is_active=True)
            .first()
        )
        if interpreter is None:
            raise InterviewError("interpreter", "no such interpreter in your pool")
        end = interview.starts_at + timedelta(minutes=interview.minutes)
        if _busy(interpreter.pk, interview.starts_at, end, interview.pk):
            raise InterviewError("interpreter", "the interpreter is booked at that time")
        interview.interpreter = interpreter
        interview.save(update_fields=["interpreter"])
        return interview


def suitability_record(
    actor: Actor,
    purpose: str | None,
    interview_id: uuid.UUID | str,
    *,
    minor: bool,
    hearing_impairment: bool,
    visual_impairment: bool,
    trauma_indicators: bool,
    connection_ok: bool,
    suitable: bool,
    justification: str = "",
) -> RemoteSuitability:
    with access_scope():
        interview = _interview(interview_id)
        authorize(actor, "update", case_resource(interview.case, "interview"), purpose)
        if interview.mode != InterviewMode.REMOTE:
            raise InterviewError("mode", "only a remote interview needs this check")
        check = RemoteSuitability(
            interview=interview,
            minor=minor,
            hearing_impairment=hearing_impairment,
            visual_impairment=visual_impairment,
            trauma_indicators=trauma_indicators,
            connection_ok=connection_ok,
            suitable=suitable,
            checked_by=actor.user,
        )
        if suitable and check.risk_flags and len(justification.strip()) < MIN_JUSTIFICATION:
            raise InterviewError(
                "justification", "explain why a remote interview is still suitable"
            )
        if justification.strip():
            check.sealed_justification = _seal(interview, justification.strip())
        RemoteSuitability.objects.filter(interview=interview).delete()
        check.save()
        return check


def interview_mark_held(
    actor: Actor,
    purpose: str | None,
    interview_id: uuid.UUID | str,
    *,
    record: str,
    recording_ref: str = "",
) -> Interview:
    """Store the interview record and the reference to its recording, both sealed. A remote
    interview needs a check that found it suitable."""
    if not record.strip():
        raise InterviewError("record", "write the interview record")
    with access_scope():
        interview = _interview(interview_id)
        authorize(actor, "update", case_resource(interview.case, "interview"), purpose)
        if interview.mode == InterviewMode.REMOTE:
            check = RemoteSuitability.objects.filter(interview=interview).first()
            if check is None or not check.suitable:
                raise InterviewError(
                    "suitability", "a remote interview needs a suitability check first"
                )
        interview.sealed_record = _seal(interview, record.strip())
        if recording_ref.strip():
            interview.sealed_recording_ref = _seal(interview, recording_ref.strip())
        interview.status = InterviewStatus.HELD
        interview.save(update_fields=["sealed_record", "sealed_recording_ref", "status"])
        return interview


def interview_invitation(actor: Actor, purpose: str | None, interview_id: uuid.UUID | str) -> bytes:
    """An iCalendar (RFC 5545) invitation. It names the case reference, never the person."""
    with access_scope():
        interview = _interview(interview_id)
        authorize(actor, "read", case_resource(interview.case, "interview"), purpose)
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Haven//Casework//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "PUBLISH")
        event = icalendar.Event()
        host = (settings.ALLOWED_HOSTS or ["haven.invalid"])[0].strip("[]")
        event.add("uid", f"interview-{interview.pk}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", interview.starts_at)
        event.add("dtend", interview.starts_at + timedelta(minutes=interview.minutes))
        event.add("summary", f"{interview.get_kind_display()} · {interview.case.reference}")
        event.add("location", interview.place)
        language = interview.language + (f" ({interview.dialect})" if interview.dialect else "")
        event.add("description", f"{interview.get_mode_display()}. Language: {language}.")
        event.add(
            "status", "CANCELLED" if interview.status == InterviewStatus.CANCELLED else "CONFIRMED"
        )
        calendar.add_component(event)
        return bytes(calendar.to_ical())


def interviews_of_case(case_id: uuid.UUID | str) -> list[Interview]:
    """For the owner's case page, which has already decided on the case itself."""
    with system_scope("case page: the case's interviews"):
        return list(Interview.objects.select_related("interpreter").filter(case_id=case_id))


def interview_already_decided(interview_id: uuid.UUID | str) -> Interview:
    """The interview, for its page, once `interpreter_candidates` has decided on it."""
    with system_scope("interview page: the interview already decided on"):
        return Interview.objects.select_related("interpreter", "case").get(pk=interview_id)
