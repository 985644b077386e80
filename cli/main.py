"""`justif` commands: verify a source, extract one file, run the local S3 server, upload."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from schemas.errors import JustifError
from settings.app import Settings, load_settings
from settings.runtime import apply_runtime_defaults

app = typer.Typer(help="justif : vérification des pièces justificatives des candidats BTS.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
s3_local = typer.Typer(help="Serveur S3 local (SeaweedFS) pour la démonstration et les tests.",
                       no_args_is_help=True)
app.add_typer(s3_local, name="s3-local")
console = Console()
errors = Console(stderr=True)


def _settings() -> Settings:
    settings = load_settings()
    apply_runtime_defaults(settings.data_dir, console_log_level="CRITICAL")
    return settings


@app.command()
def verify(
    source: Annotated[str, typer.Argument(help="Répertoire ou s3://bucket/prefixe")],
    out: Annotated[Path | None, typer.Option(help="Fichier JSON Lines des verdicts")] = None,
    session_config: Annotated[Path | None, typer.Option(
        help="Fichier YAML de la session (par défaut : session 2026 de Nantes)")] = None,
) -> None:
    """Vérifie chaque dossier de SOURCE et écrit un verdict par candidat."""
    settings = _settings()
    from flows.progress import Progress as BatchProgress
    from flows.verify_batch import verify_batch

    with Progress(TextColumn("Vérification"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
                  console=errors, transient=True) as bar:
        task_id = bar.add_task("verify", total=None, detail="préparation du lot…")

        def report(step: BatchProgress) -> None:
            bar.update(task_id, total=step.total, completed=step.done,
                       detail=f"{step.verified} vérifié(s), {step.unchanged} inchangé(s)")

        summary = verify_batch(source, out=str(out) if out else None,
                               session_config=str(session_config) if session_config else None,
                               progress=report)
    from cli.render import print_summary

    print_summary(console, summary, settings.db_url)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="Fichier à lire (PDF, JPEG, PNG, TIFF, HEIC)")],
    session_config: Annotated[Path | None, typer.Option(help="Fichier YAML de la session")
                              ] = None,
) -> None:
    """Affiche en JSON ce que justif lit d'un fichier."""
    settings = _settings()
    from extractors.extract import extract_file
    from settings.session import load_session_rules

    rules = load_session_rules(session_config or settings.session_config)
    if not file.is_file():
        raise JustifError(f"fichier introuvable : {file}")
    limit = rules.max_file_size_bytes
    with file.open("rb") as handle:
        data = handle.read(limit + 1)
    extraction = extract_file(data, file.name, max_bytes=limit)
    console.print_json(json.dumps(extraction.model_dump(mode="json"), ensure_ascii=False))


@app.command()
def upload(
    directory: Annotated[Path, typer.Argument(help="Répertoire de dossiers (CONTRACT.md)")],
    target: Annotated[str, typer.Argument(help="s3://bucket/prefixe")],
) -> None:
    """Copie un répertoire de dossiers dans le stockage S3 (crée le bucket si besoin)."""
    settings = _settings()
    from storage.s3 import make_client
    from storage.upload import upload_directory

    count = upload_directory(directory, target, make_client(settings), settings.s3_endpoint)
    console.print(f"{count} fichier(s) envoyé(s) vers {target}")


@s3_local.command("start")
def s3_local_start(port: Annotated[int, typer.Option(help="Port de l'API S3")] = 8333) -> None:
    """Démarre le serveur S3 local (127.0.0.1) ; données et journaux dans DATA_DIR/local-s3."""
    settings = _settings()
    from storage.local_server import LocalS3Server

    server = LocalS3Server(settings.data_dir / "local-s3", s3_port=port)
    info = server.start()
    console.print(f"Serveur S3 local prêt sur http://{info.endpoint} (pid {info.pid}).")
    console.print(f"Identifiants : {server.env_file} (lus automatiquement par justif).")


@s3_local.command("stop")
def s3_local_stop() -> None:
    """Arrête le serveur S3 local et attend sa fin (jusqu'à 45 s)."""
    settings = _settings()
    from storage.local_server import LocalS3Server

    stopped = LocalS3Server(settings.data_dir / "local-s3").stop()
    console.print("Serveur S3 local arrêté." if stopped else "Aucun serveur S3 local actif.")


@s3_local.command("status")
def s3_local_status() -> None:
    """Indique si le serveur S3 local tourne."""
    settings = _settings()
    from storage.local_server import LocalS3Server

    pid = LocalS3Server(settings.data_dir / "local-s3").running_pid()
    console.print(f"Serveur S3 local actif (pid {pid})." if pid else "Serveur S3 local arrêté.")
    raise typer.Exit(0 if pid else 3)


def run() -> None:
    """Console entry point: a JustifError becomes one line on stderr and exit status 1."""
    try:
        app()
    except JustifError as exc:
        errors.print(f"[red]Erreur :[/red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        errors.print("Interrompu.")
        sys.exit(130)
