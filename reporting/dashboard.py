"""The completeness dashboard's tables: each chart is drawn from one, and exported as CSV."""

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from database.models import Run
from reporting.charts import lines, stacked_bars
from schemas.findings import Finding, FindingCode, Severity
from schemas.slots import SLOT_LABELS, Slot
from schemas.staff import DossierState
from triage.queue import display_name
from triage.status import awaits_candidate

VERDICTS = (("ok", "complets"), ("review", "à examiner"), ("incomplete", "incomplets"))


@dataclass(frozen=True)
class FigureTable:
    """One figure: its numbers (what the CSV export holds) and how to draw them."""

    slug: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    chart: str | None = None  # SVG markup, drawn from the rows

    def csv(self) -> str:
        """The table as CSV (comma, UTF-8), header first."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows([[_inert(cell) for cell in row] for row in self.rows])
        return out.getvalue()


def _inert(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading quote.

    Names come from candidates: « =HYPERLINK(…) » typed as a surname must stay text when the
    office opens the export in a spreadsheet.
    """
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def _series(rows: Sequence[tuple[object, ...]], names: Sequence[str]
            ) -> list[tuple[str, list[int]]]:
    """Columns 1..n of the rows as named series (column 0 holds the labels)."""
    return [(name, [int(row[k + 1]) for row in rows])  # type: ignore[call-overload]
            for k, name in enumerate(names)]


def verdict_table(states: list[DossierState]) -> FigureTable:
    """Dossiers by verdict, overall."""
    counts = Counter(s.verdict for s in states)
    rows = tuple((label, counts[v]) for v, label in VERDICTS)
    # One series per verdict, each on its own bar, so that each bar has its verdict's colour.
    series = [(label, [count if k == i else 0 for k, (_, count) in enumerate(rows)])
              for i, (label, _) in enumerate(rows)]
    return FigureTable("verdicts", "Dossiers par verdict", ("verdict", "dossiers"), rows,
                       stacked_bars("Dossiers par verdict", [r[0] for r in rows], series,
                                    legend=False))


def specialty_table(states: list[DossierState]) -> FigureTable:
    """Dossiers by verdict for each specialty."""
    counts = Counter((str(s.account.get("specialty_code", "")), s.verdict) for s in states)
    specialties = sorted({code for code, _ in counts})
    rows = tuple((code, *(counts[code, v] for v, _ in VERDICTS),
                  sum(counts[code, v] for v, _ in VERDICTS)) for code in specialties)
    names = [label for _, label in VERDICTS]
    return FigureTable("specialites", "Dossiers par spécialité",
                       ("spécialité", *names, "total"), rows,
                       stacked_bars("Dossiers par spécialité", specialties,
                                    _series(rows, names)))


def missing_table(states: list[DossierState], findings: dict[int, list[Finding]]
                  ) -> FigureTable:
    """Incomplete dossiers by slot: a piece missing, or a file unreadable."""
    missing: Counter[str] = Counter()
    unreadable: Counter[str] = Counter()
    unconfirmed = 0
    for state in states:
        if state.verdict != "incomplete":
            continue
        found = findings.get(state.verification_id, [])
        missing.update({f.slot or "" for f in found if f.code is FindingCode.PIECE_MISSING})
        unreadable.update({f.slot or "" for f in found
                           if f.code is FindingCode.FILE_UNREADABLE})
        unconfirmed += any(f.code is FindingCode.PIECES_NOT_CONFIRMED for f in found)
    slots = [slot for slot in Slot if missing[slot.value] or unreadable[slot.value]]
    rows = tuple((SLOT_LABELS[slot], missing[slot.value], unreadable[slot.value])
                 for slot in slots)
    if unconfirmed:
        rows += (("Dépôt non confirmé", unconfirmed, 0),)
    names = ["pièce manquante", "fichier illisible"]
    return FigureTable("pieces-manquantes", "Dossiers incomplets par pièce",
                       ("pièce", *names), rows,
                       stacked_bars("Dossiers incomplets par pièce", [str(r[0]) for r in rows],
                                    _series(rows, names)) if rows else None)


def findings_table(states: list[DossierState]) -> FigureTable:
    """Dossiers per finding code (a dossier counts once per code)."""
    counts = Counter(code for s in states for code in set(s.codes))
    rows = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return FigureTable("motifs", "Dossiers par motif", ("motif", "dossiers"), rows,
                       stacked_bars("Dossiers par motif", [r[0] for r in rows],
                                    [("dossiers", [r[1] for r in rows])]) if rows else None)


def history_table(history: list[tuple[Run, dict[str, int]]], zone: ZoneInfo) -> FigureTable:
    """Complete, to-review and incomplete dossiers per day: the day's last successful run."""
    by_day: dict[date, dict[str, int]] = {}
    for run, counts in history:
        by_day[run.started_at.astimezone(zone).date()] = counts
    rows = tuple((day.strftime("%d/%m/%Y"), *(counts.get(v, 0) for v, _ in VERDICTS))
                 for day, counts in sorted(by_day.items()))
    names = [label for _, label in VERDICTS]
    return FigureTable("evolution", "Évolution au fil de la session (dernier lot du jour)",
                       ("jour", *names), rows,
                       lines("Évolution des dossiers", [str(r[0]) for r in rows],
                             _series(rows, names)) if rows else None)


def uploads_table(times: list[datetime], zone: ZoneInfo) -> FigureTable:
    """Files uploaded per day (by the dossiers' current files)."""
    counts = Counter(moment.astimezone(zone).date() for moment in times)
    rows = tuple((day.strftime("%d/%m/%Y"), count) for day, count in sorted(counts.items()))
    return FigureTable("depots", "Fichiers déposés par jour", ("jour", "fichiers"), rows,
                       stacked_bars("Fichiers déposés par jour", [r[0] for r in rows],
                                    [("fichiers", [r[1] for r in rows])]) if rows else None)


def cancellation_table(states: list[DossierState], findings: dict[int, list[Finding]]
                       ) -> FigureTable:
    """Dossiers still incomplete (and not settled by staff), with what blocks each."""
    rows = tuple(
        (s.candidate_id, display_name(s.account), str(s.account.get("specialty_code", "")),
         " ; ".join(f.message for f in findings.get(s.verification_id, [])
                    if f.severity is Severity.BLOCKING))
        for s in sorted(states, key=lambda s: s.candidate_id) if awaits_candidate(s))
    return FigureTable("annulations", "Dossiers à annuler",
                       ("n° candidat", "candidat", "spécialité", "motifs"), rows)
