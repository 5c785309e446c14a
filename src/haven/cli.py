"""The `haven` command."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    name="haven",
    help="Haven: a rights-first platform for migration and asylum services.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)


def _setup_django() -> None:
    """Configure Django from the environment, or explain every configuration problem and exit."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haven.config.settings")
    from haven.config.env import ConfigurationError

    try:
        import django

        django.setup()
    except ConfigurationError as error:
        errors.print("[bold red]Haven cannot start:[/bold red]")
        for problem in error.problems:
            errors.print(f"  • {problem}")
        raise typer.Exit(code=2) from None

    from django.conf import settings
    from django.utils import translation

    wanted = os.environ.get("HAVEN_LANGUAGE") or os.environ.get("LANG", "")
    code = wanted.split(".")[0].split("_")[0].lower()
    translation.activate(code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE)


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    with _database_errors_explained():
        call_command("migrate", interactive=False, verbosity=verbosity)


@contextmanager
def _database_errors_explained() -> Iterator[None]:
    from django.db import DatabaseError
    from django.utils.translation import gettext as _

    try:
        yield
    except DatabaseError as error:
        errors.print(_("Haven cannot use its database: %(error)s") % {"error": str(error).strip()})
        raise typer.Exit(code=1) from None


Port = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]


@app.command()
def demo(
    port: Port = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    serve: Annotated[bool, typer.Option(help="Start the web app after loading the data.")] = True,
) -> None:
    """Create an SQLite database under HAVEN_HOME, load the demo data and start the web app."""
    os.environ.setdefault("HAVEN_MODE", "demo")
    if os.environ.pop("DATABASE_URL", None):
        # Demo logins have a published password: they never go into a configured database.
        from haven.config.env import translator

        _ = translator(os.environ).gettext
        errors.print(_("DATABASE_URL is ignored: the demo always uses SQLite under HAVEN_HOME."))
    _setup_django()
    from django.conf import settings
    from django.utils.translation import gettext as _

    from haven.demo.casework import seed_cases
    from haven.demo.cast import DEMO_PASSWORD
    from haven.demo.people import seed_people
    from haven.demo.seed import seed_demo

    if settings.HAVEN_MODE != "demo":
        errors.print(_("“haven demo” runs only in demo mode. Use “haven serve” in production."))
        raise typer.Exit(code=2)
    settings.HAVEN_HOME.mkdir(parents=True, exist_ok=True)
    with console.status(_("Preparing the database…")), _database_errors_explained():
        _migrate()
        logins = seed_demo()
        people = seed_people()
        seed_cases()

    table = Table(title=_("Demo logins (password: %(password)s)") % {"password": DEMO_PASSWORD})
    table.add_column(_("Username"))
    table.add_column(_("Role"))
    table.add_column(_("Organisation"))
    from haven.accounts.models import Membership

    for login in logins:
        membership = Membership.objects.select_related("organisation").get(
            user__username=login.username, role=login.role
        )
        table.add_row(login.username, membership.get_role_display(), membership.organisation.name)
    console.print(table)
    console.print(_("Database: %(path)s") % {"path": settings.DATABASES["default"]["NAME"]})
    console.print(
        _(
            "Try the rights core: as asylum.caseworker open /people/%(id)s/ ; as police.officer "
            "open the same address (refused, and logged); then open /my-data/ with %(name)s's "
            "access code %(code)s (a new one each run) to see every access and its ledger proof."
        )
        % {"id": people.showcase_id, "name": people.showcase_name, "code": people.tracker_code}
    )
    if not serve:
        return
    console.print(
        _("Haven is running at http://%(host)s:%(port)d/ — press Ctrl+C to stop.")
        % {"host": host, "port": port}
    )
    sys.stdout.flush()
    from haven.server import run_server

    run_server(host=host, port=port, workers=2, threads=4, access_log=False)


@app.command()
def serve(
    port: Port = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "0.0.0.0",  # noqa: S104
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    threads: Annotated[int, typer.Option(help="Threads per worker.")] = 4,
) -> None:
    """Run the production server (gunicorn) against DATABASE_URL."""
    # Production unless said otherwise: a server open to the network never runs with the demo's
    # public secret and optional second factor by accident.
    os.environ.setdefault("HAVEN_MODE", "production")
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    if settings.HAVEN_MODE == "production":
        call_command("collectstatic", interactive=False, verbosity=0)
    from haven.server import run_server

    run_server(host=host, port=port, workers=workers, threads=threads, access_log=True)


