from pathlib import Path

import pytest

from haven.config.env import DEMO_SECRET_KEY, ConfigurationError, read_environment

STRONG_KEY = "k3y-" + "".join(chr(ord("a") + i % 26) for i in range(60))
PRODUCTION = {
    "HAVEN_MODE": "production",
    "SECRET_KEY": STRONG_KEY,
    "DATABASE_URL": "postgres://haven@db/haven",
    "HAVEN_ALLOWED_HOSTS": "haven.example.org",
}


def test_demo_defaults_need_no_environment(tmp_path: Path) -> None:
    env = read_environment({"HAVEN_HOME": str(tmp_path)})
    assert env.mode == "demo"
    assert env.secret_key == DEMO_SECRET_KEY
    assert env.database_url == f"sqlite:///{tmp_path / 'haven.sqlite3'}"
    assert not env.debug
    assert not env.require_two_factor


def test_production_with_complete_environment_starts() -> None:
    env = read_environment(PRODUCTION)
    assert env.is_production
    assert env.require_two_factor
    assert env.allowed_hosts == ("haven.example.org",)


def test_production_lists_every_missing_variable_at_once() -> None:
    with pytest.raises(ConfigurationError) as error:
        read_environment({"HAVEN_MODE": "production"})
    text = str(error.value)
    for variable in ("SECRET_KEY", "DATABASE_URL", "HAVEN_ALLOWED_HOSTS"):
        assert variable in text
    assert len(error.value.problems) == 3


@pytest.mark.parametrize(
    ("override", "complaint"),
    [
        ({"SECRET_KEY": DEMO_SECRET_KEY}, "demo key"),
        ({"SECRET_KEY": "short"}, "too weak"),
        ({"HAVEN_DEBUG": "true"}, "HAVEN_DEBUG must be off"),
        ({"HAVEN_DEBUG": "maybe"}, "true or false"),
        ({"HAVEN_MODE": "staging"}, "HAVEN_MODE must be one of"),
        ({"HAVEN_DEFAULT_LANGUAGE": "xx"}, "HAVEN_DEFAULT_LANGUAGE"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL must start with"),
        ({"DATABASE_URL": "mysql://u:secret@db/haven"}, "not “db/haven”"),
        ({"DATABASE_URL": "sqlite:////tmp/x.db"}, "postgres://"),
    ],
)
def test_production_refuses_unsafe_settings(override: dict[str, str], complaint: str) -> None:
    with pytest.raises(ConfigurationError, match=complaint):
        read_environment({**PRODUCTION, **override})


def test_configuration_errors_speak_the_operators_language() -> None:
    with pytest.raises(ConfigurationError) as german:
        read_environment({"HAVEN_MODE": "production", "HAVEN_LANGUAGE": "de"})
    with pytest.raises(ConfigurationError) as english:
        read_environment({"HAVEN_MODE": "production", "LANG": "C.UTF-8"})
    assert german.value.problems != english.value.problems
    assert all("SECRET_KEY" in p for p in (german.value.problems[0], english.value.problems[0]))


def test_haven_home_must_be_a_folder(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("")
    with pytest.raises(ConfigurationError, match="must be a folder"):
        read_environment({"HAVEN_HOME": str(a_file)})


def test_the_demo_accepts_sqlite_and_postgres_urls(tmp_path: Path) -> None:
    for url in ("sqlite:///x.db", "postgres://haven@localhost/haven"):
        assert (
            read_environment({"HAVEN_HOME": str(tmp_path), "DATABASE_URL": url}).database_url == url
        )
