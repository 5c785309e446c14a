from django import template

from haven.access.purposes import PURPOSES

register = template.Library()


@register.filter
def purpose_label(code: str) -> str:
    """The purpose's name in the user's language, for a code such as "shelter"."""
    purpose = PURPOSES.get(code)
    return str(purpose.label) if purpose else code
