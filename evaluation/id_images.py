"""Read the MRZ of outside specimen images and compare with their transcribed truth."""

import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from extractors.extract import extract_file
from schemas.errors import JustifError
from schemas.evaluation import IdImagesReport, ImageOutcome

# Specimens are photos and scans of a few MB; this only guards against a wrong folder.
_MAX_BYTES = 50 * 1024 * 1024


def classify(expected: list[str] | None, read: list[str] | None, valid: bool) -> str:
    """How a read compares with the truth.

    exact, wrong_valid (misread yet check digits pass: the dangerous case), wrong_invalid,
    miss; for images without an MRZ, correct_negative or false_mrz.
    """
    if not expected:
        return "false_mrz" if read else "correct_negative"
    if not read:
        return "miss"
    if read == expected:
        return "exact"
    return "wrong_valid" if valid else "wrong_invalid"


def evaluate_id_images(folder: Path) -> IdImagesReport:
    """Every image listed in FOLDER/expected_mrz.json (paths relative to FOLDER's parent)."""
    manifest = folder / "expected_mrz.json"
    try:
        images = json.loads(manifest.read_text(encoding="utf-8"))["images"]
    except (OSError, ValueError, KeyError) as exc:
        raise JustifError(f"{manifest} illisible ou sans liste « images » "
                          f"({type(exc).__name__})") from None
    outcomes = []
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total_seconds = 0.0
    for entry in images:
        path = folder.parent / entry["file"]
        data = path.read_bytes()[:_MAX_BYTES + 1]
        started = time.perf_counter()
        extraction = extract_file(data, path.name, max_bytes=_MAX_BYTES)
        seconds = time.perf_counter() - started
        total_seconds += seconds
        mrz = extraction.mrz
        read = mrz.lines if mrz is not None else None
        result = classify(entry.get("expected_mrz_lines") or None, read,
                          bool(mrz is not None and mrz.valid))
        fmt = entry.get("format") or "none"
        counts[fmt][result] += 1
        outcomes.append(ImageOutcome(file=entry["file"], format=entry.get("format"),
                                     result=result, read=read, seconds=round(seconds, 3),
                                     expected_valid=entry.get("all_check_digits_ok")))
    valid = [o for o in outcomes if o.expected_valid]
    return IdImagesReport(
        images=len(outcomes),
        by_format={fmt: dict(results) for fmt, results in sorted(counts.items())},
        seconds_per_image=total_seconds / max(len(outcomes), 1), outcomes=outcomes,
        median_seconds=statistics.median(o.seconds for o in outcomes) if outcomes else None,
        valid_mrz_images=len(valid), valid_mrz_exact=sum(o.result == "exact" for o in valid))
