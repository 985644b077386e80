"""The verify_batch flow: list a source, verify new or changed dossiers, record every verdict."""

from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.context import FlowRunContext, get_run_context
from prefect.tasks import Task
from sqlalchemy import Engine

from database import repository
from database.engine import connect
from dossiers.accounts_csv import parse_accounts
from dossiers.fingerprint import code_digest, dossier_fingerprint
from dossiers.grouping import group_pieces
from dossiers.judge import verify_dossier
from dossiers.layout import ACCOUNTS_KEY, UPLOADS_KEY
from dossiers.uploads import (
    UploadTimes,
    choose_upload_times,
    parse_upload_manifest,
    with_upload_time,
)
from flows.artifacts import ProgressArtifact, publish_results
from flows.progress import Progress, ProgressHook
from schemas.account import Account
from schemas.dossier import Judgement
from schemas.errors import AccountsFileError, JustifError, StorageUnavailable
from schemas.rules import SessionRules
from schemas.run import RunStatus, RunSummary
from schemas.storage import FetchedFiles, PieceObject, StoredObject
from settings.app import load_settings
from settings.session import load_session_rules
from storage.atomic_file import AtomicTextFile
from storage.sources import DossierSource, open_source

# accounts.csv of 100,000 candidates is about 40 MB.
_EXPORT_MAX_BYTES = 512 * 1024 * 1024


def _retry_if_unavailable(_task: Task, _run: TaskRun, state: State) -> bool:
    # Only outages are worth waiting for; bad keys or a missing bucket will not heal.
    return isinstance(state.result(raise_on_failure=False), StorageUnavailable)


# NO_CACHE everywhere: justif's database decides what to redo, by ETag, and hashing file
# bytes for a cache key would cost as much as reading them.
@task(name="list-source", cache_policy=NO_CACHE, retry_condition_fn=_retry_if_unavailable)
def list_source(source: DossierSource) -> list[StoredObject]:
    """Every object of the source, metadata only."""
    return list(source.list_objects())


@task(name="read-export", cache_policy=NO_CACHE, retry_condition_fn=_retry_if_unavailable)
def read_export(source: DossierSource, key: str) -> bytes | None:
    """accounts.csv or uploads.csv (None if it vanished since the listing)."""
    return source.read(key, _EXPORT_MAX_BYTES)


@task(name="fetch-dossier", cache_policy=NO_CACHE, retry_condition_fn=_retry_if_unavailable)
def fetch_dossier(source: DossierSource, pieces: list[PieceObject], max_bytes: int
                  ) -> FetchedFiles:
    """Download a dossier's files one after the other; files over the limit are not fetched."""
    contents = []
    for piece in pieces:
        if piece.object.size > max_bytes:
            contents.append(None)
            continue
        data = source.read(piece.object.key, max_bytes)
        if data is None:
            raise StorageUnavailable(
                f"un objet listé a disparu pendant le lot ({source.uri}) ; relancez")
        contents.append(data)
    return FetchedFiles(contents=tuple(contents))


@task(name="verify-dossier", cache_policy=NO_CACHE)
def verify(account: Account, pieces: list[PieceObject], files: FetchedFiles,
           rules: SessionRules) -> Judgement:
    """Pieces as read and verdict of one dossier (dossiers.judge.verify_dossier)."""
    return verify_dossier(account, pieces, files, rules)


def _forget_task_results() -> None:
    """Drop the flow run's per-task bookkeeping once a dossier is done.

    For every task call, a Prefect flow run keeps a copy of the task's state keyed by the id
    of its result, and the assets it produced, so that a later task receiving that object can
    be linked to it. No dossier's task receives another's results; kept, these made memory
    grow by about 7 KB a dossier (measured with tracemalloc), 700 MB for 100,000 dossiers.
    """
    context = FlowRunContext.get()
    if context is not None:
        context.run_results.clear()
        context.task_run_assets.clear()


# Two task runs per dossier, not one per file: fewer task runs for the Prefect server to
# record, and less bookkeeping in the flow run.
class _Batch:
    """Per-run context: the source, rules, database and counters one run shares."""

    def __init__(self, source: DossierSource, rules: SessionRules, engine: Engine,
                 retries: int, retry_delay: float) -> None:
        self.source, self.rules, self.engine = source, rules, engine
        # Storage I/O: the only tasks that retry, as often as settings say.
        options = {"retries": retries, "retry_delay_seconds": retry_delay}
        self.list_source = list_source.with_options(**options)
        self.read_export = read_export.with_options(**options)
        self.fetch_dossier = fetch_dossier.with_options(**options)
        self.accounts: list[Account] = []
        self.verified = self.unchanged = self.files_read = self.orphans = 0
        self.upload_times: UploadTimes | None = None

    def export(self, objects: list[StoredObject], key: str) -> bytes | None:
        """An export file of the source root, if the listing has it."""
        if not any(o.key == key for o in objects):
            return None
        return self.read_export(self.source, key)

    def verify(self, account: Account, pieces: list[PieceObject]) -> Judgement:
        """Download and judge one dossier."""
        files = self.fetch_dossier(self.source, pieces, self.rules.max_file_size_bytes)
        self.files_read += files.downloaded
        return verify(account, pieces, files, self.rules)

    def finish(self, run_id: int, status: RunStatus, error: str | None) -> None:
        """Close the run record with the counts reached."""
        repository.finish_run(
            self.engine, run_id, status=status, dossiers=len(self.accounts),
            verified=self.verified, unchanged=self.unchanged, files_read=self.files_read,
            orphan_dossiers=self.orphans,
            upload_times=self.upload_times.value if self.upload_times else None, error=error)


