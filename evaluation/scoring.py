"""Pure scoring: compare verdicts, findings and reads with the labels."""

from collections import Counter
from pathlib import Path
from typing import Any

from samplegen.pieces import hidden_printed_fields, printed_zone_uploaded
from schemas.evaluation import CodeScore, CorpusReport, DossierOutcome, FieldScore
from schemas.labels import DossierLabel
from schemas.printed import PrintedZone
from schemas.verdict import DossierVerdict, Verdict

VERDICTS = tuple(v.value for v in Verdict)
# The printed fields justif reads (extractors.printed).
PRINTED_FIELDS = ("surname", "usage_name", "given_names", "birth_date", "expiry_date")


def _keys(findings: list[tuple[str, str | None]]) -> Counter[str]:
    return Counter(f"{code}@{slot or '-'}" for code, slot in findings)


def outcome(label: DossierLabel, verdict: DossierVerdict) -> DossierOutcome:
    """Compare one dossier's verdict and findings (code and slot) with its label."""
    due = _keys([(f.code, f.slot) for f in label.findings])
    given = _keys([(f.code.value, f.slot) for f in verdict.findings])
    return DossierOutcome(
        candidate_id=verdict.candidate_id, expected_verdict=label.verdict,
        verdict=verdict.verdict.value,
        missed=sorted((due - given).elements()), extra=sorted((given - due).elements()),
        # Cleared although a person or the candidate had something to do.
        false_clear=verdict.verdict.value == "ok" and label.verdict != "ok",
    )


def code_scores(labels: dict[str, DossierLabel], verdicts: dict[str, DossierVerdict]
                ) -> list[CodeScore]:
    """Per code: how many were due, given, and given rightly (same code and slot)."""
    expected, found, correct = Counter(), Counter(), Counter()
    for cid, label in labels.items():
        due = _keys([(f.code, f.slot) for f in label.findings])
        given = _keys([(f.code.value, f.slot) for f in verdicts[cid].findings])
        for key, count in due.items():
            expected[key.split("@")[0]] += count
        for key, count in given.items():
            found[key.split("@")[0]] += count
        for key, count in (due & given).items():
            correct[key.split("@")[0]] += count
    return [CodeScore(code=code, expected=expected[code], found=found[code],
                      correct=correct[code])
            for code in sorted(set(expected) | set(found))]


