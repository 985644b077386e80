import io
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
from tests.corpus import CHECKED_TODAY, DOSSIERS, FEW, clean, files_of, first, read_lines
from tests.support.tcp_proxy import CuttableProxy

ALL_FILES = sum(len(label.pieces) for label in DOSSIERS.values())
FEW_FILES = sum(len(label.pieces) for label in FEW.values())


def findings_of(line: dict) -> Counter:
    return Counter((f["code"], f["slot"]) for f in line["findings"])


def db() -> Session:
    return Session(create_engine(Settings().db_url))


def upload(samples: Path, uri: str) -> None:
    settings = Settings()
    upload_directory(samples, uri, make_client(settings), settings.s3_endpoint)


def test_every_candidate_gets_a_verdict_in_the_contract_shape_and_none_is_falsely_cleared(
        samples, tmp_path):
    out = tmp_path / "results.jsonl"
    summary = verify_batch(str(samples), out=str(out))
    lines = read_lines(out)
    assert [line["candidate_id"] for line in lines] == list(DOSSIERS)
    for line in lines:
        assert set(line) == {"candidate_id", "verdict", "findings", "identity"}
        for finding in line["findings"]:
            assert set(finding) == {"code", "slot", "severity", "message", "evidence"}
            assert finding["message"]
        label = DOSSIERS[line["candidate_id"]]
        # Nothing with a problem is cleared, even by checks that do not exist yet.
        assert not (line["verdict"] == "ok" and label.verdict != "ok"), line["candidate_id"]
        due = Counter((f.code, f.slot) for f in label.findings)
        if set(code for code, _ in due) <= CHECKED_TODAY:
            given = Counter({k: n for k, n in findings_of(line).items()
                             if k[0] in CHECKED_TODAY})
            assert given == due, line["candidate_id"]
    assert summary.verified == len(DOSSIERS) and summary.unchanged == 0
    assert summary.files_read == ALL_FILES and summary.upload_times == "manifest"


@pytest.mark.s3
def test_a_directory_and_its_s3_copy_get_the_same_verdicts(few_samples, s3_env, tmp_path):
    upload(few_samples, "s3://same-verdicts/session-2026")
    verify_batch(str(few_samples), out=str(tmp_path / "local.jsonl"))
    verify_batch("s3://same-verdicts/session-2026", out=str(tmp_path / "s3.jsonl"))
    assert (tmp_path / "local.jsonl").read_text() == (tmp_path / "s3.jsonl").read_text()


@pytest.mark.s3
def test_rerun_does_no_document_work_and_changes_reverify_only_their_dossier(
        few_samples, s3_env, s3_client, tmp_path):
    uri = "s3://incremental/session-2026"
    upload(few_samples, uri)
    out = tmp_path / "r.jsonl"
    first_run = verify_batch(uri, out=str(out))
    assert (first_run.verified, first_run.files_read) == (len(FEW), FEW_FILES)
    first_lines = out.read_text()

    again = verify_batch(uri, out=str(out))
    assert (again.verified, again.unchanged, again.files_read) == (0, len(FEW), 0)
    assert out.read_text() == first_lines

    # The candidate replaces a piece: a truncated photo where a whole one was.
    target = first(lambda label: clean(label) and label.pieces[0].capture == "photo", among=FEW)
    key = f"session-2026/{files_of(target)[0]}"
    whole = s3_client.get_object("incremental", key).read()
    s3_client.put_object("incremental", key, io.BytesIO(whole[:5000]), 5000)
    changed = verify_batch(uri, out=str(out))
    assert (changed.verified, changed.unchanged) == (1, len(FEW) - 1)
    assert changed.files_read == len(files_of(target))
    line = next(li for li in read_lines(out) if li["candidate_id"] == target)
    assert line["verdict"] == "incomplete"
    assert findings_of(line)[("FILE_UNREADABLE", "identite")] == 1

    # The platform exports a new accounts.csv where one candidate moved to Paris.
    mover = first(lambda label: clean(label) and label is not FEW[target], among=FEW)
    rows = (few_samples / "accounts.csv").read_text().splitlines()
    for i, row in enumerate(rows):
        if row.startswith(mover):
            cells = row.split(",")
            postal = next(j for j, cell in enumerate(cells) if cell.isdigit() and len(cell) == 5)
            cells[postal], cells[postal + 1] = "75001", "Paris"
            rows[i] = ",".join(cells)
    accounts = ("\n".join(rows) + "\n").encode()
    s3_client.put_object("incremental", "session-2026/accounts.csv", io.BytesIO(accounts),
                         len(accounts))
    moved = verify_batch(uri, out=str(out))
    assert (moved.verified, moved.files_read) == (1, len(files_of(mover)))
    line = next(li for li in read_lines(out) if li["candidate_id"] == mover)
    assert ("RESIDENCE_OUT_OF_AREA", None) in findings_of(line)

    # A new rules file (the office raises the size limit): every dossier is judged again.
    rules = tmp_path / "session.yaml"
    rules.write_text(BUNDLED_SESSION.read_text().replace("max_file_size_mb: 20",
                                                         "max_file_size_mb: 25"))
    rejudged = verify_batch(uri, out=str(out), session_config=str(rules))
    assert rejudged.verified == len(FEW)

    # History is kept: the changed dossier's first verdict is still there.
    with db() as session:
        verdicts = session.scalars(
            select(Verification.verdict)
            .where(Verification.dossier.has(candidate_id=target))
            .order_by(Verification.id)).all()
        first_verdict = next(json.loads(li)["verdict"] for li in first_lines.splitlines()
                             if json.loads(li)["candidate_id"] == target)
        assert first_verdict in ("ok", "review")  # a clean dossier, cleared or for a person
        assert verdicts == [first_verdict, "incomplete", "incomplete"]
        assert session.scalar(select(func.count()).select_from(Run)) == 5


