"""The facts about one dossier that checks judge: account, pieces as read, session rules."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from schemas.account import Account
from schemas.extraction import FileExtraction
from schemas.rules import SessionRules
from schemas.verdict import DossierVerdict


class PieceFacts(BaseModel):
    """One uploaded file: where it sat, when it arrived, and what was read from it."""

    model_config = ConfigDict(frozen=True)

    slot: str
    filename: str
    key: str
    size: int
    version: str
    stored_at: datetime
    uploaded_at: datetime | None
    extraction: FileExtraction


class DossierFacts(BaseModel):
    """Input of every check: pure data, no I/O handle."""

    model_config = ConfigDict(frozen=True)

    account: Account
    pieces: tuple[PieceFacts, ...]
    rules: SessionRules

    def pieces_in(self, slot: str) -> tuple[PieceFacts, ...]:
        """The files the candidate put in one slot."""
        return tuple(p for p in self.pieces if p.slot == slot)


class Judgement(BaseModel):
    """What verifying a dossier produced: its pieces as read, and its verdict."""

    model_config = ConfigDict(frozen=True)

    pieces: tuple[PieceFacts, ...]
    verdict: DossierVerdict
