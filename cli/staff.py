"""`justif serve` and `justif users …`: the staff web app and its accounts."""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from schemas.errors import JustifError
from schemas.staff import Role

users = typer.Typer(help="Comptes du personnel pour l'application de tri.", no_args_is_help=True)
console = Console()
errors = Console(stderr=True)


def _engine():  # noqa: ANN202 - SQLAlchemy Engine, imported lazily to keep the CLI fast
    from cli.main import _settings
    from database.engine import connect

    return connect(_settings().db_url)


def _read_password(from_stdin: bool) -> str:
    import sys

    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Mot de passe", hide_input=True)
    if first != typer.prompt("Mot de passe (confirmation)", hide_input=True):
        raise JustifError("les deux mots de passe diffèrent")
    return first


@users.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Identifiant de connexion")],
    name: Annotated[str, typer.Option("--name", help="Nom affiché (ex. « Claire Martin »)")],
    role: Annotated[Role, typer.Option(help="agent, superviseur ou admin")] = Role.AGENT,
    password_stdin: Annotated[bool, typer.Option(
        help="Lire le mot de passe sur l'entrée standard (scripts)")] = False,
) -> None:
    """Crée un compte ; le mot de passe est demandé deux fois (12 caractères au moins)."""
    from database.staff import add_user
    from webapp.passwords import hash_password

    if not username.strip() or len(username) > 100:
        raise JustifError("identifiant vide ou trop long (100 caractères au plus)")
    password_hash = hash_password(_read_password(password_stdin))
    user = add_user(_engine(), username=username.strip(), display_name=name.strip(), role=role,
                    password_hash=password_hash)
    console.print(f"Compte « {user.username} » créé ({user.role.value}).")


@users.command("list")
def users_list() -> None:
    """Liste les comptes."""
    from database.staff import list_users

    table = Table("identifiant", "nom", "rôle", "actif")
    for user, active in list_users(_engine()):
        table.add_row(user.username, user.display_name, user.role.value,
                      "oui" if active else "non")
    console.print(table)


@users.command("password")
def users_password(
    username: Annotated[str, typer.Argument(help="Identifiant")],
    password_stdin: Annotated[bool, typer.Option(help="Lire sur l'entrée standard")] = False,
) -> None:
    """Change le mot de passe d'un compte (ses sessions ouvertes sont fermées)."""
    from database.staff import set_password_hash
    from webapp.passwords import hash_password

    set_password_hash(_engine(), username, hash_password(_read_password(password_stdin)))
    console.print(f"Mot de passe de « {username} » changé.")


@users.command("disable")
def users_disable(username: Annotated[str, typer.Argument(help="Identifiant")]) -> None:
    """Désactive un compte (ses sessions ouvertes sont fermées) ; l'historique reste."""
    from database.staff import set_active

    set_active(_engine(), username, False)
    console.print(f"Compte « {username} » désactivé.")


def serve(
    host: Annotated[str, typer.Option(help="Adresse d'écoute")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    session_config: Annotated[Path | None, typer.Option(help="Fichier YAML de la session")
                              ] = None,
) -> None:
    """Sert l'application de tri du personnel (file d'attente, dossiers, décisions)."""
    import logging
    from datetime import timedelta

    import uvicorn

    from cli.main import _settings
    from database.engine import connect
    from database.triage import staff_count
    from settings.session import load_session_rules
    from webapp.app import create_app
    from webapp.context import AppContext

    settings = _settings()
    rules = load_session_rules(session_config or settings.session_config)
    engine = connect(settings.db_url)
    if staff_count(engine) == 0:
        errors.print("Aucun compte : créez-en un avec `justif users add IDENTIFIANT --name "
                     "\"Prénom Nom\" --role admin`.")
    if not settings.web_secure_cookies:
        errors.print("Attention : cookies sans l'attribut Secure (JUSTIF_WEB_SECURE_COOKIES="
                     "false) ; à réserver à un essai local sans HTTPS.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    context = AppContext(settings=settings, engine=engine, rules=rules,
                         session_lifetime=timedelta(hours=settings.web_session_hours))
    console.print(f"justif : http://{host}:{port}/ (session {rules.session}, "
                  f"{rules.academy_label})")
    # uvicorn's own access log prints full URLs, query strings included (a search for a
    # name); the app logs route templates instead (webapp.app).
    # proxy_headers: behind the office's reverse proxy on this machine (uvicorn trusts
    # X-Forwarded-For from 127.0.0.1 only), the sign-in limit counts each client's own
    # address, not the proxy's for everyone.
    uvicorn.run(create_app(context), host=host, port=port, access_log=False,
                proxy_headers=True, log_level="info")
