"""The Prefect artifacts of a verify_batch run: progress while it runs, verdicts and changes."""

from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from sqlalchemy import Engine

from database import repository
from reporting.run_changes import changes_markdown, verdict_changes, verdict_table
from schemas.run import RunSummary

# Keys make the artifacts show on the Prefect UI's Artifacts page, one history per key.
PROGRESS_KEY = "verify-batch-progress"
VERDICTS_KEY = "verify-batch-verdicts"
CHANGES_KEY = "verify-batch-changes"


class ProgressArtifact:
    """A progress bar on the flow run, moved at most once per percent (one API call each)."""

    def __init__(self) -> None:
        self.artifact_id: UUID = create_progress_artifact(
            0.0, key=PROGRESS_KEY, description="Avancement du lot")
        self.shown = 0

    def update(self, done: int, total: int) -> None:
        """Report `done` of `total` dossiers."""
        percent = 100 if total == 0 else int(100 * done / total)
        if percent > self.shown:
            update_progress_artifact(self.artifact_id, float(percent))
            self.shown = percent


def publish_results(engine: Engine, summary: RunSummary) -> None:
    """The verdict counts as a table, and what changed since the previous run as markdown."""
    create_table_artifact(verdict_table(summary), key=VERDICTS_KEY,
                          description=f"Verdicts du lot n° {summary.run_id}")
    previous = repository.previous_run_id(engine, summary.run_id)
    changes = (verdict_changes(repository.run_verdicts(engine, previous),
                               repository.run_verdicts(engine, summary.run_id))
               if previous is not None else None)
    create_markdown_artifact(changes_markdown(summary, changes), key=CHANGES_KEY,
                             description="Changements depuis le lot précédent")
