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
sample = typer.Typer(help="Dossiers synthétiques avec leur vérité terrain.", no_args_is_help=True)
app.add_typer(sample, name="sample")
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
    from extractors.extract import read_any_file
    from settings.session import load_session_rules

    rules = load_session_rules(session_config or settings.session_config)
    if not file.is_file():
        raise JustifError(f"fichier introuvable : {file}")
    limit = rules.max_file_size_bytes
    with file.open("rb") as handle:
        data = handle.read(limit + 1)
    extraction = read_any_file(data, file.name, max_bytes=limit)
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


@app.command()
def evaluate(
    source: Annotated[str | None, typer.Argument(help="Répertoire ou s3://… étiqueté")] = None,
    labels: Annotated[Path | None, typer.Option(help="labels.json de SOURCE")] = None,
    id_images: Annotated[Path | None, typer.Option(
        help="Dossier de spécimens avec expected_mrz.json (au lieu de SOURCE)")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Rapport JSON")] = None,
    compare: Annotated[Path | None, typer.Option(help="Rapport JSON précédent à comparer")
                       ] = None,
    session_config: Annotated[Path | None, typer.Option(help="Fichier YAML de la session")
                              ] = None,
) -> None:
    """Mesure justif : verdicts, faux « ok », constats et lectures contre la vérité terrain."""
    _settings()
    from evaluation import report as render
    from schemas.evaluation import CorpusReport

    if id_images is not None:
        from evaluation.id_images import evaluate_id_images

        images = evaluate_id_images(id_images)
        render.print_id_images_report(console, images)
        result = images.model_dump_json(indent=1)
    else:
        if source is None or labels is None:
            raise JustifError("indiquez SOURCE et --labels, ou --id-images DOSSIER")
        from evaluation.corpus import evaluate_corpus

        corpus = evaluate_corpus(source, labels,
                                 str(session_config) if session_config else None)
        render.print_corpus_report(console, corpus)
        if compare is not None:
            before = CorpusReport.model_validate_json(compare.read_bytes())
            render.print_corpus_changes(console, before, corpus)
        result = corpus.model_dump_json(indent=1)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(result, encoding="utf-8")
        console.print(f"Rapport JSON : {json_out}")


@sample.command("generate")
def sample_generate(
    out: Annotated[Path, typer.Argument(help="Dossier de sortie (dossiers/, labels.json)")],
    n: Annotated[int, typer.Option("--n", help="Nombre de dossiers", min=1)] = 40,
    seed: Annotated[int, typer.Option(help="Graine : même graine, mêmes dossiers")] = 2026,
    workers: Annotated[int, typer.Option(help="Processus en parallèle", min=1)] = 2,
) -> None:
    """Génère N dossiers au format du contrat, leurs étiquettes et un README illustré."""
    import time

    from samplegen.corpus import generate
    from samplegen.readme import write_readme

    started = time.perf_counter()
    with Progress(TextColumn("Génération"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=errors, transient=True) as bar:
        task_id = bar.add_task("generate", total=n)
        labels = generate(out / "dossiers", n, seed, workers,
                          on_dossier=lambda done: bar.update(task_id, completed=done))
    write_readme(out, labels)
    elapsed = time.perf_counter() - started
    console.print(f"{n} dossier(s) générés dans {out / 'dossiers'} en {elapsed:.1f} s ; "
                  f"étiquettes : {out / 'labels.json'}")


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


def _add_staff_commands() -> None:
    from cli.remind import remind
    from cli.schedule import schedule
    from cli.staff import serve, users

    app.add_typer(users, name="users")
    app.command()(serve)
    app.command()(schedule)
    app.command()(remind)


_add_staff_commands()


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
