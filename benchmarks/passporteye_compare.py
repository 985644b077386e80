"""Read the outside specimens with PassportEye, to compare with `justif evaluate --id-images`.

Run with a separate environment's Python (PassportEye is not a justif dependency):
    python3 -m venv /tmp/pe && /tmp/pe/bin/pip install passporteye
    /tmp/pe/bin/python benchmarks/passporteye_compare.py ../shared/eval/id_images
Prints, per format, the same counts as justif's report: exact, wrong but valid, wrong and
invalid, missed, and for images without an MRZ whether one was invented. PassportEye
corrects fields, not lines, so a reading is exact here when its document number, dates,
nationality and names equal the expected ones (`fields_positional_parse`).
"""

import json
import sys
import time
from collections import defaultdict
from pathlib import Path


def _clean(value: object) -> str:
    return " ".join(str(value or "").replace("<", " ").split())


def same_fields(read: dict, expected: dict) -> bool:
    """PassportEye's corrected fields against the expected positional parse."""
    pairs = (("number", "document_number"), ("date_of_birth", "birth_date"),
             ("expiration_date", "expiry_date"), ("nationality", "nationality"),
             ("surname", "surname"), ("names", "given_names"))
    return all(_clean(read.get(mine)) == _clean(expected.get(theirs))
               for mine, theirs in pairs if theirs in expected)


def main() -> None:
    """Read every listed image and print the counts."""
    from passporteye import read_mrz

    folder = Path(sys.argv[1])
    images = json.loads((folder / "expected_mrz.json").read_text())["images"]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seconds = []
    for entry in images:
        started = time.perf_counter()
        try:
            mrz = read_mrz(str(folder.parent / entry["file"]))
        except Exception:  # PassportEye raises on some images; that is a miss
            mrz = None
        seconds.append(time.perf_counter() - started)
        expected = entry.get("expected_mrz_lines") or None
        if not expected:
            result = "false_mrz" if mrz is not None else "correct_negative"
        elif mrz is None:
            result = "miss"
        elif same_fields(mrz.to_dict(), entry.get("fields_positional_parse", {})):
            result = "exact"
        else:
            result = "wrong_valid" if mrz.valid else "wrong_invalid"
        counts[entry.get("format") or "none"][result] += 1
    columns = ("exact", "wrong_valid", "wrong_invalid", "miss", "correct_negative",
               "false_mrz")
    print(f"{'format':<14}" + "".join(f"{c:>18}" for c in columns))
    for fmt, found in sorted(counts.items()):
        print(f"{fmt:<14}" + "".join(f"{found.get(c, 0):>18}" for c in columns))
    seconds.sort()
    print(f"images {len(images)}, median {seconds[len(seconds) // 2]:.2f} s, "
          f"mean {sum(seconds) / len(seconds):.2f} s, max {seconds[-1]:.2f} s")


if __name__ == "__main__":
    main()
