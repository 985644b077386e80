"""What a run changed since the previous one, as the Prefect artifacts of the run show it."""

from collections import Counter
from dataclasses import dataclass

from schemas.run import RunSummary
from schemas.verdict import VERDICT_LABELS

VERDICT_WORDS = {verdict: label.lower() for verdict, label in VERDICT_LABELS.items()}
# A change list longer than this is summarised: the artifact is read on a screen.
_LISTED = 20


@dataclass(frozen=True)
class RunChanges:
    """Dossiers new to this run, gone from it, and whose verdict moved (old, new)."""

    new: dict[str, str]
    gone: list[str]
    moved: dict[str, tuple[str, str]]


def verdict_changes(previous: dict[str, str], current: dict[str, str]) -> RunChanges:
    """Compare two runs' verdicts, candidate by candidate."""
    return RunChanges(
        new={cid: v for cid, v in current.items() if cid not in previous},
        gone=sorted(cid for cid in previous if cid not in current),
        moved={cid: (previous[cid], v) for cid, v in current.items()
               if cid in previous and previous[cid] != v},
    )


def verdict_table(summary: RunSummary) -> list[dict[str, object]]:
    """One row per verdict with its count, for a table artifact."""
    total = sum(summary.verdicts.values()) or 1
    return [{"verdict": VERDICT_WORDS.get(verdict, verdict), "dossiers": count,
             "part": f"{100 * count / total:.1f} %"}
            for verdict, count in sorted(summary.verdicts.items())]


def changes_markdown(summary: RunSummary, changes: RunChanges | None) -> str:
    """A short French account of the run and of what moved since the previous run."""
    lines = [f"# Lot n° {summary.run_id}",
             f"{summary.dossiers} dossiers : {summary.verified} vérifiés, "
             f"{summary.unchanged} inchangés, {summary.files_read} fichiers lus.", ""]
    if changes is None:
        lines.append("Premier lot sur cette source : rien à comparer.")
        return "\n".join(lines)
    if not (changes.new or changes.gone or changes.moved):
        lines.append("Aucun verdict n'a changé depuis le lot précédent.")
        return "\n".join(lines)
    moves = Counter((old, new) for old, new in changes.moved.values())
    if changes.moved:
        lines += ["## Verdicts modifiés", "", "| avant | après | dossiers |", "|---|---|---|"]
        lines += [f"| {VERDICT_WORDS.get(old, old)} | {VERDICT_WORDS.get(new, new)} | {n} |"
                  for (old, new), n in sorted(moves.items())]
        listed = sorted(changes.moved)[:_LISTED]
        more = len(changes.moved) - len(listed)
        lines += ["", "Dossiers : " + ", ".join(listed) + (f" et {more} autres" if more else ""),
                  ""]
    if changes.new:
        counts = Counter(changes.new.values())
        lines.append(f"Nouveaux dossiers : {len(changes.new)} ("
                     + ", ".join(f"{n} {VERDICT_WORDS.get(v, v)}"
                                 for v, n in sorted(counts.items())) + ").")
    if changes.gone:
        lines.append(f"Dossiers absents de ce lot : {len(changes.gone)}.")
    return "\n".join(lines)
