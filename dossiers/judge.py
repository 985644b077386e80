"""Judge one dossier: files to extractions, facts to findings to verdict, with no I/O."""

from checks.identity import identity_summary
from checks.registry import run_checks
from checks.verdict import decide_verdict
from extractors.extract import (
    read_identity_files,
    read_piece_file,
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

    The identity slot's files are read together (extractors.extract.read_identity_files);
    the others one by one, for their MRZ and their pages' text.
    """
    identity = [i for i, piece in enumerate(pieces)
                if piece.slot == Slot.IDENTITE and files.contents[i] is not None]
    read = dict(zip(identity, read_identity_files(
        [(files.contents[i], pieces[i].filename) for i in identity],
        max_bytes=max_bytes), strict=True))
    facts = []
    for index, (piece, data) in enumerate(zip(pieces, files.contents, strict=True)):
        if data is None:
            extraction = unread_extraction(piece.filename, piece.object.size,
                                           too_large_problem(piece.object.size, max_bytes))
        else:
            extraction = read.get(index) or read_piece_file(data, piece.filename,
                                                            max_bytes=max_bytes)
        facts.append(PieceFacts(
            slot=piece.slot, filename=piece.filename, key=piece.object.key,
            size=piece.object.size, version=piece.object.version,
            stored_at=piece.object.stored_at, uploaded_at=piece.uploaded_at,
            extraction=extraction))
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
