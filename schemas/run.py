"""The outcome of one batch run, as the CLI and dashboards report it."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class RunStatus(StrEnum):
    """Where a run stands."""

    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class RunSummary(BaseModel):
    """Counts of one run; `verified` dossiers were read, `unchanged` ones reused their verdict."""

    model_config = ConfigDict(frozen=True)

    run_id: int
    source: str
    status: RunStatus
    started_at: datetime
    finished_at: datetime | None
    dossiers: int
    verified: int
    unchanged: int
    files_read: int
    orphan_dossiers: int = 0
    # Where upload times came from: manifest (uploads.csv), storage, or unknown.
    upload_times: str | None = None
    verdicts: dict[str, int] = Field(default_factory=dict)
    findings: dict[str, int] = Field(default_factory=dict)
    out_path: str | None = None
    error: str | None = None
