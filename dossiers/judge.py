"""Judge one dossier: files to extractions, facts to findings to verdict, with no I/O."""

from checks.identity import identity_summary
from checks.registry import run_checks
from checks.verdict import decide_verdict
from extractors.extract import (
    add_printed_zone,
    extract_file,
    too_large_problem,
    unread_extraction,
)
from schemas.account import Account
from schemas.dossier import DossierFacts, Judgement, PieceFacts
from schemas.rules import SessionRules
from schemas.slots import Slot
from schemas.storage import FetchedFiles, PieceObject
from schemas.verdict import DossierVerdict


def read_pieces(pieces: list[PieceObject], files: FetchedFiles, max_bytes: int
                ) -> tuple[PieceFacts, ...]:
    """Extract each downloaded file; a file not downloaded was over the size limit.

    The identity slot's files then get their printed zone read, guided by the best MRZ of
    the slot: the 2021 card prints the names on the front and the MRZ on the back.
    """
    facts = []
    for piece, data in zip(pieces, files.contents, strict=True):
        if data is None:
            extraction = unread_extraction(piece.filename, piece.object.size,
                                           too_large_problem(piece.object.size, max_bytes))
        else:
            extraction = extract_file(data, piece.filename, max_bytes=max_bytes)
        facts.append(PieceFacts(
            slot=piece.slot, filename=piece.filename, key=piece.object.key,
            size=piece.object.size, version=piece.object.version,
            stored_at=piece.object.stored_at, uploaded_at=piece.uploaded_at,
            extraction=extraction))
    identity = [i for i, piece in enumerate(pieces)
                if piece.slot == Slot.IDENTITE and files.contents[i] is not None]
    readings = [m for i in identity if (m := facts[i].extraction.mrz) is not None]
    guide = max(readings, key=lambda m: (m.valid, m.confidence), default=None)
    for i in identity:
        data = files.contents[i]
        assert data is not None
        facts[i] = facts[i].model_copy(update={
            "extraction": add_printed_zone(data, facts[i].extraction, guide)})
    return tuple(facts)


def judge_dossier(account: Account, pieces: tuple[PieceFacts, ...], rules: SessionRules
                  ) -> DossierVerdict:
    """Run every check on the dossier and derive its verdict."""
    facts = DossierFacts(account=account, pieces=pieces, rules=rules)
    findings = run_checks(facts)
    return DossierVerdict(
        candidate_id=account.candidate_id,
        verdict=decide_verdict(findings),
        findings=findings,
        identity=identity_summary(facts),
    )


def verify_dossier(account: Account, pieces: list[PieceObject], files: FetchedFiles,
                   rules: SessionRules) -> Judgement:
    """From a dossier's downloaded files to its pieces as read and its verdict."""
    facts = read_pieces(pieces, files, rules.max_file_size_bytes)
    return Judgement(pieces=facts, verdict=judge_dossier(account, facts, rules))
