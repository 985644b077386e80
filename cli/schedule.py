"""`justif schedule`: the verify_batch flow as a Prefect deployment on a cron schedule."""

from typing import Annotated

import typer
from rich.console import Console

from schemas.errors import JustifError

DEPLOYMENT = "verification-planifiee"
console = Console(stderr=True)


def schedule(
    source: Annotated[str | None, typer.Argument(
        help="Répertoire ou s3://bucket/prefixe (par défaut JUSTIF_SCHEDULE_SOURCE)")] = None,
    cron: Annotated[str | None, typer.Option(
        help="Expression cron (par défaut JUSTIF_SCHEDULE_CRON)")] = None,
    name: Annotated[str, typer.Option(help="Nom du déploiement Prefect")] = DEPLOYMENT,
) -> None:
    """Enregistre et sert la vérification planifiée (déploiement Prefect, planning cron)."""
    from prefect.client.schemas.schedules import CronSchedule

    from cli.main import _settings
    from flows.verify_batch import verify_batch

    settings = _settings()
    source = source or settings.schedule_source
    if not source:
        raise JustifError("indiquez la SOURCE à vérifier (ou JUSTIF_SCHEDULE_SOURCE)")
    cron = cron or settings.schedule_cron
    try:
        planned = CronSchedule(cron=cron, timezone=settings.schedule_timezone)
    except ValueError as exc:
        raise JustifError(f"planning cron invalide « {cron} » : {exc}") from None
    console.print(f"Vérification planifiée de {source} : « {cron} » "
                  f"({settings.schedule_timezone}). Ctrl+C pour arrêter.")
    # serve() registers the deployment with the Prefect API, then runs each scheduled (or
    # manually started) flow run in a subprocess of this process until it is stopped.
    verify_batch.serve(name=name, schedules=[planned], parameters={"source": source},
                       description="Vérification des dossiers nouveaux ou modifiés",
                       tags=["justif"], pause_on_shutdown=False)
