from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dossiers.fingerprint import code_digest, dossier_fingerprint
from dossiers.grouping import group_pieces
from dossiers.layout import piece_of
from dossiers.uploads import (
    UploadTimes,
    choose_upload_times,
    parse_upload_manifest,
    with_upload_time,
)
from schemas.errors import SourceError
from schemas.storage import StoredObject
from tests.factories import RULES, account

EARLY = datetime(2025, 11, 1, tzinfo=UTC)


def obj(key: str, version: str = "v1", stored_at: datetime = EARLY) -> StoredObject:
    return StoredObject(key=key, size=10, version=version, stored_at=stored_at)


def test_piece_paths_split_into_candidate_slot_and_file():
    piece = piece_of(obj("pieces/026/identite/scan recto.jpg"))
    assert (piece.candidate_id, piece.slot, piece.filename) == ("026", "identite",
                                                                "scan recto.jpg")
    assert piece_of(obj("pieces/026/identite/sub/x.jpg")).filename == "sub/x.jpg"
    assert piece_of(obj("pieces/026/x.jpg")).slot == ""
    assert piece_of(obj("accounts.csv")) is None
    assert piece_of(obj("pieces/026/identite/.DS_Store")) is None


def test_grouping_orders_pieces_by_contract_slot():
    grouped = group_pieces([obj("pieces/1/recapitulatif/a.pdf"), obj("pieces/1/autre/z.pdf"),
                            obj("pieces/1/identite/b.jpg"), obj("pieces/1/zz/c.pdf"),
                            obj("pieces/2/identite/d.jpg")])
    assert [p.slot for p in grouped["1"]] == ["identite", "recapitulatif", "autre", "zz"]
    assert set(grouped) == {"1", "2"}


def test_upload_times_come_from_the_manifest_then_storage_then_nowhere():
    paris = ZoneInfo("Europe/Paris")
    manifest = parse_upload_manifest(
        b"path,uploaded_at\npieces/1/identite/a.jpg,2025-11-20T08:00:00\n", paris)
    piece = piece_of(obj("pieces/1/identite/a.jpg"))
    other = piece_of(obj("pieces/1/recapitulatif/b.pdf"))
    mode = choose_upload_times([piece, other], manifest, RULES.deadline)
    assert mode is UploadTimes.MANIFEST
    assert with_upload_time(piece, mode, manifest).uploaded_at == datetime(
        2025, 11, 20, 8, tzinfo=paris)
    assert with_upload_time(other, mode, manifest).uploaded_at is None

    assert choose_upload_times([piece], None, RULES.deadline) is UploadTimes.STORAGE
    long_after = RULES.deadline + timedelta(days=300)
    copied = piece_of(obj("pieces/1/identite/a.jpg", stored_at=long_after))
    mode = choose_upload_times([copied], None, RULES.deadline)
    assert mode is UploadTimes.UNKNOWN
    assert with_upload_time(copied, mode, None).uploaded_at is None


def test_a_malformed_manifest_is_refused():
    with pytest.raises(SourceError):
        parse_upload_manifest(b"file,time\n", ZoneInfo("Europe/Paris"))
    with pytest.raises(SourceError, match="ligne 2"):
        parse_upload_manifest(b"path,uploaded_at\nx,hier\n", ZoneInfo("Europe/Paris"))


def test_fingerprint_changes_with_row_file_version_rules_or_code_only():
    acc = account()
    pieces = [piece_of(obj("pieces/1/identite/a.jpg"))]
    base = dossier_fingerprint(acc, pieces, RULES, "code")
    assert base == dossier_fingerprint(acc, list(reversed(pieces)), RULES, "code")
    assert base != dossier_fingerprint(acc.model_copy(update={"row_digest": "x"}), pieces,
                                       RULES, "code")
    assert base != dossier_fingerprint(acc, [piece_of(obj("pieces/1/identite/a.jpg", "v2"))],
                                       RULES, "code")
    assert base != dossier_fingerprint(acc, [], RULES, "code")
    assert base != dossier_fingerprint(acc, pieces, RULES.model_copy(update={"digest": "r2"}),
                                       "code")
    assert base != dossier_fingerprint(acc, pieces, RULES, "code2")


def test_code_digest_is_stable_within_a_process():
    assert code_digest() == code_digest() and len(code_digest()) == 64
