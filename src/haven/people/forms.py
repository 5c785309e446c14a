from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from haven.accounts.models import Organisation
from haven.config.languages import INTERFACE_LANGUAGES
from haven.people.models import ConsentMethod, SpecialCategory

SECTIONS = [
    ("identity", _("Identity and contact")),
    ("household", _("Household")),
    ("health", _("Health and special needs")),
    ("procedure", _("Asylum procedure")),
    ("legal", _("Legal advice")),
]


class PersonForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_of_birth_is_estimate = forms.BooleanField(
        label=_("The date of birth is an estimate"), required=False
    )
    nationality = forms.RegexField(
        label=_("Nationality (two-letter code, XX if stateless)"),
        regex=r"^[A-Za-z]{2}$",
        required=False,
        max_length=2,
        error_messages={"invalid": _("Use a two-letter code such as SY, UA or AF.")},
    )
    preferred_language = forms.CharField(
        label=_("Preferred language"), max_length=8, required=False
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("I have checked the people listed above: this is someone else."), required=False
    )


class ConsentForm(forms.Form):
    recipient: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Shared with"), queryset=Organisation.objects.none()
    )
    consent_purpose = forms.ChoiceField(label=_("For the purpose of"))
    sections = forms.MultipleChoiceField(
        label=_("Which information"), choices=SECTIONS, widget=forms.CheckboxSelectMultiple
    )
    method = forms.ChoiceField(label=_("How consent was given"), choices=ConsentMethod.choices)
    language = forms.ChoiceField(
        label=_("In which language"),
        choices=[(lang.code, lang.name_local) for lang in INTERFACE_LANGUAGES],
    )

    def __init__(
        self, *args: Any, recipients: Any, purposes: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients  # type: ignore[attr-defined]
        self.fields["consent_purpose"].choices = purposes  # type: ignore[attr-defined]


class SpecialCategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=SpecialCategory.choices)
    text = forms.CharField(
        label=_("Information"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this an emergency for life or safety?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=20,
        max_length=1000,
        help_text=_(
            "At least 20 characters. Oversight reviews every emergency access, and the "
            "person sees that it happened."
        ),
    )


class AccessCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your personal access code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("It is printed on the receipt you were given, like ABCD-EFGH-JKMN-PQRS-TVWX."),
    )
