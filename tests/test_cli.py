import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from typer.testing import CliRunner

from haven.accounts.models import Membership, Organisation, User
from haven.cli import app
from haven.demo.cast import LOGINS, ORGANISATIONS

runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.django_db
def test_demo_data_loads_twice_without_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)  # the command drops it; keep ours intact
    for _ in range(2):
        result = runner.invoke(app, ["demo", "--no-serve"])
        assert result.exit_code == 0, result.output
    assert Organisation.objects.count() == len(ORGANISATIONS)
    assert User.objects.count() == len(LOGINS)
    assert Membership.objects.count() == len(LOGINS)
    assert "police.officer" in result.output


@pytest.mark.django_db
def test_check_reports_a_healthy_install() -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "failed" not in result.output


@pytest.mark.django_db(transaction=True)
def test_check_fails_when_migrations_are_missing() -> None:
    call_command("migrate", "accounts", "zero", verbosity=0)
    try:
        result = runner.invoke(app, ["check"])
        assert result.exit_code == 1
        assert "haven migrate" in result.output
    finally:
        call_command("migrate", verbosity=0)


@pytest.mark.django_db
def test_createadmin_refuses_a_weak_password_and_accepts_a_strong_one() -> None:
    weak = runner.invoke(
        app, ["createadmin", "--username", "root", "--password-stdin"], input="password\n"
    )
    assert weak.exit_code == 1
    assert not User.objects.filter(username="root").exists()
    strong = runner.invoke(
        app,
        ["createadmin", "--username", "root", "--password-stdin"],
        input="correct horse battery staple 42\n",
    )
    assert strong.exit_code == 0, strong.output
    assert User.objects.get(username="root").is_superuser
    again = runner.invoke(
        app,
        ["createadmin", "--username", "root", "--password-stdin"],
        input="correct horse battery staple 42\n",
    )
    assert again.exit_code == 1


def test_haven_demo_serves_the_app_from_a_fresh_home(tmp_path: Path) -> None:
    """What the README's first command does, end to end, in a clean directory."""
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HAVEN_", "DATABASE_URL", "DJANGO_SETTINGS"))
    }
    env["HAVEN_HOME"] = str(tmp_path / "home")
    env["DATABASE_URL"] = "postgres://someone@db.example/production"  # must not be touched
    process = subprocess.Popen(
        [sys.executable, "-m", "haven", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
                    break
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.5)
        assert "Haven" in body, process.stdout.read() if process.poll() is not None else ""
        assert (tmp_path / "home" / "haven.sqlite3").exists()
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "muni.caseworker" in output
    assert "DATABASE_URL is ignored" in output
    assert f"http://127.0.0.1:{port}/" in output


def test_demo_refuses_a_port_out_of_range() -> None:
    result = runner.invoke(app, ["demo", "--port", "70000", "--no-serve"])
    assert result.exit_code == 2