@flow(name="verify_batch", log_prints=False)
def verify_batch(
    source: str,
    out: str | None = None,
    session_config: str | None = None,
    progress: ProgressHook | None = None,
    database_url: str | None = None,
) -> RunSummary:
    """Verify every new or changed dossier of SOURCE; write every candidate's verdict to OUT.

    session_config and database_url override the settings for this run (an evaluation
    uses a database of its own).
    """
    logger = get_run_logger()
    settings = load_settings()
    rules = load_session_rules(Path(session_config) if session_config
                               else settings.session_config)
    engine = connect(database_url or settings.db_url)
    batch = _Batch(open_source(source, settings), rules, engine, settings.storage_retries,
                   settings.storage_retry_delay_seconds)
    code = code_digest()
    run_id = repository.start_run(
        engine, source=batch.source.uri, session=rules.session, rules_digest=rules.digest,
        code_digest=code, prefect_flow_run_id=str(get_run_context().flow_run.id))

    status, error = RunStatus.FAILED, "erreur interne"
    try:
        with ExitStack() as stack:
            out_file = stack.enter_context(AtomicTextFile(Path(out))) if out else None
            objects = batch.list_source(batch.source)
            accounts_csv = batch.export(objects, ACCOUNTS_KEY)
            if accounts_csv is None:
                nested = sorted({o.key.rsplit("/", 1)[0] for o in objects
                                 if o.key.endswith("/" + ACCOUNTS_KEY)})
                hint = f" (il se trouve dans {batch.source.uri}/{nested[0]} : donner ce " \
                       "chemin)" if nested else ""
                raise AccountsFileError(f"absent de la source {batch.source.uri}{hint}")
            batch.accounts = parse_accounts(accounts_csv, rules.zone)
            uploads_csv = batch.export(objects, UPLOADS_KEY)
            manifest: dict[str, datetime] | None = (
                parse_upload_manifest(uploads_csv, rules.zone) if uploads_csv else None)
            pieces_by_candidate = group_pieces(objects)
            known = {a.candidate_id for a in batch.accounts}
            batch.orphans = sum(1 for cid in pieces_by_candidate if cid not in known)
            batch.upload_times = choose_upload_times(
                [p for ps in pieces_by_candidate.values() for p in ps], manifest, rules.deadline)
            logger.info("%d dossiers, %d objets ; horodatage des dépôts : %s",
                        len(batch.accounts), len(objects), batch.upload_times.value)
            previous = repository.latest_verifications(engine, rules.session)
            progress_bar = ProgressArtifact()

            for index, account in enumerate(batch.accounts, start=1):
                pieces = [with_upload_time(p, batch.upload_times, manifest)
                          for p in pieces_by_candidate.get(account.candidate_id, [])]
                fingerprint = dossier_fingerprint(account, pieces, rules, code)
                latest = previous.get(account.candidate_id)
                if latest is not None and latest.fingerprint == fingerprint:
                    repository.reuse_verification(engine, run_id=run_id, latest=latest)
                    verdict = repository.load_verdict(engine, latest.verification_id)
                    batch.unchanged += 1
                else:
                    judgement = batch.verify(account, pieces)
                    repository.save_verification(
                        engine, run_id=run_id, account=account, fingerprint=fingerprint,
                        pieces=judgement.pieces, verdict=judgement.verdict)
                    verdict = judgement.verdict
                    batch.verified += 1
                if out_file:
                    out_file.write_line(verdict.to_json_line())
                _forget_task_results()
                progress_bar.update(index, len(batch.accounts))
                if progress:
                    progress(Progress(index, len(batch.accounts), batch.verified,
                                      batch.unchanged))
        status, error = RunStatus.SUCCEEDED, None
    except JustifError as exc:
        error = str(exc)
        # The full message is in the run record; the log gets its kind only, since a message
        # may name a file a candidate uploaded.
        logger.error("lot interrompu (%s), voir le lot n° %d en base", type(exc).__name__,
                     run_id)
        raise
    finally:
        batch.finish(run_id, status, error)
    if batch.orphans:
        logger.info("%d dossiers de pièces sans ligne dans accounts.csv", batch.orphans)
    summary = repository.run_summary(engine, run_id, out_path=out)
    publish_results(engine, summary)
    return summary
