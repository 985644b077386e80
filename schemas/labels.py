"""Ground truth of a generated corpus (labels.json) as samplegen writes it."""

from pydantic import BaseModel, ConfigDict


class ExpectedFinding(BaseModel):
    """A finding a dossier must get."""

    model_config = ConfigDict(frozen=True)

    code: str
    slot: str | None = None


class IdentityTruth(BaseModel):
    """What the identity document really says."""

    model_config = ConfigDict(frozen=True)

    kind: str
    mrz: list[str] | None
    printed: dict[str, object]
    valid_until: str


class PieceTruth(BaseModel):
    """One uploaded file and how it was made."""

    model_config = ConfigDict(frozen=True)

    path: str
    slot: str
    kind: str
    capture: str
    broken: str | None = None
    signing: str | None = None


class DossierLabel(BaseModel):
    """The right answer for one dossier."""

    model_config = ConfigDict(frozen=True)

    verdict: str
    findings: list[ExpectedFinding]
    exercises: list[str] = []
    planted: list[str] = []  # the generator's names of the problems planted
    identity: IdentityTruth | None = None
    pieces: list[PieceTruth] = []


class LabelFile(BaseModel):
    """labels.json."""

    model_config = ConfigDict(frozen=True)

    generator: dict[str, object] = {}
    reference_day: str | None = None
    dossiers: dict[str, DossierLabel]
