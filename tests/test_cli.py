import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage.local_server import free_port
from tests.corpus import DOSSIERS, FEW

JUSTIF = Path(sys.executable).parent / "justif"


def justif(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    from prefect.settings import PREFECT_API_URL

    # Report to the session's Prefect server instead of starting a temporary one per call.
    full_env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), **(env or {})}
    return subprocess.run([str(JUSTIF), *args], capture_output=True, text=True, env=full_env,
                          timeout=300)


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Erreur :"), result.stderr
    for word in words:
        assert word in lines[0]


def verify_batch_runs_on_the_prefect_server() -> list:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    with get_client(sync_client=True) as client:
        return client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["verify_batch"])), limit=200)


def test_verify_writes_one_line_per_candidate_and_prints_the_summary(few_samples, tmp_path):
    out = tmp_path / "results.jsonl"
    before = {run.id for run in verify_batch_runs_on_the_prefect_server()}
    result = justif("verify", str(few_samples), "--out", str(out))
    # With PREFECT_API_URL set, the run is reported to that server: one flow run per batch.
    new_runs = [run for run in verify_batch_runs_on_the_prefect_server() if run.id not in before]
    assert [run.state_type.value for run in new_runs] == ["COMPLETED"]
    assert result.returncode == 0, result.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == len(FEW) and all(json.loads(line)["verdict"] for line in lines)
    assert "incomplete : le candidat doit agir" in result.stdout
    assert "FILE_UNREADABLE" in result.stdout and str(out) in result.stdout


def test_missing_source_is_one_clear_line(tmp_path):
    assert_one_line_error(justif("verify", str(tmp_path / "nowhere")), "introuvable")


def test_malformed_accounts_names_line_and_column(samples):
    path = samples / "accounts.csv"
    rows = path.read_text().splitlines()
    cells = rows[1].split(",")
    born = next(i for i, cell in enumerate(cells) if len(cell) == 10 and cell[4] == "-")
    cells[born] = "/".join(reversed(cells[born].split("-")))
    rows[1] = ",".join(cells)
    path.write_text("\n".join(rows) + "\n")
    assert_one_line_error(justif("verify", str(samples)), "ligne 2", "birth_date")


@pytest.mark.s3
def test_bad_credentials_and_unreachable_storage_are_one_clear_line(s3_env):
    bad = justif("verify", "s3://any/prefix", env={"JUSTIF_S3_SECRET_KEY": "wrong-secret-key"})
    assert_one_line_error(bad, "identifiants refusés", "JUSTIF_S3_SECRET_KEY")
    down = justif("verify", "s3://any/prefix",
                  env={"JUSTIF_S3_ENDPOINT": f"127.0.0.1:{free_port()}"})
    assert_one_line_error(down, "injoignable")


def test_extract_prints_the_contract_keys(samples):
    recap = next(p for label in DOSSIERS.values() for p in label.pieces
                 if p.kind == "recap" and p.capture == "digital" and not p.broken)
    result = justif("extract", str(samples / recap.path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("file", "document_type", "mrz", "printed", "quality", "signature"):
        assert key in data
    assert data["readable"] is True and data["format"] == "pdf"
    assert data["document_type"] == "recapitulatif" and data["mrz"] is None
    assert data["signature"]["present"] is (recap.signing in ("in_box", "overflow"))
    assert 0 <= data["signature"]["confidence"] <= 100
    assert data["recap"]["candidate_id"] == recap.path.split("/")[1]
    missing = justif("extract", "absent.pdf")
    assert_one_line_error(missing, "introuvable")
