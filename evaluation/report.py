"""Print evaluation reports as tables, and say what changed since a previous report."""

from rich.console import Console
from rich.table import Table

from evaluation.scoring import VERDICTS
from schemas.evaluation import CorpusReport, IdImagesReport


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


def print_corpus_report(console: Console, report: CorpusReport) -> None:
    """Verdicts, false clears, automation, per-code scores, reads and speed."""
    console.print(f"[bold]Évaluation de {report.source}[/bold] : {report.dossiers} dossiers")
    console.print(f"Exactitude des verdicts : {_pct(report.verdict_accuracy)}")
    confusion = Table(title="Matrice de confusion (lignes : attendu, colonnes : donné)")
    confusion.add_column("attendu \\ donné")
    for verdict in VERDICTS:
        confusion.add_column(verdict, justify="right")
    for expected in VERDICTS:
        confusion.add_row(expected, *(str(report.confusion[expected][given])
                                      for given in VERDICTS))
    console.print(confusion)
    style = "bold red" if report.false_clears else "bold green"
    console.print(f"[{style}]Faux « ok » (dossier à problème validé) : "
                  f"{len(report.false_clears)}[/{style}]"
                  + (f" — {', '.join(report.false_clears)}" if report.false_clears else ""))
    console.print(f"Taux d'automatisation (dossiers conformes donnés ok) : "
                  f"{_pct(report.automation_rate)}")
    codes = Table(title="Constats par code (code et emplacement)")
    for column in ("code", "attendus", "donnés", "justes", "précision", "rappel"):
        codes.add_column(column, justify="left" if column == "code" else "right")
    for score in report.codes:
        codes.add_row(score.code, str(score.expected), str(score.found), str(score.correct),
                      _pct(score.precision), _pct(score.recall))
    console.print(codes)
    reads = Table(title="Lectures exactes des pièces d'identité à MRZ")
    for column in ("champ", "pièces", "exactes", "taux"):
        reads.add_column(column, justify="left" if column == "champ" else "right")
    readable = (report.mrz_readable,) if report.mrz_readable is not None else ()
    for score in (report.mrz_exact, *readable, *report.printed_fields):
        reads.add_row(score.field, str(score.total), str(score.exact),
                      _pct(score.exact / score.total if score.total else None))
    console.print(reads)
    if report.mrz_wrong_valid is not None:
        console.print(f"MRZ lues de travers mais déclarées valides : {report.mrz_wrong_valid}")
    if report.signatures is not None and report.signatures.total:
        score = report.signatures
        console.print(f"Signatures des récapitulatifs jugées justes : {score.exact}/"
                      f"{score.total} ({_pct(score.exact / score.total)})")
    console.print(f"Secondes par dossier : {report.seconds_per_dossier:.2f}")


def print_id_images_report(console: Console, report: IdImagesReport) -> None:
    """Exact reads, wrong reads that pass check digits, misses, by format."""
    results = {"exact": "exactes", "wrong_valid": "fausses valides",
               "wrong_invalid": "fausses invalides", "miss": "manquées",
               "correct_negative": "sans MRZ, ok", "false_mrz": "MRZ inventée"}
    table = Table(title=f"MRZ des spécimens extérieurs ({report.images} images)")
    table.add_column("format", no_wrap=True)
    for title in results.values():
        table.add_column(title, justify="right")
    for fmt, counts in report.by_format.items():
        table.add_row(fmt, *(str(counts.get(result, 0)) for result in results))
    console.print("fausses valides : lues de travers mais les chiffres de contrôle passent "
                  "(le cas dangereux)")
    console.print(table)
    if report.valid_mrz_images:
        exact = report.valid_mrz_exact or 0
        console.print(f"Images dont la MRZ attendue passe ses chiffres de contrôle : "
                      f"{exact}/{report.valid_mrz_images} lues exactement "
                      f"({_pct(exact / report.valid_mrz_images)})")
    median = f", médiane {report.median_seconds:.2f}" if report.median_seconds is not None else ""
    console.print(f"Secondes par image : {report.seconds_per_image:.2f}{median}")


def print_corpus_changes(console: Console, before: CorpusReport, after: CorpusReport) -> None:
    """Dossiers whose verdict became right or wrong since the previous report."""
    previous = {o.candidate_id: o for o in before.outcomes}
    better, worse = [], []
    for o in after.outcomes:
        old = previous.get(o.candidate_id)
        if old is None:
            continue
        was, now = old.verdict == old.expected_verdict, o.verdict == o.expected_verdict
        if now and not was:
            better.append(o.candidate_id)
        elif was and not now:
            worse.append(o.candidate_id)
    console.print(f"Depuis le rapport précédent : {len(better)} dossier(s) mieux jugé(s), "
                  f"{len(worse)} moins bien"
                  + (f" ({', '.join(worse)})" if worse else "")
                  + f" ; faux « ok » {len(before.false_clears)} → {len(after.false_clears)}.")
