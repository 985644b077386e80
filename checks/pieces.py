"""Checks on the presence, readability and placement of the uploaded files."""

from checks.requirements import required_slots
from schemas.dossier import DossierFacts
from schemas.findings import Finding, FindingCode
from schemas.slots import SLOT_LABELS, Slot

_KNOWN_SLOTS = frozenset(s.value for s in Slot)


def check_required_pieces(facts: DossierFacts) -> list[Finding]:
    """PIECE_MISSING for each required slot with no file at all."""
    findings = []
    for slot, rule in required_slots(facts.account, facts.rules):
        if facts.pieces_in(slot):
            # A slot holding only unreadable files is reported by check_files_readable.
            continue
        findings.append(Finding.of(
            FindingCode.PIECE_MISSING,
            f"Pièce manquante : {SLOT_LABELS[slot]} (requise : {rule.reason})",
            slot=slot, required_because=rule.reason,
        ))
    return findings


def check_files_readable(facts: DossierFacts) -> list[Finding]:
    """FILE_UNREADABLE for each file that is empty, cut, encrypted, not a document or too big."""
    findings = []
    for piece in facts.pieces:
        extraction = piece.extraction
        if extraction.readable or extraction.problem is None:
            continue
        problem = extraction.problem
        findings.append(Finding.of(
            FindingCode.FILE_UNREADABLE,
            f"Fichier « {piece.filename} » illisible : {problem.label}",
            slot=piece.slot, file=piece.filename, problem=problem.kind.value,
            detail=problem.detail, size=piece.size,
        ))
    return findings


def check_unknown_slots(facts: DossierFacts) -> list[Finding]:
    """PIECE_UNKNOWN_SLOT for files outside the contract's slots (kept, not judged)."""
    return [
        Finding.of(
            FindingCode.PIECE_UNKNOWN_SLOT,
            f"Fichier « {piece.filename} » déposé hors des emplacements prévus "
            f"(« {piece.slot} ») : non examiné",
            slot=piece.slot, file=piece.filename,
        )
        for piece in facts.pieces
        if piece.slot not in _KNOWN_SLOTS
    ]
