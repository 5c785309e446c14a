"""The interface languages, as data: code, English name, name in the language, direction.

Django knows every language here except Pashto, which it gets from `register_extra_languages`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class InterfaceLanguage:
    code: str
    name: str
    name_local: str
    bidi: bool


INTERFACE_LANGUAGES: tuple[InterfaceLanguage, ...] = (
    InterfaceLanguage("en", "English", "English", bidi=False),
    InterfaceLanguage("de", "German", "Deutsch", bidi=False),
    InterfaceLanguage("fr", "French", "Français", bidi=False),
    InterfaceLanguage("uk", "Ukrainian", "Українська", bidi=False),
    InterfaceLanguage("ru", "Russian", "Русский", bidi=False),
    InterfaceLanguage("ar", "Arabic", "العربية", bidi=True),
    InterfaceLanguage("fa", "Persian", "فارسی", bidi=True),
    InterfaceLanguage("ps", "Pashto", "پښتو", bidi=True),
)

LANGUAGE_CODES = frozenset(language.code for language in INTERFACE_LANGUAGES)


def register_extra_languages() -> None:
    """Teach Django the languages its own LANG_INFO lacks (Pashto)."""
    from django.conf.locale import LANG_INFO

    for language in INTERFACE_LANGUAGES:
        LANG_INFO.setdefault(
            language.code,
            {
                "bidi": language.bidi,
                "code": language.code,
                "name": language.name,
                "name_local": language.name_local,
            },
        )
