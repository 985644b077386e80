"""Time and score printed-zone reading (names, usage name, birth date) on a labelled corpus.

    .venv/bin/python benchmarks/printed_zone.py sample_docs [--limit N]

Reads each identity piece as the pipeline does (MRZ of every file, then the printed zone of
every file guided by the best MRZ) on one core, over the pieces whose names' side was
uploaded, and prints exact surnames, given names (accents and order), usage names and birth
dates, also over the pieces meant to be read (as the MRZ score: not planted too poor to
read), with the median and 90th percentile seconds per identity piece (MRZ included), wall
clock and CPU (`benchmarks.timing`).
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.labelled_corpus import labelled_corpus
from benchmarks.timing import Timings
from evaluation.scoring import piece_zone, same_spelling, shown_printed_fields, unread_by_design
from extractors.extract import read_identity_files
from schemas.labels import DossierLabel
from schemas.printed import PrintedZone


def read_piece(corpus: Path, label: DossierLabel) -> PrintedZone | None:
    """The printed zone the pipeline keeps for the dossier's identity piece."""
    files = [((corpus / "dossiers" / p.path).read_bytes(), p.path) for p in label.pieces
             if p.slot == "identite" and p.kind == "identity" and not p.broken]
    return piece_zone([e.printed for e in read_identity_files(files, max_bytes=50_000_000)
                       if e.printed is not None])


def main() -> None:
    """Read every identity piece whose names were uploaded and print the figures."""
    corpus, limit, labels = labelled_corpus(__doc__, "first N pieces only")
    counts, timings = Counter(), Timings()
    for label in labels.dossiers.values():
        truth = label.identity
        shown = shown_printed_fields(label)
        if truth is None or truth.kind == "driving_licence" or not shown:
            continue
        started = timings.start()
        zone = read_piece(corpus, label)
        timings.stop(started)
        printed = truth.printed
        # Scored as `justif evaluate` scores them.
        exact = {name: zone is not None and same_spelling(getattr(zone, name), printed[name])
                 for name in ("surname", "given_names", "birth_date")}
        counts["pieces"] += 1
        counts.update(name for name, right in exact.items() if right)
        # As the MRZ score counts them: pieces planted too poor to read expect a finding.
        if not unread_by_design(label):
            counts["readable"] += 1
            counts.update(f"readable {name}" for name, right in exact.items() if right)
        if "usage_name" in shown:
            counts["usage_total"] += 1
            counts["usage_name"] += zone is not None and same_spelling(zone.usage_name,
                                                                       shown["usage_name"])
        if limit and counts["pieces"] >= limit:
            break
    total = counts["pieces"]
    print(f"{total} pièces d'identité dont le côté des noms a été déposé")
    for name in ("surname", "given_names", "birth_date"):
        print(f"  {name:12} exact {counts[name]:4}/{total} ({100 * counts[name] / total:.1f} %)")
    readable = counts["readable"]
    print(f"dont {readable} à lire (hors pièces rendues illisibles exprès)")
    for name in ("surname", "given_names", "birth_date"):
        right = counts[f"readable {name}"]
        print(f"  {name:12} exact {right:4}/{readable} ({100 * right / max(readable, 1):.1f} %)")
    if counts["usage_total"]:
        print(f"  usage_name   exact {counts['usage_name']:4}/{counts['usage_total']}")
    print(f"secondes par pièce (MRZ comprise) : {timings.summary()}")


if __name__ == "__main__":
    main()
