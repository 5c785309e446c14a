"""Interviews: remote only after a suitability check, interpreters by language, dialect and
gender without double bookings, invitations as iCalendar, records sealed."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest
from django.utils import timezone

from haven.access.decisions import AccessDenied, system_scope
from haven.accounts.actor import Actor
from haven.accounts.models import Membership, Organisation
from haven.casework import interviews, services
from haven.casework.interviews import InterviewError, NewInterview
from haven.casework.models import Interpreter, Interview
from haven.people import services as people
from tests.conftest import Cast

pytestmark = pytest.mark.django_db
ASYLUM = "asylum-procedure"


def actor(username: str = "asylum.caseworker") -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


@pytest.fixture
def case(cast: Cast) -> object:
    person = people.person_create(
        actor(), ASYLUM, people.NewPerson("Rahel", "Abebe", date(2001, 3, 3))
    )
    return services.case_open(actor(), ASYLUM, person.pk, kind="regular")


@pytest.fixture
def pool(cast: Cast) -> dict[str, Interpreter]:
    office = Organisation.objects.get(slug="asylum-office")
    return {
        "tigrinya_f": Interpreter.objects.create(
            organisation=office,
            name="Interpreter A",
            languages=["ti"],
            dialects=["Asmara"],
            gender="female",
        ),
        "tigrinya_m": Interpreter.objects.create(
            organisation=office,
            name="Interpreter B",
            languages=["ti", "am"],
            dialects=[],
            gender="male",
        ),
        "dari": Interpreter.objects.create(
            organisation=office,
            name="Interpreter C",
            languages=["prs"],
            dialects=[],
            gender="female",
        ),
    }


def schedule(
    case: object,
    *,
    mode: str = "in_person",
    hours: int = 48,
    minutes: int = 120,
    gender: str = "any",
    dialect: str = "",
) -> Interview:
    return interviews.interview_schedule(
        actor(),
        ASYLUM,
        case.pk,
        NewInterview(  # type: ignore[attr-defined]
            kind="substantive",
            mode=mode,
            starts_at=timezone.now().replace(microsecond=0) + timedelta(hours=hours),
            minutes=minutes,
            place="Room 2" if mode == "in_person" else "https://video.example/x",
            language="ti",
            dialect=dialect,
            interpreter_gender=gender,
        ),
    )


def test_interpreters_by_language_dialect_and_gender(case: object, pool: dict) -> None:  # type: ignore[type-arg]
    assert {
        i.name for i in interviews.interpreter_candidates(actor(), ASYLUM, schedule(case).pk)
    } == {"Interpreter A", "Interpreter B"}
    assert [
        i.name
        for i in interviews.interpreter_candidates(
            actor(), ASYLUM, schedule(case, gender="female").pk
        )
    ] == ["Interpreter A"]
    assert [
        i.name
        for i in interviews.interpreter_candidates(
            actor(), ASYLUM, schedule(case, dialect="Asmara").pk
        )
    ] == ["Interpreter A"]


def test_an_interpreter_cannot_be_booked_twice_at_once(case: object, pool: dict) -> None:  # type: ignore[type-arg]
    first = schedule(case, hours=48)
    overlapping = schedule(case, hours=49)
    later = schedule(case, hours=51)
    interviews.interpreter_book(actor(), ASYLUM, first.pk, pool["tigrinya_f"].pk)
    with pytest.raises(InterviewError, match="booked"):
        interviews.interpreter_book(actor(), ASYLUM, overlapping.pk, pool["tigrinya_f"].pk)
    assert pool["tigrinya_f"] not in interviews.interpreter_candidates(
        actor(), ASYLUM, overlapping.pk
    )
    interviews.interpreter_book(actor(), ASYLUM, later.pk, pool["tigrinya_f"].pk)


def test_a_remote_interview_needs_a_suitability_check(case: object) -> None:
    remote = schedule(case, mode="remote")
    with pytest.raises(InterviewError, match="suitability"):
        interviews.interview_mark_held(actor(), ASYLUM, remote.pk, record="...")
    with pytest.raises(InterviewError, match="explain"):
        interviews.suitability_record(
            actor(),
            ASYLUM,
            remote.pk,
            minor=False,
            hearing_impairment=True,
            visual_impairment=False,
            trauma_indicators=False,
            connection_ok=True,
            suitable=True,
        )
    interviews.suitability_record(
        actor(),
        ASYLUM,
        remote.pk,
        minor=False,
        hearing_impairment=False,
        visual_impairment=False,
        trauma_indicators=False,
        connection_ok=True,
        suitable=True,
    )
    held = interviews.interview_mark_held(
        actor(),
        ASYLUM,
        remote.pk,
        record="The applicant described the events in Keren.",
        recording_ref="recordings/2026/abc.opus",
    )
    with system_scope("test"):
        stored = Interview.objects.get(pk=held.pk)
    assert stored.status == "held"
    assert b"Keren" not in bytes(stored.sealed_record)
    assert b"recordings" not in bytes(stored.sealed_recording_ref)


def test_an_unsuitable_remote_interview_cannot_be_held(case: object) -> None:
    remote = schedule(case, mode="remote")
    interviews.suitability_record(
        actor(),
        ASYLUM,
        remote.pk,
        minor=True,
        hearing_impairment=False,
        visual_impairment=False,
        trauma_indicators=True,
        connection_ok=True,
        suitable=False,
    )
    with pytest.raises(InterviewError, match="suitability"):
        interviews.interview_mark_held(actor(), ASYLUM, remote.pk, record="x")


def test_the_invitation_is_rfc_5545_and_names_no_one(case: object) -> None:
    interview = schedule(case, minutes=90)
    data = interviews.interview_invitation(actor(), ASYLUM, interview.pk)
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90)
    assert case.reference in str(event.get("summary"))  # type: ignore[attr-defined]
    assert b"Rahel" not in data
    assert b"Abebe" not in data
    assert data.startswith(b"BEGIN:VCALENDAR")


def test_interviews_are_behind_the_decision_point(case: object) -> None:
    interview = schedule(case)
    with pytest.raises(AccessDenied):
        interviews.interview_invitation(actor("police.officer"), ASYLUM, interview.pk)
    with pytest.raises(AccessDenied):
        interviews.interpreter_candidates(actor("shelter.caseworker"), "shelter", interview.pk)


@pytest.mark.parametrize(("hours", "minutes", "field"), [(-1, 60, "starts_at"), (5, 5, "minutes")])
def test_bad_schedules_are_refused(case: object, hours: int, minutes: int, field: str) -> None:
    with pytest.raises(InterviewError) as error:
        schedule(case, hours=hours, minutes=minutes)
    assert error.value.field == field


def test_the_interview_pages(case: object, pool: dict, cast: Cast) -> None:  # type: ignore[type-arg]
    from django.test import Client

    client = cast.login(Client(), "asylum.caseworker")
    starts = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT10:00")
    response = client.post(
        f"/cases/{case.pk}/interviews/",
        {  # type: ignore[attr-defined]
            "kind": "substantive",
            "mode": "remote",
            "starts_at": starts,
            "minutes": 90,
            "place": "https://video.example/room",
            "language": "ti",
            "dialect": "",
            "interpreter_gender": "female",
            "purpose": ASYLUM,
        },
    )
    assert response.status_code == 302
    page_url = response["Location"]
    page = client.get(page_url + f"?purpose={ASYLUM}").content.decode()
    assert "Interpreter A" in page
    assert "Interpreter B" not in page  # a man, and a woman was asked for
    assert "Is a remote interview suitable?" in page
    interview_id = page_url.rstrip("/").rsplit("/", 1)[1]
    assert (
        client.post(
            f"{page_url}book/", {"interpreter": pool["tigrinya_f"].pk, "purpose": ASYLUM}
        ).status_code
        == 302
    )
    held = client.post(f"{page_url}held/", {"record": "Text", "purpose": ASYLUM}, follow=True)
    assert "needs a suitability check first" in held.content.decode()
    ics = client.get(f"/cases/interviews/{interview_id}/invitation.ics?purpose={ASYLUM}")
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"BEGIN:VEVENT" in ics.content
