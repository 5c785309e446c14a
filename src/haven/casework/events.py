"""The events a caseworker records, with their names in the interface. Every event a clock rule
counts from or stops on is here (a test keeps the two in step)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from haven.casework.clocks import EXTENSION_EVENT

EVENT_LABELS: dict[str, str | Promise] = {
    "apprehension": _("Apprehended at or near the border"),
    "apprehension-in-territory": _("Apprehended within the territory"),
    "screening-completed": _("Screening completed"),
    "application-made": _("Application made"),
    "registered": _("Application registered"),
    "arrived-after-transfer": _("Arrived after a transfer"),
    "lodged": _("Application lodged"),
    "decision-taken": _("Decision taken"),
    "decision-notified": _("Decision notified"),
    "appeal-lodged": _("Appeal lodged"),
    "final-appeal-decision": _("Final decision on a suspensive appeal"),
    "postponed-uncertain-situation": _("Examination postponed: uncertain situation"),
    "postponement-ended": _("Postponement ended"),
    "eurodac-hit": _("Eurodac or VIS hit"),
    "take-charge-request-sent": _("Take-charge request sent"),
    "take-charge-request-received": _("Take-charge request received"),
    "take-charge-reply-sent": _("Reply to take-charge request sent"),
    "take-back-notification-sent": _("Take-back notification sent"),
    "take-back-notification-received": _("Take-back notification received"),
    "take-back-confirmation-sent": _("Take-back confirmation sent"),
    "responsibility-accepted": _("Responsibility accepted or confirmed"),
    "transfer-decision-notified": _("Transfer decision notified"),
    "transfer-completed": _("Transfer completed"),
    "no-right-to-remain": _("No longer a right to remain"),
    "entry-authorised": _("Entry authorised"),
    "return-decision": _("Return decision issued"),
    "departed": _("Departed"),
    "return-enforced": _("Return enforced"),
    EXTENSION_EVENT: _("Extension granted"),
}


def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))
