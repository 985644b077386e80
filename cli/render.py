"""Terminal output of the command line: run summaries as tables."""

from rich.console import Console
from rich.table import Table
from sqlalchemy.engine import make_url

from schemas.findings import SEVERITY_OF, FindingCode
from schemas.run import RunSummary
from schemas.verdict import Verdict

_VERDICT_LABELS = {
    Verdict.OK: "ok : rien à faire",
    Verdict.REVIEW: "review : à examiner",
    Verdict.INCOMPLETE: "incomplete : le candidat doit agir",
}


def print_summary(console: Console, summary: RunSummary, database_url: str) -> None:
    """Verdict counts, finding counts, and where the results are."""
    verdicts = Table(title=f"Lot n° {summary.run_id} — {summary.source}")
    verdicts.add_column("Verdict")
    verdicts.add_column("Dossiers", justify="right")
    for verdict in Verdict:
        verdicts.add_row(_VERDICT_LABELS[verdict], str(summary.verdicts.get(verdict.value, 0)))
    verdicts.add_row("[bold]total[/bold]", f"[bold]{summary.dossiers}[/bold]")
    console.print(verdicts)

    if summary.findings:
        findings = Table(title="Constats")
        findings.add_column("Code")
        findings.add_column("Gravité")
        findings.add_column("Nombre", justify="right")
        for code, count in sorted(summary.findings.items(), key=lambda kv: (-kv[1], kv[0])):
            findings.add_row(code, SEVERITY_OF[FindingCode(code)].value, str(count))
        console.print(findings)

    console.print(
        f"{summary.verified} dossier(s) vérifié(s), {summary.unchanged} inchangé(s) "
        f"(verdict repris), {summary.files_read} fichier(s) lu(s)."
    )
    if summary.orphan_dossiers:
        console.print(f"[yellow]{summary.orphan_dossiers} dossier(s) de pièces sans ligne "
                      "dans accounts.csv (ignorés).[/yellow]")
    if summary.upload_times == "unknown":
        console.print("[yellow]Horodatages de dépôt inconnus (source copiée après la date "
                      "limite, sans uploads.csv) : dépôts tardifs non évalués.[/yellow]")
    if summary.out_path:
        console.print(f"Résultats : {summary.out_path}")
    console.print(f"Base de données : {make_url(database_url).render_as_string()}")
