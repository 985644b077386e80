"""Checks on when the candidate confirmed and uploaded, against the session's deadline."""

from checks.formatting import french_datetime
from schemas.dossier import DossierFacts
from schemas.findings import Finding, FindingCode


def check_confirmation(facts: DossierFacts) -> list[Finding]:
    """PIECES_NOT_CONFIRMED when never confirmed; PIECES_CONFIRMED_LATE after the deadline."""
    confirmed_at = facts.account.pieces_confirmed_at
    rules = facts.rules
    if confirmed_at is None:
        return [Finding.of(
            FindingCode.PIECES_NOT_CONFIRMED,
            "Dépôt non confirmé : le candidat n'a pas cliqué sur « J'ai fourni toutes mes "
            f"pièces » (date limite : {french_datetime(rules.deadline, rules.zone)})",
            deadline=rules.deadline.isoformat(),
        )]
    if confirmed_at > rules.deadline:
        return [Finding.of(
            FindingCode.PIECES_CONFIRMED_LATE,
            f"Dépôt confirmé le {french_datetime(confirmed_at, rules.zone)}, après la date "
            f"limite du {french_datetime(rules.deadline, rules.zone)}",
            confirmed_at=confirmed_at.isoformat(), deadline=rules.deadline.isoformat(),
        )]
    return []


def check_late_uploads(facts: DossierFacts) -> list[Finding]:
    """LATE_UPLOAD for each file that arrived after the deadline, when its upload time is known."""
    rules = facts.rules
    return [
        Finding.of(
            FindingCode.LATE_UPLOAD,
            f"Fichier « {piece.filename} » déposé le "
            f"{french_datetime(piece.uploaded_at, rules.zone)}, après la date limite du "
            f"{french_datetime(rules.deadline, rules.zone)}",
            slot=piece.slot, file=piece.filename, uploaded_at=piece.uploaded_at.isoformat(),
            deadline=rules.deadline.isoformat(),
        )
        for piece in facts.pieces
        if piece.uploaded_at is not None and piece.uploaded_at > rules.deadline
    ]
