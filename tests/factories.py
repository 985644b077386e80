"""Builders of accounts, pieces and facts for unit tests, with sensible defaults."""

from datetime import UTC, date, datetime
from pathlib import Path

from schemas.account import Account, CandidateStatus
from schemas.dossier import DossierFacts, PieceFacts
from schemas.extraction import FileExtraction, FileFormat, FileProblem, ProblemKind
from settings.app import BUNDLED_SESSION
from settings.session import load_session_rules

RULES = load_session_rules(BUNDLED_SESSION)


def account(**changes: object) -> Account:
    values: dict[str, object] = {
        "candidate_id": "02612345678", "session": "2026", "exam": "BTS",
        "specialty_code": "NDRC",
        "specialty": "Négociation et digitalisation de la relation client",
        "managing_academy": "NANTES", "civility": "MME", "birth_name": "LE GOFF",
        "usage_name": None, "given_names": ("Marie", "Élodie"),
        "birth_date": date(1990, 3, 12), "birth_place": "Nantes", "birth_country": "FRANCE",
        "nationality": "FRA", "email": "m@example.org", "postal_code": "44000",
        "city": "Nantes", "status": CandidateStatus.CNED, "handicap": False, "options": (),
        "pieces_confirmed_at": datetime(2025, 11, 18, 20, 4, tzinfo=UTC),
        "registered_at": datetime(2025, 10, 9, 8, tzinfo=UTC),
    }
    values.update(changes)
    return Account.model_validate(values)


def readable(filename: str = "f.pdf", **read: object) -> FileExtraction:
    """A readable one-page PDF; `read` sets what was read (document_type, recap, signature)."""
    return FileExtraction.model_validate({
        "file": filename, "size": 100, "sha256": "0" * 64, "format": FileFormat.PDF,
        "readable": True, "pages": 1, **read})


def unreadable(filename: str, kind: ProblemKind) -> FileExtraction:
    return FileExtraction(file=filename, size=100, sha256=None, format=FileFormat.UNKNOWN,
                          readable=False, problem=FileProblem(kind=kind))


def piece(slot: str, filename: str = "f.pdf", *, extraction: FileExtraction | None = None,
          uploaded_at: datetime | None = None) -> PieceFacts:
    return PieceFacts(
        slot=slot, filename=filename, key=f"pieces/02612345678/{slot}/{filename}", size=100,
        version="v1", stored_at=datetime(2025, 11, 1, tzinfo=UTC), uploaded_at=uploaded_at,
        extraction=extraction or readable(filename))


def facts(acc: Account | None = None, pieces: tuple[PieceFacts, ...] | None = None
          ) -> DossierFacts:
    if pieces is None:
        pieces = (piece("identite"), piece("recapitulatif"), piece("experience"))
    return DossierFacts(account=acc or account(), pieces=pieces, rules=RULES)


def fixture_path(name: str) -> Path:
    return Path(__file__).parent / "data" / name
