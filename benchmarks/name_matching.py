"""Civil-status matching on the labelled pairs: codes, false matches, and the typo threshold sweep.

    .venv/bin/python benchmarks/name_matching.py [tests/data/civil_status_pairs.csv]

Prints, with the printed zone and with the MRZ alone: false matches (a different person with
nothing to review), same-person pairs given exactly the expected codes, precision and recall
per code; then how often a mismatch is called a typo for each typo threshold.
"""

import sys
import time
from collections import Counter
from pathlib import Path

import checks.names.compare as compare
from evaluation.name_pairs import score_pairs
from samplegen.name_pairs import NamePair, read_pairs
from schemas.evaluation import PairsReport

# Different-person pairs whose names are one or two letters apart: a typo-like mismatch is
# the truth for them, so they are left out of the threshold's false-typo count.
CLOSE_KINDS = {"one_letter_surname", "twin_close_given_name", "longer_surname"}


def print_report(report: PairsReport, seconds: float) -> None:
    """One source setting's figures."""
    print(f"\n== sources : {report.sources} — {report.pairs} paires "
          f"({report.same} même personne, {report.different} personnes différentes)")
    print(f"faux appariements (autre personne sans rien à revoir) : {len(report.false_matches)}"
          f" {report.false_matches or ''}")
    print(f"même personne, codes exacts : {report.same_right}/{report.same} "
          f"({100 * report.same_right / report.same:.1f} %)")
    for code in report.codes:
        precision = f"{100 * code.precision:.1f} %" if code.precision is not None else "—"
        recall = f"{100 * code.recall:.1f} %" if code.recall is not None else "—"
        print(f"  {code.code:22} attendus {code.expected:4} donnés {code.found:4} "
              f"précision {precision:>8} rappel {recall:>8}")
    wrong = Counter(o.kind for o in report.outcomes if o.relation == "same" and not o.right)
    if wrong:
        print("  écarts par sorte :", dict(wrong))
    print(f"  {1000 * seconds / report.pairs:.2f} ms par paire")


def typo_sweep(pairs: list[NamePair]) -> None:
    """Planted typos called typos, and other people called typos, for each threshold."""
    print("\n== seuil « faute de frappe » (message seulement ; ne rend jamais deux noms égaux)")
    print("max_edits score_min  fautes_reconnues  autres_appelées_faute")
    for edits in (1, 2, 3):
        for minimum in (60.0, 67.0, 75.0, 80.0, 85.0):
            compare.TYPO_MAX_EDITS, compare.TYPO_MIN_SCORE = edits, minimum
            report = score_pairs(pairs)
            typos = [o for o in report.outcomes if o.kind in ("surname_typo", "given_name_typo")]
            found = sum("typo" in o.differences for o in typos)
            others = [o for o in report.outcomes
                      if o.relation == "different" and o.kind not in CLOSE_KINDS]
            wrong = sum("typo" in o.differences for o in others)
            print(f"{edits:9} {minimum:9.0f}  {found:4}/{len(typos):<4}        "
                  f"{wrong:4}/{len(others)}")


def main() -> None:
    """Both reports and the sweep."""
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/civil_status_pairs.csv")
    pairs = read_pairs(path)
    for with_printed in (True, False):
        start = time.perf_counter()
        report = score_pairs(pairs, with_printed=with_printed)
        print_report(report, time.perf_counter() - start)
    chosen = compare.TYPO_MAX_EDITS, compare.TYPO_MIN_SCORE
    typo_sweep(pairs)
    print(f"\nseuil retenu : {chosen[0]} modifications, score ≥ {chosen[1]:.0f}")


if __name__ == "__main__":
    main()
