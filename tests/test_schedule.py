"""`justif schedule`: a cron deployment served by the command, and what its runs publish."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL

from flows.artifacts import CHANGES_KEY, PROGRESS_KEY, VERDICTS_KEY
from tests.support.staff_site import CANDIDATES, subset_dossiers

JUSTIF = Path(sys.executable).parent / "justif"


def _deployment(client, name: str, server: subprocess.Popen, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return client.read_deployment_by_name(name)
        except Exception:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_the_scheduled_deployment_has_the_cron_and_its_runs_publish_artifacts(tmp_path):
    source = subset_dossiers(tmp_path / "dossiers", candidates=CANDIDATES[2:4])
    database = tmp_path / "scheduled.sqlite3"
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(),
           # The runner looks for runs to start every second instead of every ten.
           "PREFECT_RUNNER_POLL_FREQUENCY": "1",
           "JUSTIF_SCHEDULE_CRON": "15 6 * * 1-5",
           "JUSTIF_DATABASE_URL": f"sqlite:///{database}"}
    server = subprocess.Popen([str(JUSTIF), "schedule", str(source)], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        with get_client(sync_client=True) as client:
            deployment = _deployment(client, "verify_batch/verification-planifiee", server)
            assert [s.schedule.cron for s in deployment.schedules] == ["15 6 * * 1-5"]
            assert deployment.schedules[0].schedule.timezone == "Europe/Paris"
            assert deployment.parameters == {"source": str(source)}

            # _sync: a Playwright browser left open by an earlier test keeps an event loop set
            # on this thread, which would make Prefect hand back a coroutine.
            flow_run = run_deployment(deployment.id, timeout=240, _sync=True)
            assert flow_run.state.is_completed(), flow_run.state
            artifacts = client.read_artifacts(flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=[flow_run.id])))
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    by_key = {artifact.key: artifact for artifact in artifacts}
    assert set(by_key) == {PROGRESS_KEY, VERDICTS_KEY, CHANGES_KEY}, output
    assert by_key[PROGRESS_KEY].data == 100
    table = by_key[VERDICTS_KEY].data
    rows = json.loads(table) if isinstance(table, str) else table
    assert {row["verdict"]: row["dossiers"] for row in rows} == {"incomplet": 1,
                                                                 "à examiner": 1}
    assert "Premier lot sur cette source" in by_key[CHANGES_KEY].data
