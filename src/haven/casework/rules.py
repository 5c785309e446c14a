"""The statutory time limits of the Pact, as data. Source: the research table in the project's
shared folder (casework_deadlines.md), each row with its article and how sure we are of it.
Pure Python; no Django. A rule whose status is not CHECKED says so wherever it is shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from haven.casework.periods import Period, Unit

PACT_APPLIES_FROM = date(2026, 6, 12)

SCREENING = "Regulation (EU) 2024/1356"
APR = "Regulation (EU) 2024/1348"
AMMR = "Regulation (EU) 2024/1351"
RBPR = "Regulation (EU) 2024/1349"


class Confirmation(StrEnum):
    CHECKED = "checked"  # against the article text
    PARTLY = "partly"  # through a recital or a national act implementing it
    UNCONFIRMED = "unconfirmed"  # secondary sources: check against the Official Journal


class Consequence(StrEnum):
    NONE = "none"
    RESPONSIBILITY_SHIFTS = "responsibility_shifts"
    DEEMED_ACCEPTANCE = "deemed_acceptance"
    ENTRY_AUTHORISED = "entry_authorised"


@dataclass(frozen=True)
class Extension:
    period: Period
    grounds: tuple[str, ...]


@dataclass(frozen=True)
class ClockRule:
    code: str
    title: str
    legal_basis: str
    trigger: tuple[str, ...]  # events that start the clock (the latest counts)
    stop: tuple[str, ...]  # events that meet it
    period: Period
    consequence: Consequence
    confirmation: Confirmation
    consequence_note: str = ""
    extensions: tuple[Extension, ...] = ()
    restart: tuple[str, ...] = ()  # events that start the period again from their date
    suspend: tuple[str, ...] = ()
    resume: tuple[str, ...] = ()
    effective_from: date = PACT_APPLIES_FROM
    national_overrides: dict[str, Period] = field(default_factory=dict)
    source: str = ""
    procedures: tuple[str, ...] = ()  # the case kinds the clock runs in

    def applies_to(self, procedure: str) -> bool:
        return procedure in self.procedures

    def period_for(self, jurisdiction: str) -> Period:
        return self.national_overrides.get(jurisdiction, self.period)


DISPROPORTIONATE = "disproportionate number of applications"
COMPLEX = "complex issues of fact or law"
APPLICANT_FAULT = "delay clearly attributable to the applicant"

RULES: tuple[ClockRule, ...] = (
    ClockRule(
        "screening-border",
        "Screening at or near the external border",
        f"{SCREENING} Art. 8(3)",
        ("apprehension",),
        ("screening-completed",),
        Period(7, Unit.DAYS),
        Consequence.NONE,
        Confirmation.CHECKED,
        "Screening must end; the person then enters the applicable procedure.",
        procedures=("screening",),
    ),
    ClockRule(
        "screening-territory",
        "Screening within the territory",
        f"{SCREENING} Art. 8(4)",
        ("apprehension-in-territory",),
        ("screening-completed",),
        Period(3, Unit.DAYS),
        Consequence.NONE,
        Confirmation.PARTLY,
        procedures=("screening",),
    ),
    ClockRule(
        "registration",
        "Registration of the application",
        f"{APR} Art. 27",
        ("application-made",),
        ("registered",),
        Period(5, Unit.DAYS),
        Consequence.NONE,
        Confirmation.UNCONFIRMED,
        extensions=(Extension(Period(10, Unit.DAYS), (DISPROPORTIONATE,)),),
        procedures=("registration", "border"),
    ),
    ClockRule(
        "lodging",
        "Lodging of the application",
        f"{APR} Art. 28(1)",
        ("registered", "arrived-after-transfer"),
        ("lodged",),
        Period(21, Unit.DAYS),
        Consequence.NONE,
        Confirmation.CHECKED,
        procedures=("registration", "border"),
    ),
    ClockRule(
        "admissibility",
        "Examination of admissibility",
        f"{APR} Art. 35(1)-(2)",
        ("lodged",),
        ("decision-taken",),
        Period(2, Unit.MONTHS),
        Consequence.NONE,
        Confirmation.CHECKED,
        "Missing the limit does not make the application admissible.",
        extensions=(
            Extension(Period(2, Unit.MONTHS), (DISPROPORTIONATE, COMPLEX, APPLICANT_FAULT)),
        ),
        procedures=("accelerated", "regular"),
    ),
    ClockRule(
        "accelerated",
        "Accelerated examination procedure",
        f"{APR} Art. 35(3)",
        ("lodged",),
        ("decision-taken",),
        Period(3, Unit.MONTHS),
        Consequence.NONE,
        Confirmation.CHECKED,
        procedures=("accelerated",),
    ),
    ClockRule(
        "regular",
        "Examination on the merits",
        f"{APR} Art. 35(4)-(5)",
        ("lodged",),
        ("decision-taken",),
        Period(6, Unit.MONTHS),
        Consequence.NONE,
        Confirmation.PARTLY,
        extensions=(
            Extension(Period(6, Unit.MONTHS), (DISPROPORTIONATE, COMPLEX, APPLICANT_FAULT)),
        ),
        suspend=("postponed-uncertain-situation",),
        resume=("postponement-ended",),
        procedures=("regular",),
    ),
    ClockRule(
        "border-procedure",
        "Asylum border procedure, including appeal",
        f"{APR} Art. 51(2)",
        ("registered",),
        ("no-right-to-remain", "entry-authorised"),
        Period(12, Unit.WEEKS),
        Consequence.ENTRY_AUTHORISED,
        Confirmation.PARTLY,
        "On expiry the person is authorised to enter, with exceptions.",
        extensions=(Extension(Period(4, Unit.WEEKS), ("relocated under AMMR Art. 67(11)",)),),
        procedures=("border",),
    ),
    ClockRule(
        "take-charge-request",
        "Take-charge request to the responsible Member State",
        f"{AMMR} Art. 39(1)",
        ("registered",),
        ("take-charge-request-sent",),
        Period(2, Unit.MONTHS),
        Consequence.RESPONSIBILITY_SHIFTS,
        Confirmation.CHECKED,
        "The Member State of registration becomes responsible (unless for an unaccompanied "
        "minor's best interests).",
        procedures=("responsibility",),
    ),
    ClockRule(
        "take-charge-request-hit",
        "Take-charge request after a Eurodac or VIS hit",
        f"{AMMR} Art. 39(1)",
        ("eurodac-hit",),
        ("take-charge-request-sent",),
        Period(1, Unit.MONTHS),
        Consequence.RESPONSIBILITY_SHIFTS,
        Confirmation.CHECKED,
        procedures=("responsibility",),
    ),
    ClockRule(
        "take-charge-reply",
        "Reply to a take-charge request",
        f"{AMMR} Art. 40(1)-(2)",
        ("take-charge-request-received",),
        ("take-charge-reply-sent",),
        Period(1, Unit.MONTHS),
        Consequence.DEEMED_ACCEPTANCE,
        Confirmation.PARTLY,
        "Silence counts as acceptance (the silence rule for non-detained persons is unconfirmed).",
        procedures=("responsibility",),
    ),
    ClockRule(
        "take-back-notification",
        "Take-back notification",
        f"{AMMR} Art. 41(1)",
        ("eurodac-hit",),
        ("take-back-notification-sent",),
        Period(2, Unit.WEEKS),
        Consequence.NONE,
        Confirmation.CHECKED,
        procedures=("responsibility",),
    ),
    ClockRule(
        "take-back-confirmation",
        "Confirming receipt of a take-back notification",
        f"{AMMR} Art. 41(3)-(4)",
        ("take-back-notification-received",),
        ("take-back-confirmation-sent",),
        Period(2, Unit.WEEKS),
        Consequence.DEEMED_ACCEPTANCE,
        Confirmation.CHECKED,
        "Silence counts as confirmation.",
        procedures=("responsibility",),
    ),
    ClockRule(
        "transfer-decision",
        "Transfer decision",
        f"{AMMR} Art. 42(1)",
        ("responsibility-accepted",),
        ("transfer-decision-notified",),
        Period(2, Unit.WEEKS),
        Consequence.NONE,
        Confirmation.CHECKED,
        procedures=("responsibility",),
    ),
    ClockRule(
        "transfer",
        "Transfer to the responsible Member State",
        f"{AMMR} Art. 46(1)-(2)",
        ("responsibility-accepted",),
        ("transfer-completed",),
        Period(6, Unit.MONTHS),
        Consequence.RESPONSIBILITY_SHIFTS,
        Confirmation.CHECKED,
        "Responsibility shifts to the transferring Member State.",
        extensions=(
            Extension(Period(6, Unit.MONTHS), ("imprisonment", "medical reasons")),
            Extension(Period(30, Unit.MONTHS), ("absconding", "resisting the transfer")),
        ),
        restart=("final-appeal-decision",),
        procedures=("responsibility",),
    ),
    ClockRule(
        "return-border-procedure",
        "Stay at or near the border in the return border procedure",
        f"{RBPR} Art. 4(2)",
        ("no-right-to-remain",),
        ("departed", "return-enforced"),
        Period(12, Unit.WEEKS),
        Consequence.NONE,
        Confirmation.CHECKED,
        "If return is not enforced in time, it continues under the Return Directive.",
        procedures=("return_counselling",),
    ),
    ClockRule(
        "voluntary-departure",
        "Period for voluntary departure",
        f"{RBPR} (article unconfirmed)",
        ("return-decision",),
        ("departed",),
        Period(15, Unit.DAYS),
        Consequence.NONE,
        Confirmation.UNCONFIRMED,
        "Up to 15 days, unless there is a risk of absconding, a manifestly unfounded rejection "
        "or a security risk. The person may withdraw from voluntary return until departure.",
        procedures=("return_counselling",),
    ),
    ClockRule(
        "appeal-lodging",
        "Lodging an appeal",
        f"{APR} Art. 67 (national law sets the period)",
        ("decision-notified",),
        ("appeal-lodged",),
        Period(2, Unit.WEEKS),
        Consequence.NONE,
        Confirmation.UNCONFIRMED,
        "The period is set by national law within the Regulation's range.",
        national_overrides={"IE": Period(1, Unit.MONTHS)},
        source="IE International Protection Act 2026 s.187 (1 month, other than accelerated)",
        procedures=("appeal",),
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}
