"""Read Haven's configuration from the environment and refuse unsafe production settings.

Runs before Django is configured, so its messages are translated with the standard library's
gettext over Haven's own compiled catalogues (language from HAVEN_LANGUAGE or LANG).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from haven.config.languages import LANGUAGE_CODES

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

#: The secret every demo install shares. Production refuses to start with it.
DEMO_SECRET_KEY = "haven-demo-secret-not-for-production-use-0000000000000000"

MODES = ("demo", "production")
PRODUCTION_DATABASES = frozenset({"postgres", "postgresql"})
DEMO_DATABASES = PRODUCTION_DATABASES | {"sqlite"}
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


class ConfigurationError(Exception):
    """The environment does not describe a configuration Haven can safely run with."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def translator(environ: Mapping[str, str]) -> gettext.NullTranslations:
    wanted = environ.get("HAVEN_LANGUAGE") or environ.get("LANG", "en")
    code = wanted.split(".")[0].split("_")[0].lower()
    if code not in LANGUAGE_CODES:
        code = "en"
    return gettext.translation("django", localedir=LOCALE_DIR, languages=[code], fallback=True)


@dataclass(frozen=True)
class Environment:
    mode: str
    debug: bool
    secret_key: str
    database_url: str
    home: Path
    allowed_hosts: tuple[str, ...]
    require_two_factor: bool
    language: str
    ledger_origin: str
    keys_dir: Path

    @property
    def is_production(self) -> bool:
        return self.mode == "production"


def read_environment(environ: Mapping[str, str] | None = None) -> Environment:
    """Return the configuration the environment describes, or raise ConfigurationError.

    Every problem is collected, so an operator fixes them all in one pass.
    """
    environ = os.environ if environ is None else environ
    _ = translator(environ).gettext
    problems: list[str] = []

    mode = environ.get("HAVEN_MODE", "demo").strip().lower()
    if mode not in MODES:
        problems.append(
            _("HAVEN_MODE must be one of %(choices)s, not “%(value)s”.")
            % {"choices": ", ".join(MODES), "value": mode}
        )
        mode = "production"  # judge the rest by the stricter rules

    raw_debug = environ.get("HAVEN_DEBUG", "").strip().lower()
    if raw_debug not in TRUE_WORDS | FALSE_WORDS:
        problems.append(
            _("HAVEN_DEBUG must be true or false, not “%(value)s”.") % {"value": raw_debug}
        )
    debug = raw_debug in TRUE_WORDS

    home = Path(environ.get("HAVEN_HOME") or "var").resolve()
    if home.exists() and not home.is_dir():
        problems.append(
            _("HAVEN_HOME must be a folder, but “%(path)s” is a file.") % {"path": home}
        )
    secret_key = environ.get("SECRET_KEY", "")
    database_url = environ.get("DATABASE_URL", "")
    hosts = tuple(h.strip() for h in environ.get("HAVEN_ALLOWED_HOSTS", "").split(",") if h.strip())
    language = environ.get("HAVEN_DEFAULT_LANGUAGE", "en")
    if language not in LANGUAGE_CODES:
        problems.append(
            _("HAVEN_DEFAULT_LANGUAGE must be one of %(choices)s, not “%(value)s”.")
            % {"choices": ", ".join(sorted(LANGUAGE_CODES)), "value": language}
        )
        language = "en"

    if mode == "production":
        if debug:
            problems.append(_("HAVEN_DEBUG must be off in production."))
        if not secret_key:
            problems.append(_("SECRET_KEY is not set. Production needs its own secret key."))
        elif secret_key == DEMO_SECRET_KEY:
            problems.append(_("SECRET_KEY is the public demo key. Generate a new one."))
        elif len(secret_key) < 50 or len(set(secret_key)) < 5:
            problems.append(_("SECRET_KEY is too weak: use at least 50 random characters."))
        if not database_url:
            problems.append(_("DATABASE_URL is not set. Production needs a PostgreSQL database."))
        if not hosts:
            problems.append(
                _("HAVEN_ALLOWED_HOSTS is not set: list the host names this server answers to.")
            )
    else:
        secret_key = secret_key or DEMO_SECRET_KEY
        database_url = database_url or f"sqlite:///{home / 'haven.sqlite3'}"
        hosts = hosts or ("127.0.0.1", "localhost", "[::1]", "testserver")

    if database_url:
        scheme = database_url.partition("://")[0].lower() if "://" in database_url else ""
        allowed = PRODUCTION_DATABASES if mode == "production" else DEMO_DATABASES
        if scheme not in allowed:
            problems.append(
                _("DATABASE_URL must start with %(schemes)s, not “%(value)s”.")
                % {
                    "schemes": " or ".join(f"{s}://" for s in sorted(allowed)),
                    "value": database_url.split("@")[-1][:60],
                }
            )

    if problems:
        raise ConfigurationError(problems)

    return Environment(
        mode=mode,
        debug=debug,
        secret_key=secret_key,
        database_url=database_url,
        home=home,
        allowed_hosts=hosts,
        require_two_factor=mode == "production",
        language=language,
        ledger_origin=environ.get("HAVEN_LEDGER_ORIGIN") or f"{hosts[0].strip('[]')}/haven-ledger",
        keys_dir=Path(environ.get("HAVEN_KEYS_DIR") or home / "keys").resolve(),
    )