def test_a_broken_file_is_a_finding_and_the_batch_goes_on(few_samples, tmp_path):
    target = next(iter(FEW))
    broken = few_samples / f"pieces/{target}/autre/scan.heic"
    broken.parent.mkdir(exist_ok=True)
    broken.write_bytes(b"\x00\x00\x00\x18ftypheic" + os.urandom(2000))
    out = tmp_path / "r.jsonl"
    summary = verify_batch(str(few_samples), out=str(out))
    lines = read_lines(out)
    assert len(lines) == len(FEW) and summary.status == "succeeded"
    assert findings_of(lines[0])[("FILE_UNREADABLE", "autre")] == 1
    with db() as session:
        outcome = session.scalar(select(Piece.outcome).where(Piece.filename == "scan.heic"))
        assert outcome == "unreadable"


def test_files_over_the_size_limit_are_refused_without_being_read(few_samples, tmp_path):
    rules = tmp_path / "session.yaml"
    # 0.3 MB: the PNG captures are over it, the photos, scans and digital PDFs under it.
    rules.write_text(BUNDLED_SESSION.read_text().replace("max_file_size_mb: 20",
                                                         "max_file_size_mb: 0.3"))
    out = tmp_path / "r.jsonl"
    summary = verify_batch(str(few_samples), out=str(out), session_config=str(rules))
    big = [p for p in few_samples.rglob("pieces/*/*/*") if p.stat().st_size > 0.3 * 1048576]
    assert big
    assert summary.files_read == FEW_FILES - len(big)
    # A routed dossier's files are counted but not judged here.
    routed = {cid for cid, label in FEW.items()
              if any(f.code == "ROUTED_OTHER_ACADEMY" for f in label.findings)}
    too_large = [f for line in read_lines(out) for f in line["findings"]
                 if f["evidence"].get("problem") == "too_large"]
    assert len(too_large) == len([p for p in big if p.parts[-3] not in routed])


def test_upload_times_from_storage_unless_the_source_was_copied_after_the_deadline(
        few_samples, tmp_path):
    (few_samples / "uploads.csv").unlink()
    out = tmp_path / "r.jsonl"
    copied = verify_batch(str(few_samples), out=str(out))
    assert copied.upload_times == "unknown"
    assert "LATE_UPLOAD" not in out.read_text()

    before = datetime(2025, 11, 10, 12).timestamp()
    after = datetime(2025, 11, 25, 12).timestamp()
    for path in few_samples.rglob("*"):
        if path.is_file():
            os.utime(path, (before, before))
    target = first(clean, among=FEW)
    late = few_samples / files_of(target)[-1]
    os.utime(late, (after, after))
    dated = verify_batch(str(few_samples), out=str(out))
    assert dated.upload_times == "storage"
    lates = [(line["candidate_id"], f["evidence"]["file"]) for line in read_lines(out)
             for f in line["findings"] if f["code"] == "LATE_UPLOAD"]
    assert lates == [(target, late.name)]


@pytest.mark.s3
def test_a_storage_outage_mid_batch_fails_cleanly_and_a_rerun_finishes(
        few_samples, s3_env, tmp_path, monkeypatch):
    uri = "s3://outage/session-2026"
    upload(few_samples, uri)
    port = int(s3_env.endpoint.rsplit(":", 1)[1])
    first_dossier = next(iter(FEW))
    # The first dossier's downloads go through, and one more; then the network goes dark.
    proxy = CuttableProxy(port, marker=b"GET /outage/session-2026/pieces/",
                          cut_after=len(files_of(first_dossier)) + 1)
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
        assert [len(v.pieces) for v in recorded] == [len(files_of(first_dossier))]

    monkeypatch.setenv("JUSTIF_S3_ENDPOINT", s3_env.endpoint)
    resumed = verify_batch(uri, out=str(out))
    assert (resumed.status, resumed.verified, resumed.unchanged) == (
        "succeeded", len(FEW) - 1, 1)
    assert len(read_lines(out)) == len(FEW)


@pytest.mark.s3
def test_wrong_keys_are_refused_before_anything_is_recorded(s3_env, monkeypatch, tmp_path):
    monkeypatch.setenv("JUSTIF_S3_SECRET_KEY", "not-the-right-secret-key")
    with pytest.raises(StorageAuthError):
        verify_batch("s3://whatever/prefix", out=str(tmp_path / "r.jsonl"))
    assert not (tmp_path / "r.jsonl").exists()
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Run)) == 0


def test_orphan_pieces_and_files_outside_the_slots(few_samples, tmp_path):
    orphan = few_samples / "pieces/02699999999/identite/cni.jpg"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes((few_samples / files_of(first(clean, among=FEW))[0]).read_bytes())
    target = next(iter(FEW))
    stray = few_samples / f"pieces/{target}/divers/note.pdf"
    stray.parent.mkdir()
    stray.write_bytes((few_samples / files_of(target)[-1]).read_bytes())
    out = tmp_path / "r.jsonl"
    summary = verify_batch(str(few_samples), out=str(out))
    assert summary.orphan_dossiers == 1 and len(read_lines(out)) == len(FEW)
    assert findings_of(read_lines(out)[0])[("PIECE_UNKNOWN_SLOT", "divers")] == 1
