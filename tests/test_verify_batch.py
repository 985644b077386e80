import json
import os
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from database.models import Piece, Run, Verification
from flows.verify_batch import verify_batch
from schemas.errors import StorageAuthError, StorageUnavailable
from settings.app import BUNDLED_SESSION, Settings
from storage.s3 import make_client
from storage.upload import upload_directory
from tests.conftest import LABELS
from tests.support.tcp_proxy import CuttableProxy

LABELLED = json.loads(LABELS.read_text())
PIECE_COUNTS = {"02600000001": 3, "02600000002": 3}


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def findings_of(line: dict) -> Counter:
    return Counter((f["code"], f["slot"]) for f in line["findings"])


def db() -> Session:
    return Session(create_engine(Settings().db_url))


def upload(samples: Path, uri: str) -> None:
    settings = Settings()
    upload_directory(samples, uri, make_client(settings), settings.s3_endpoint)


def test_every_candidate_gets_the_labelled_verdict_in_the_contract_shape(samples, tmp_path):
    out = tmp_path / "results.jsonl"
    summary = verify_batch(str(samples), out=str(out))
    lines = read_lines(out)
    assert [line["candidate_id"] for line in lines] == list(LABELLED)
    for line in lines:
        assert set(line) == {"candidate_id", "verdict", "findings", "identity"}
        for finding in line["findings"]:
            assert set(finding) == {"code", "slot", "severity", "message", "evidence"}
            assert finding["message"]
        label = LABELLED[line["candidate_id"]]
        assert line["verdict"] == label["verdict"], line["candidate_id"]
        assert findings_of(line) == Counter((f["code"], f["slot"]) for f in label["findings"])
    assert summary.verified == 10 and summary.unchanged == 0
    assert summary.orphan_dossiers == 1 and summary.upload_times == "manifest"
    assert summary.verdicts == dict(Counter(label["verdict"] for label in LABELLED.values()))


@pytest.mark.s3
def test_a_directory_and_its_s3_copy_get_the_same_verdicts(samples, s3_env, tmp_path):
    upload(samples, "s3://same-verdicts/session-2026")
    verify_batch(str(samples), out=str(tmp_path / "local.jsonl"))
    verify_batch("s3://same-verdicts/session-2026", out=str(tmp_path / "s3.jsonl"))
    assert (tmp_path / "local.jsonl").read_text() == (tmp_path / "s3.jsonl").read_text()


@pytest.mark.s3
def test_rerun_does_no_document_work_and_changes_reverify_only_their_dossier(
        samples, s3_env, s3_client, tmp_path):
    uri = "s3://incremental/session-2026"
    upload(samples, uri)
    out = tmp_path / "r.jsonl"
    first = verify_batch(uri, out=str(out))
    assert (first.verified, first.files_read) == (10, 29)
    first_lines = out.read_text()

    again = verify_batch(uri, out=str(out))
    assert (again.verified, again.unchanged, again.files_read) == (0, 10, 0)
    assert out.read_text() == first_lines

    # The candidate replaces a piece: a truncated photo where a whole one was.
    key = "session-2026/pieces/02600000001/identite/cni_recto.jpg"
    whole = s3_client.get_object("incremental", key).read()
    s3_client.put_object("incremental", key, __import__("io").BytesIO(whole[:5000]), 5000)
    changed = verify_batch(uri, out=str(out))
    assert (changed.verified, changed.unchanged) == (1, 9)
    assert changed.files_read == PIECE_COUNTS["02600000001"]
    line = read_lines(out)[0]
    assert line["verdict"] == "incomplete"
    assert findings_of(line) == Counter({("FILE_UNREADABLE", "identite"): 1})

    # The platform exports a new accounts.csv where one candidate moved to Paris.
    accounts = (samples / "accounts.csv").read_text().replace(",49100,Angers,", ",75001,Paris,")
    s3_client.put_object("incremental", "session-2026/accounts.csv",
                         __import__("io").BytesIO(accounts.encode()), len(accounts.encode()))
    moved = verify_batch(uri, out=str(out))
    assert (moved.verified, moved.files_read) == (1, PIECE_COUNTS["02600000002"])
    assert ("RESIDENCE_OUT_OF_AREA", None) in findings_of(read_lines(out)[1])

    # A new rules file (the office raises the size limit): every dossier is judged again.
    rules = tmp_path / "session.yaml"
    rules.write_text(BUNDLED_SESSION.read_text().replace("max_file_size_mb: 20",
                                                         "max_file_size_mb: 25"))
    rejudged = verify_batch(uri, out=str(out), session_config=str(rules))
    assert rejudged.verified == 10

    # History is kept: the first verdict of the changed dossier is still there.
    with db() as session:
        verdicts = session.scalars(
            select(Verification.verdict).join(Verification.dossier)
            .where(Verification.dossier.has(candidate_id="02600000001"))
            .order_by(Verification.id)).all()
        assert verdicts == ["ok", "incomplete", "incomplete"]
        assert session.scalar(select(func.count()).select_from(Run)) == 5