def same_spelling(read: Any, truth: Any) -> bool:
    """Exact spelling, accents included; case and surrounding spaces do not count."""
    def norm(value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [norm(v) for v in value]
        return str(value).strip().casefold() if value is not None else None
    return norm(read) == norm(truth)


def shown_printed_fields(label: DossierLabel) -> dict[str, Any]:
    """The identity piece's printed values that its uploaded files show, by field.

    None of them when only the MRZ side was uploaded; never a field that side does not print
    (the 1988 card's expiry on its back) or a value the document leaves empty.
    """
    truth = label.identity
    captures = {p.capture for p in label.pieces if p.slot == "identite"
                and p.kind == "identity"}
    if truth is None or not printed_zone_uploaded(truth.kind, captures):
        return {}
    hidden = hidden_printed_fields(truth.kind, captures)
    return {name: value for name, value in truth.printed.items()
            if value not in (None, "", []) and name not in hidden}


def piece_zone(zones: list[PrintedZone]) -> PrintedZone | None:
    """A piece's printed zone as scored: its side showing the most names.

    With the expiry another side prints when that one has none (the 1988 card's, on its back).
    """
    if not zones:
        return None
    zone = max(zones, key=lambda z: z.names_shown)
    expiry = next((z.expiry_date for z in zones if z.expiry_date is not None), None)
    if zone.expiry_date is None and expiry is not None:
        zone = zone.model_copy(update={"expiry_date": expiry})
    return zone


def read_scores(labels: dict[str, DossierLabel], reads: dict[str, dict[str, Any]]
                ) -> tuple[FieldScore, list[FieldScore]]:
    """Exact MRZ reads, and printed-field reads where the names' side was uploaded.

    `reads` maps a candidate to what justif extracted from its identity piece:
    {"mrz": {"lines": [...]}, "printed": {...}} (either may be missing).
    """
    mrz_total = mrz_exact = 0
    totals, exact = Counter(), Counter()
    for cid, label in labels.items():
        truth = label.identity
        if truth is None or truth.mrz is None:
            continue
        read = reads.get(cid) or {}
        mrz_total += 1
        lines = (read.get("mrz") or {}).get("lines")
        mrz_exact += lines == truth.mrz
        printed = read.get("printed") or {}
        shown = shown_printed_fields(label)
        for name in PRINTED_FIELDS:
            if name in shown:
                totals[name] += 1
                exact[name] += same_spelling(printed.get(name), shown[name])
    return (FieldScore(field="mrz", total=mrz_total, exact=mrz_exact),
            [FieldScore(field=name, total=totals[name], exact=exact[name])
             for name in PRINTED_FIELDS if totals[name]])


# How the generator signs a récapitulatif (samplegen.letters.Signing) that counts as signed.
_SIGNED = {"in_box", "overflow"}


def signature_score(labels: dict[str, DossierLabel],
                    recaps: dict[str, list[dict[str, Any]]]) -> FieldScore:
    """Récapitulatifs of the récapitulatif slot judged signed or unsigned as made.

    `recaps` maps a candidate to the extractions of its récapitulatif slot's files.
    """
    total = right = 0
    for cid, label in labels.items():
        read = {Path(e["file"]).name: e for e in recaps.get(cid, [])}
        for piece in label.pieces:
            if piece.slot != "recapitulatif" or piece.kind != "recap" or piece.broken:
                continue
            extraction = read.get(Path(piece.path).name)
            if extraction is None:
                continue
            total += 1
            present = bool((extraction.get("signature") or {}).get("present"))
            right += present == (piece.signing in _SIGNED)
    return FieldScore(field="signature", total=total, exact=right)


# Findings a label expects when the identity piece is not there to be read.
_IDENTITY_UNREAD = {"PIECE_MISSING", "FILE_UNREADABLE", "IMAGE_QUALITY_LOW", "ID_UNREADABLE"}


def unread_by_design(label: DossierLabel) -> bool:
    """Whether the label expects the identity piece unread: a finding, not a reading."""
    return any(f.slot == "identite" and f.code in _IDENTITY_UNREAD for f in label.findings)


def readable_mrz_score(labels: dict[str, DossierLabel], reads: dict[str, dict[str, Any]]
                       ) -> tuple[FieldScore, int]:
    """Exact MRZ reads over the identity pieces meant to be read; wrong reads reported valid.

    Left out: dossiers whose label expects the identity piece unread (missing, broken, or a
    photo planted too poor to read: the right outcome there is a finding, not a reading).
    """
    total = exact = wrong_valid = 0
    for cid, label in labels.items():
        truth = label.identity
        uploaded = [p for p in label.pieces if p.kind == "identity" and not p.broken]
        if truth is None or truth.mrz is None or not uploaded or unread_by_design(label):
            continue
        mrz = (reads.get(cid) or {}).get("mrz") or {}
        total += 1
        exact += mrz.get("lines") == truth.mrz
        wrong_valid += bool(mrz.get("valid")) and mrz.get("lines") != truth.mrz
    return FieldScore(field="mrz (pièces lisibles)", total=total, exact=exact), wrong_valid


def corpus_report(source: str, labels: dict[str, DossierLabel],
                  verdicts: dict[str, DossierVerdict], reads: dict[str, dict[str, Any]],
                  seconds: float, recaps: dict[str, list[dict[str, Any]]] | None = None
                  ) -> CorpusReport:
    """The whole report; dossiers without a verdict count as wrong and not cleared."""
    outcomes = [outcome(label, verdicts[cid]) for cid, label in labels.items()
                if cid in verdicts]
    confusion = {e: {g: 0 for g in VERDICTS} for e in VERDICTS}
    for o in outcomes:
        confusion[o.expected_verdict][o.verdict] += 1
    clean = [o for o in outcomes if o.expected_verdict == "ok"]
    mrz, printed = read_scores(labels, reads)
    readable, wrong_valid = readable_mrz_score(labels, reads)
    return CorpusReport(
        source=source, dossiers=len(labels),
        verdict_accuracy=sum(o.verdict == o.expected_verdict for o in outcomes) / len(labels),
        confusion=confusion,
        false_clears=[o.candidate_id for o in outcomes if o.false_clear],
        automation_rate=(sum(o.verdict == "ok" for o in clean) / len(clean)) if clean else None,
        codes=code_scores({cid: labels[cid] for cid in verdicts if cid in labels}, verdicts),
        mrz_exact=mrz, mrz_readable=readable, mrz_wrong_valid=wrong_valid,
        printed_fields=printed,
        signatures=signature_score(labels, recaps) if recaps is not None else None,
        seconds_per_dossier=seconds / max(len(verdicts), 1),
        outcomes=outcomes,
    )
