from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haven.access.purposes import PURPOSES
from haven.accounts.models import Organisation
from haven.casework.events import EVENT_LABELS
from haven.casework.models import (
    Audience,
    CaseKind,
    Gender,
    InterviewKind,
    InterviewMode,
    Outcome,
)


class CaseOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Procedure"), choices=CaseKind.choices)
    jurisdiction = forms.RegexField(
        label=_("Member State (two-letter code)"),
        regex=r"^[A-Za-z]{2}$",
        initial="NL",
        error_messages={"invalid": _("Use a two-letter code such as NL or DE.")},
    )


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"), choices=[(k, v) for k, v in EVENT_LABELS.items()]
    )
    day = forms.DateField(label=_("On"), widget=forms.DateInput(attrs={"type": "date"}))
    detail = forms.CharField(
        label=_("For an extension: which clock and on what ground"),
        required=False,
        max_length=200,
    )

    def clean_day(self) -> object:
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("An event cannot be in the future."))
        return day


class NoteForm(forms.Form):
    audience = forms.ChoiceField(label=_("Who may read it"), choices=Audience.choices)
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class DecisionForm(forms.Form):
    """No outcome is pre-selected: the decision-maker chooses it."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("— choose the outcome decided —")), *Outcome.choices]
    )
    legal_grounds = forms.CharField(label=_("Legal grounds"), max_length=500)
    reasoning = forms.CharField(
        label=_("Reasoning"),
        min_length=40,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The reasons for the decision, in full. At least 40 characters."),
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ReferralForm(forms.Form):
    partner: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Refer to"), queryset=Organisation.objects.none()
    )
    partner_purpose = forms.ChoiceField(
        label=_("For the purpose of"),
        choices=[
            (p.code, p.label)
            for p in PURPOSES.values()
            if p.code in {"shelter", "legal-counselling", "service-provision", "return-counselling"}
        ],
    )
    sections = forms.MultipleChoiceField(
        label=_("Which sections"),
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("identity", _("Identity and contact")),
            ("household", _("Household")),
            ("health", _("Health and special needs")),
            ("procedure", _("Asylum procedure")),
            ("legal", _("Legal advice")),
        ],
    )
    override_reason = forms.CharField(
        label=_("Only without consent: why (emergency override)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            sector__in=["shelter_ngo", "legal_aid_ngo", "municipal_service"]
        )


class InterviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Interview"), choices=InterviewKind.choices)
    mode = forms.ChoiceField(label=_("How it is held"), choices=InterviewMode.choices)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=480, initial=120
    )
    place = forms.CharField(label=_("Room or video link"), max_length=300)
    language = forms.CharField(label=_("Language (code, e.g. ti, prs, uk)"), max_length=12)
    dialect = forms.CharField(label=_("Dialect"), max_length=60, required=False)
    interpreter_gender = forms.ChoiceField(
        label=_("Interpreter the person asked for"), choices=Gender.choices, initial=Gender.ANY
    )


class SuitabilityForm(forms.Form):
    minor = forms.BooleanField(label=_("The applicant is a minor"), required=False)
    hearing_impairment = forms.BooleanField(label=_("Hearing impairment"), required=False)
    visual_impairment = forms.BooleanField(label=_("Visual impairment"), required=False)
    trauma_indicators = forms.BooleanField(label=_("Indications of trauma"), required=False)
    connection_ok = forms.BooleanField(
        label=_("A stable connection and a private room are assured"), required=False
    )
    suitable = forms.BooleanField(label=_("A remote interview is suitable"), required=False)
    justification = forms.CharField(
        label=_("Why, given the answers above"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InterviewRecordForm(forms.Form):
    record = forms.CharField(label=_("Interview record"), widget=forms.Textarea(attrs={"rows": 8}))
    recording_ref = forms.CharField(
        label=_("Where the recording is kept"), required=False, max_length=300
    )


class ReturnPlanForm(forms.Form):
    arrangements = forms.CharField(
        label=_("Travel and support arranged"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReintegrationForm(forms.Form):
    economic = forms.CharField(
        label=_("Economic support"), widget=forms.Textarea(attrs={"rows": 2})
    )
    social = forms.CharField(label=_("Social support"), widget=forms.Textarea(attrs={"rows": 2}))
    psychosocial = forms.CharField(
        label=_("Psychosocial support"), widget=forms.Textarea(attrs={"rows": 2})
    )
    visits = forms.CharField(
        label=_("Follow-up visits (dates, separated by commas)"),
        required=False,
        help_text=_("For example 2027-01-15, 2027-04-15"),
    )

    def clean_visits(self) -> list[date]:
        days: list[date] = []
        for part in self.cleaned_data["visits"].split(","):
            if part.strip():
                try:
                    days.append(date.fromisoformat(part.strip()))
                except ValueError:
                    raise forms.ValidationError(
                        _("Write dates as YYYY-MM-DD, separated by commas.")
                    ) from None
        return days


class VisitForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Type of document"))
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from haven.casework.documents import DOCUMENT_TYPES

        self.fields["doc_type"].choices = [  # type: ignore[attr-defined]
            (t.code, t.label) for t in DOCUMENT_TYPES.values()
        ]