def test_a_broken_file_is_a_finding_and_the_batch_goes_on(samples, tmp_path):
    broken = samples / "pieces/02600000001/autre/scan.heic"
    broken.parent.mkdir()
    broken.write_bytes(b"\x00\x00\x00\x18ftypheic" + os.urandom(2000))
    out = tmp_path / "r.jsonl"
    summary = verify_batch(str(samples), out=str(out))
    lines = read_lines(out)
    assert len(lines) == 10 and summary.status == "succeeded"
    assert findings_of(lines[0]) == Counter({("FILE_UNREADABLE", "autre"): 1})
    with db() as session:
        outcome = session.scalar(select(Piece.outcome).where(Piece.filename == "scan.heic"))
        assert outcome == "unreadable"


def test_files_over_the_size_limit_are_refused_without_being_read(samples, tmp_path):
    rules = tmp_path / "session.yaml"
    # 0.06 MB: the ID photos (about 100 KB) are over it, the PDFs (a few KB) under it.
    rules.write_text(BUNDLED_SESSION.read_text().replace("max_file_size_mb: 20",
                                                         "max_file_size_mb: 0.06"))
    out = tmp_path / "r.jsonl"
    summary = verify_batch(str(samples), out=str(out), session_config=str(rules))
    big = [p for p in samples.rglob("pieces/*/*/*")
           if p.stat().st_size > 0.06 * 1048576 and p.parts[-3] in LABELLED]
    assert big
    assert summary.files_read == 29 - len(big)
    too_large = [f for line in read_lines(out) for f in line["findings"]
                 if f["evidence"].get("problem") == "too_large"]
    # A routed dossier's files are read but not judged here.
    routed = {cid for cid, label in LABELLED.items()
              if any(f["code"] == "ROUTED_OTHER_ACADEMY" for f in label["findings"])}
    assert len(too_large) == len([p for p in big if p.parts[-3] not in routed])


def test_upload_times_from_storage_unless_the_source_was_copied_after_the_deadline(
        samples, tmp_path):
    (samples / "uploads.csv").unlink()
    out = tmp_path / "r.jsonl"
    copied = verify_batch(str(samples), out=str(out))
    assert copied.upload_times == "unknown"
    assert "LATE_UPLOAD" not in out.read_text()

    before = datetime(2025, 11, 10, 12).timestamp()
    after = datetime(2025, 11, 25, 12).timestamp()
    for path in samples.rglob("*"):
        if path.is_file():
            os.utime(path, (before, before))
    late = samples / "pieces/02600000004/experience/attestation_cned.pdf"
    os.utime(late, (after, after))
    dated = verify_batch(str(samples), out=str(out))
    assert dated.upload_times == "storage"
    lates = [(line["candidate_id"], f["slot"]) for line in read_lines(out)
             for f in line["findings"] if f["code"] == "LATE_UPLOAD"]
    assert lates == [("02600000004", "experience")]


@pytest.mark.s3
def test_a_storage_outage_mid_batch_fails_cleanly_and_a_rerun_finishes(
        samples, s3_env, tmp_path, monkeypatch):
    uri = "s3://outage/session-2026"
    upload(samples, uri)
    port = int(s3_env.endpoint.rsplit(":", 1)[1])
    # Five piece downloads go through, then the network to the storage goes dark.
    proxy = CuttableProxy(port, marker=b"GET /outage/session-2026/pieces/", cut_after=5)
    monkeypatch.setenv("JUSTIF_S3_ENDPOINT", f"127.0.0.1:{proxy.port}")
    out = tmp_path / "results.jsonl"
    out.write_text("previous results\n")

    with pytest.raises(StorageUnavailable, match="injoignable"):
        verify_batch(uri, out=str(out))
    assert proxy.cut.is_set()
    assert out.read_text() == "previous results\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".results")] == []

    with db() as session:
        run = session.scalars(select(Run)).one()
        assert run.status == "failed" and "injoignable" in run.error
        recorded = session.scalars(select(Verification)).all()
        # Only whole dossiers were recorded, each with every one of its pieces.
        assert [len(v.pieces) for v in recorded] == [PIECE_COUNTS["02600000001"]]

    monkeypatch.setenv("JUSTIF_S3_ENDPOINT", s3_env.endpoint)
    resumed = verify_batch(uri, out=str(out))
    assert (resumed.status, resumed.verified, resumed.unchanged) == ("succeeded", 9, 1)
    assert len(read_lines(out)) == 10


@pytest.mark.s3
def test_wrong_keys_are_refused_before_anything_is_recorded(s3_env, monkeypatch, tmp_path):
    monkeypatch.setenv("JUSTIF_S3_SECRET_KEY", "not-the-right-secret-key")
    with pytest.raises(StorageAuthError):
        verify_batch("s3://whatever/prefix", out=str(tmp_path / "r.jsonl"))
    assert not (tmp_path / "r.jsonl").exists()
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Run)) == 0
