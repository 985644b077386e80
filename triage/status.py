"""A dossier's triage status: to do, decided, or re-opened by a later upload."""

from zoneinfo import ZoneInfo

from checks.formatting import french_datetime
from schemas.staff import Action, DossierState, TriageStatus

# Decisions after which the office, not the candidate, holds the dossier.
_SETTLED = frozenset({Action.VALIDATE, Action.REJECT})


def files_changed(state: DossierState) -> bool:
    """Whether the candidate's files differ from those the decision was taken on."""
    return (state.decision is not None and state.decision_files is not None
            and state.decision_files != state.files)


def status_of(state: DossierState) -> TriageStatus:
    """To do while flagged and undecided; a decision stands until the files change.

    A new run with the same files (a rules or code change) never erases a decision; a new or
    replaced file does, because the decision was about other documents.
    """
    if state.decision is None:
        return TriageStatus.CLEAR if state.verdict == "ok" else TriageStatus.TO_DO
    if files_changed(state):
        return TriageStatus.REOPENED if state.verdict != "ok" else TriageStatus.CLEAR
    return TriageStatus.DECIDED


def reopen_reason(state: DossierState, zone: ZoneInfo) -> str | None:
    """Why a decided dossier is back in the queue, in French, or None."""
    if state.decision is None or not files_changed(state):
        return None
    added = len(state.files - (state.decision_files or frozenset()))
    removed = len((state.decision_files or frozenset()) - state.files)
    parts = []
    if added:
        parts.append(f"{added} fichier(s) nouveau(x) ou remplacé(s)")
    if removed and not added:
        parts.append(f"{removed} fichier(s) retiré(s)")
    when = (f" (dernier dépôt le {french_datetime(state.last_upload, zone)})"
            if state.last_upload else "")
    return (f"Rouvert : {', '.join(parts)} après la décision du "
            f"{state.decision.at.astimezone(zone):%d/%m/%Y}{when}")


def awaits_candidate(state: DossierState) -> bool:
    """Incomplete, and not validated or rejected by staff on these same files.

    Such a dossier is reminded before the deadline and cancelled after it.
    """
    if state.verdict != "incomplete":
        return False
    return not (status_of(state) is TriageStatus.DECIDED and state.decision is not None
                and state.decision.action in _SETTLED)
