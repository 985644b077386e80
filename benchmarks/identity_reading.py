"""Time and score MRZ reading on the identity pieces of a labelled corpus, one core.

    .venv/bin/python benchmarks/identity_reading.py sample_docs [--engine ocrb|tesseract]

Prints exact reads (all lines equal to the truth; also over the pieces meant to be read,
not planted missing, broken or unreadable), wrong reads reported valid, exact reads not
reported valid, and the median, 90th percentile and maximum seconds per identity piece (all
its files), wall clock and CPU. `--misses` lists the pieces not read exactly.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.timing import Timings
from evaluation.scoring import unread_by_design
from extractors.filetype import sniff_format
from extractors.mrz.reader import ENGINES, read_mrz
from extractors.pages import page_images
from schemas.labels import LabelFile


def main() -> None:
    """Read every identity piece of the corpus and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path, help="folder with dossiers/ and labels.json")
    parser.add_argument("--engine", choices=ENGINES, default="ocrb")
    parser.add_argument("--misses", action="store_true",
                        help="list each piece not read exactly: capture, truth and reading")
    options = parser.parse_args()
    labels = LabelFile.model_validate_json((options.corpus / "labels.json").read_bytes())
    read_mrz([], options.engine)  # builds the OCR-B templates once, outside the timings
    total = exact = wrong_valid = exact_untrusted = meant = meant_exact = 0
    timings = Timings()
    for label in labels.dossiers.values():
        truth = label.identity
        if truth is None or truth.mrz is None:
            continue
        paths = [p.path for p in label.pieces if p.kind == "identity" and not p.broken]
        if not paths:
            continue  # the identity files were planted broken: nothing to read
        started = timings.start()
        best = None
        for path in paths:
            data = (options.corpus / "dossiers" / path).read_bytes()
            reading = read_mrz(page_images(data, sniff_format(data[:1024])), options.engine)
            if reading is not None and (best is None or reading.valid > best.valid):
                best = reading
            if best is not None and best.valid:
                break
        timings.stop(started)
        total += 1
        exact += best is not None and best.lines == truth.mrz
        wrong_valid += best is not None and best.valid and best.lines != truth.mrz
        exact_untrusted += best is not None and not best.valid and best.lines == truth.mrz
        if not unread_by_design(label):  # broken files and photos planted too dark left out
            meant += 1
            meant_exact += best is not None and best.lines == truth.mrz
        if options.misses and (best is None or best.lines != truth.mrz):
            captures = ",".join(p.capture for p in label.pieces if p.path in paths)
            print(f"{paths[0]} [{truth.kind}; {captures}] "
                  f"{'valid' if best and best.valid else 'invalid' if best else 'none'}")
            print(f"  truth {truth.mrz}\n  read  {best.lines if best else None}")
    print(f"engine {options.engine}: {exact}/{total} exact ({100 * exact / total:.1f} %), "
          f"{meant_exact}/{meant} of the pieces meant to be read; "
          f"{wrong_valid} wrong read(s) reported valid, {exact_untrusted} exact but not "
          f"reported valid; seconds per identity piece: {timings.summary()}")


if __name__ == "__main__":
    main()