@app.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    _setup_django()
    from django.utils.translation import gettext as _

    _migrate(verbosity=1)
    console.print(_("The database is up to date."))


@app.command()
def check() -> None:
    """Check the configuration, the database and the migrations. Exits 1 if anything fails."""
    _setup_django()
    from django.utils.translation import gettext as _

    from haven.health import run_health_checks

    with _database_errors_explained():
        results = run_health_checks()
    table = Table(title=_("Haven health"))
    table.add_column(_("Check"))
    table.add_column(_("Result"))
    table.add_column(_("Detail"))
    for result in results:
        table.add_row(
            result.name,
            f"[green]{_('ok')}[/green]" if result.ok else f"[red]{_('failed')}[/red]",
            result.detail,
        )
    console.print(table)
    if not all(result.ok for result in results):
        raise typer.Exit(code=1)


@app.command()
def createadmin(
    username: Annotated[str, typer.Option(prompt=True, help="The administrator's username.")],
    email: Annotated[str, typer.Option(help="Contact address.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a platform administrator (Django superuser), checking the password's strength."""
    _setup_django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from haven.accounts.models import User

    with _database_errors_explained():
        exists = User.objects.filter(username=username).exists()
    if exists:
        errors.print(_("A user named “%(username)s” already exists.") % {"username": username})
        raise typer.Exit(code=1)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt(_("Password"), hide_input=True, confirmation_prompt=True)
    candidate = User(username=username, email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        for message in error.messages:
            errors.print(f"  • {message}")
        raise typer.Exit(code=1) from None
    User.objects.create_superuser(username=username, email=email, password=password)
    console.print(_("Administrator “%(username)s” created.") % {"username": username})


ledger_app = typer.Typer(help="The public access ledger.", no_args_is_help=True)
app.add_typer(ledger_app, name="ledger")


@ledger_app.command("verify")
def ledger_verify(
    vkey: Annotated[
        str | None,
        typer.Option(help="Verifier key to check signatures with (default: this server's own)."),
    ] = None,
) -> None:
    """Recompute the ledger from its entries; check every node, the head and every checkpoint."""
    _setup_django()
    from django.utils.translation import gettext as _

    from haven.ledger.note import NoteError, Verifier
    from haven.ledger.signing import ledger_signer
    from haven.ledger.verify import verify_ledger

    try:
        verifier = Verifier.from_vkey(vkey) if vkey else ledger_signer().verifier
    except NoteError as error:
        errors.print(str(error))
        raise typer.Exit(code=2) from None
    with _database_errors_explained(), console.status(_("Verifying the ledger…")) as status:
        report = verify_ledger(
            verifier,
            progress=lambda n: status.update(_("Verified %(count)d entries…") % {"count": n}),
        )
    if report.ok:
        console.print(
            _("The ledger is intact: %(size)d entries, %(checkpoints)d signed checkpoints.")
            % {"size": report.size, "checkpoints": report.checkpoints}
        )
        return
    for problem in report.problems:
        errors.print(f"  • {problem}")
    if report.first_bad_index is not None:
        errors.print(_("First bad entry: %(index)d") % {"index": report.first_bad_index})
    raise typer.Exit(code=1)


@ledger_app.command("checkpoint")
def ledger_checkpoint() -> None:
    """Sign and print a checkpoint of the ledger as it is now."""
    _setup_django()
    from haven.ledger.services import checkpoint_latest

    with _database_errors_explained():
        console.print(checkpoint_latest().note, end="", highlight=False)


people_app = typer.Typer(help="People's records.", no_args_is_help=True)
app.add_typer(people_app, name="people")


@people_app.command("purge")
def people_purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count, delete nothing.")] = False,
) -> None:
    """Delete what has outlived its retention period, and log the counts."""
    _setup_django()
    from django.utils.translation import gettext as _

    from haven.people.retention import RULES, purge_expired

    with _database_errors_explained():
        done = dict(purge_expired(dry_run=dry_run))
    table = Table(title=_("Retention purge (dry run)") if dry_run else _("Retention purge"))
    table.add_column(_("Record type"))
    table.add_column(_("Rule"))
    table.add_column(_("Deleted") if not dry_run else _("Would delete"), justify="right")
    for rule in RULES:
        table.add_row(rule.record_type, rule.describe(), str(done[rule.record_type]))
    console.print(table)


relocate_app = typer.Typer(
    help="Relocation: fair shares and the matching engine.", no_args_is_help=True
)
app.add_typer(relocate_app, name="relocate")


@relocate_app.command("shares")
def relocate_shares(
    key_file: Annotated[
        Path | None, typer.Option("--file", help="A Eurostat key file to check and use.")
    ] = None,
    relocations: Annotated[int, typer.Option(min=0, help="Relocations in the pool.")] = 30_000,
    euros: Annotated[int, typer.Option(min=0, help="Euros in the pool.")] = 600_000_000,
) -> None:
    """Each Member State's fair share of a solidarity pool (AMMR Art. 66 key). With --file,
    check a new Eurostat vintage first: every problem is listed with its row."""
    from haven.relocation.fair_shares import DATA_FILE, KeyFileError, fair_shares, read_key_file

    path = key_file or DATA_FILE
    try:
        key = read_key_file(path)
    except KeyFileError as error:
        errors.print(f"[bold red]{path.name} cannot be used:[/bold red]")
        for problem in error.problems:
            errors.print(f"  • {problem}")
        raise typer.Exit(code=2) from None
    except (OSError, UnicodeDecodeError) as error:
        errors.print(str(error))
        raise typer.Exit(code=2) from None
    table = Table(title=f"Fair shares: {relocations:,} relocations, EUR {euros:,} ({key.vintage})")
    for column in ("State", "Share", "Relocations", "EUR"):
        table.add_column(column, justify="right")
    for share in fair_shares(key, relocations=relocations, eur_cents=euros * 100):
        table.add_row(
            share.code,
            f"{float(share.share):.4%}",
            f"{share.relocations:,}",
            f"{share.eur_cents / 100:,.2f}",
        )
    console.print(table)


@relocate_app.command("solve")
def relocate_solve(
    instance_file: Annotated[Path, typer.Argument(help="An instance in JSON.")],
    time_limit: Annotated[float, typer.Option(min=1, help="Seconds the solver may use.")] = 30,
    as_json: Annotated[bool, typer.Option("--json", help="Print the proposal as JSON.")] = False,
) -> None:
    """Propose placements of whole families. A person reviews and approves every match."""
    import json

    from haven.relocation.engine import solve
    from haven.relocation.instance import InstanceError, parse_instance

    try:
        instance = parse_instance(json.loads(instance_file.read_text(encoding="utf-8")))
    except (OSError, ValueError) as error:
        problems = error.problems if isinstance(error, InstanceError) else [str(error)]
        errors.print("[bold red]The instance cannot be used:[/bold red]")
        for problem in problems[:50]:
            errors.print(f"  • {problem}")
        raise typer.Exit(code=2) from None
    with console.status(
        f"Solving {len(instance.families):,} families → {len(instance.destinations)} destinations…"
    ):
        proposal = solve(instance, time_limit=time_limit)
    if as_json:
        print(json.dumps(proposal.as_json(), ensure_ascii=False, indent=1))
        return
    table = Table(title=f"Proposal: {proposal.status}")
    for column in ("placed", "unassigned", "objective", "bound", "gap", "seconds"):
        table.add_column(column, justify="right")
    table.add_row(
        str(len(proposal.assignments)),
        str(len(proposal.unassigned)),
        f"{proposal.objective:.3f}",
        f"{proposal.bound:.3f}",
        "unknown" if proposal.gap is None else f"{proposal.gap:.4%}",
        f"{proposal.seconds:.1f}",
    )
    console.print(table)
    for family in proposal.unassigned[:20]:
        console.print(f"{family}: {proposal.reasons[family].why_unassigned}")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. `haven manage shell`."""
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["haven manage", *ctx.args])
