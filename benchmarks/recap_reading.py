"""Time and score the reading of récapitulatifs and other pieces on a labelled corpus.

    .venv/bin/python benchmarks/recap_reading.py sample_docs [--limit N]

Reads every readable file outside the identity slot as the pipeline does (MRZ, then the
pages' text: text layer or OCR), on one core, and prints:
- signatures: récapitulatifs judged signed / unsigned against how the generator signed them,
  by capture (digital PDF, scan, photo);
- récapitulatif fields equal to the account's (candidate number, birth name, given names,
  birth date, specialty code, options) where the generator printed the account's values,
  and how many of those récapitulatifs the checks confirm without a person;
- piece kinds: each file's kind from its text against the kind the generator made;
- the median and 90th percentile seconds per récapitulatif and per other piece, wall clock
  and CPU (`benchmarks.timing`).
"""

import sys
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.labelled_corpus import labelled_corpus
from benchmarks.timing import Timings
from checks.recap import is_this_candidates, options_same, specialty_same
from dossiers.accounts_csv import parse_accounts
from extractors.extract import read_piece_file
from schemas.account import Account
from schemas.labels import PieceTruth
from schemas.recap import RecapContent

# The generator's piece kinds and the kinds justif names (extractors.piece_kind).
KIND_NAMES = {"recap": "recapitulatif", "jdc": "jdc", "releve": "releve_notes",
              "scolarite": "certificat_scolarite", "travail": "certificat_travail",
              "amenagement": "amenagement", "cv": "cv"}
SIGNED = {"in_box", "overflow"}
# Problems for which the generator prints something else than the account on the récapitulatif.
_ALTERED = {"recap_other_candidate", "recap_outdated"}


def field_matches(recap: RecapContent, account: Account) -> dict[str, bool]:
    """Which récapitulatif fields equal the account's."""
    return {
        "candidate_id": recap.candidate_id == account.candidate_id,
        "birth_name": (recap.birth_name or "").upper() == account.birth_name.upper(),
        "given_names": [g.casefold() for g in recap.given_names]
        == [g.casefold() for g in account.given_names],
        "birth_date": recap.birth_date == account.birth_date,
        "specialty_code": recap.specialty_code == account.specialty_code,
        "options": recap.options is not None
        and sorted(recap.options) == sorted(account.options),
    }


def main() -> None:
    """Read every labelled piece outside the identity slot and print the figures."""
    corpus, limit, labels = labelled_corpus(__doc__, "first N dossiers only")
    accounts = {a.candidate_id: a for a in parse_accounts(
        (corpus / "dossiers" / "accounts.csv").read_bytes(), ZoneInfo("Europe/Paris"))}
    signatures: Counter[tuple[str, str]] = Counter()
    fields: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    recap_seconds, other_seconds = Timings(), Timings()
    dossiers = list(labels.dossiers.items())[:limit or None]
    for candidate_id, label in dossiers:
        for piece in label.pieces:
            if piece.slot == "identite" or piece.broken:
                continue
            timings = recap_seconds if piece.kind == "recap" else other_seconds
            started = timings.start()
            extraction = read_piece_file((corpus / "dossiers" / piece.path).read_bytes(),
                                         piece.path, max_bytes=50_000_000)
            timings.stop(started)
            expected = KIND_NAMES.get(piece.kind)
            kinds["files"] += 1
            kinds["right"] += extraction.document_type == expected
            if extraction.document_type != expected:
                confusions[(piece.kind, str(extraction.document_type))] += 1
            if piece.kind != "recap":
                continue
            _score_signature(piece, extraction.signature, signatures)
            if not set(label.planted) & _ALTERED and piece.slot == "recapitulatif":
                fields["unaltered"] += 1
                fields["verified"] += _verified(extraction.recap, accounts[candidate_id])
            if extraction.recap is not None and not set(label.planted) & _ALTERED \
                    and piece.slot == "recapitulatif":
                fields["recaps"] += 1
                for name, same in field_matches(extraction.recap,
                                                accounts[candidate_id]).items():
                    fields[name] += same
    _report(signatures, fields, kinds, confusions, recap_seconds, other_seconds)


def _verified(recap: RecapContent | None, account: Account) -> bool:
    """Whether the checks can say, without a person, that this is the candidate's current one."""
    return recap is not None and is_this_candidates(recap, account) is True \
        and specialty_same(recap, account) is True and options_same(recap, account) is True


def _score_signature(piece: PieceTruth, reading: object, counts: Counter) -> None:
    truth = "signé" if piece.signing in SIGNED else "non signé"
    present = getattr(reading, "present", None)
    judged = "signé" if present else "non signé"
    capture = piece.capture if piece.capture in ("digital", "scan") else "photo"
    counts[(capture, "total")] += 1
    counts[(capture, "right")] += judged == truth
    counts[(truth, "total")] += 1
    counts[(truth, "right")] += judged == truth


def _report(signatures: Counter, fields: Counter, kinds: Counter, confusions: Counter,
            recap_seconds: Timings, other_seconds: Timings) -> None:
    print("Signatures des récapitulatifs (jugement juste / total) :")
    for group in ("signé", "non signé", "digital", "scan", "photo"):
        total = signatures[(group, "total")]
        if total:
            right = signatures[(group, "right")]
            print(f"  {group:10} {right:4}/{total} ({100 * right / total:.1f} %)")
    total = signatures[("signé", "total")] + signatures[("non signé", "total")]
    right = signatures[("signé", "right")] + signatures[("non signé", "right")]
    if total:
        print(f"  {'ensemble':10} {right:4}/{total} ({100 * right / total:.1f} %)")
    if fields["recaps"]:
        print(f"Champs des récapitulatifs égaux au compte ({fields['recaps']} lus) :")
        for name in ("candidate_id", "birth_name", "given_names", "birth_date",
                     "specialty_code", "options"):
            print(f"  {name:15} {fields[name]:4}/{fields['recaps']} "
                  f"({100 * fields[name] / fields['recaps']:.1f} %)")
    if fields["unaltered"]:
        print(f"Récapitulatifs conformes vérifiés sans personne (à qui, spécialité, options) : "
              f"{fields['verified']}/{fields['unaltered']} "
              f"({100 * fields['verified'] / fields['unaltered']:.1f} %)")
    print(f"Nature des pièces : {kinds['right']}/{kinds['files']} justes")
    for (made, read), count in confusions.most_common(8):
        print(f"  {made} lu comme {read} : {count}")
    for name, timings in (("récapitulatif", recap_seconds), ("autre pièce", other_seconds)):
        print(f"Secondes par {name} ({len(timings.wall)} fichiers) : {timings.summary()}")


if __name__ == "__main__":
    main()
