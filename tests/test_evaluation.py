import pytest

from evaluation.corpus import evaluate_corpus
from evaluation.id_images import classify, evaluate_id_images
from evaluation.scoring import (
    code_scores,
    corpus_report,
    outcome,
    read_scores,
    readable_mrz_score,
    signature_score,
)
from schemas.evaluation import CorpusReport
from schemas.findings import Finding, FindingCode
from schemas.labels import DossierLabel, ExpectedFinding, IdentityTruth, PieceTruth
from schemas.verdict import DossierVerdict, Verdict
from tests.conftest import EVAL, LABELS, SAMPLES
from tests.corpus import DOSSIERS


def label(verdict, *findings, mrz=None, printed=None, capture="scan_one_page", kind="cni_2021"):
    identity = IdentityTruth(kind=kind, mrz=mrz, printed=printed or {},
                             valid_until="2031-01-01") if mrz else None
    pieces = [PieceTruth(path="p.pdf", slot="identite", kind="identity", capture=capture)]
    return DossierLabel(verdict=verdict, identity=identity, pieces=pieces,
                        findings=[ExpectedFinding(code=c, slot=s) for c, s in findings])


def given(cid, verdict, *findings):
    return DossierVerdict(candidate_id=cid, verdict=Verdict(verdict), findings=[
        Finding.of(FindingCode(c), "m", slot=s) for c, s in findings])


def test_a_problem_dossier_given_ok_is_a_false_clear_and_slots_must_match():
    wrong = outcome(label("review", ("SURNAME_MISMATCH", "identite")), given("1", "ok"))
    assert wrong.false_clear and wrong.missed == ["SURNAME_MISMATCH@identite"]
    misplaced = outcome(label("incomplete", ("PIECE_MISSING", "jdc")),
                        given("2", "incomplete", ("PIECE_MISSING", "releve_notes")))
    assert not misplaced.false_clear
    assert (misplaced.missed, misplaced.extra) == (["PIECE_MISSING@jdc"],
                                                   ["PIECE_MISSING@releve_notes"])


def test_code_scores_count_due_given_and_right():
    labels = {"1": label("incomplete", ("PIECE_MISSING", "jdc"), ("PIECE_MISSING", "identite")),
              "2": label("ok")}
    verdicts = {"1": given("1", "incomplete", ("PIECE_MISSING", "jdc")),
                "2": given("2", "incomplete", ("PIECE_MISSING", "jdc"))}
    [score] = code_scores(labels, verdicts)
    assert (score.expected, score.found, score.correct) == (2, 2, 1)
    assert score.precision == 0.5 and score.recall == 0.5


def test_reads_are_exact_only_when_every_character_is():
    mrz = ["IDFRA", "X", "LE<GOFF"]
    labels = {"1": label("ok", mrz=mrz, printed={"surname": "Le Goff", "given_names": ["Élodie"]}),
              "2": label("ok", mrz=mrz, printed={"surname": "Le Goff", "given_names": ["Élodie"]})}
    reads = {"1": {"mrz": {"lines": mrz}, "printed": {"surname": "LE GOFF",
                                                      "given_names": ["ELODIE"]}},
             "2": {"mrz": {"lines": ["IDFRA", "X", "LE<G0FF"]}}}
    mrz_score, fields = read_scores(labels, reads)
    assert (mrz_score.total, mrz_score.exact) == (2, 1)
    scores = {f.field: (f.total, f.exact) for f in fields}
    # Case does not count, accents do.
    assert scores == {"surname": (2, 1), "given_names": (2, 0)}
    # A photo of the card's back alone shows no names: nothing to score there.
    back_only = {"1": label("ok", mrz=mrz, printed={"surname": "Le Goff"}, capture="photo")}
    assert read_scores(back_only, reads)[1] == []


def test_fields_the_uploaded_sides_do_not_print_are_not_scored():
    mrz = ["IDFRA", "X", "LE<GOFF"]
    printed = {"surname": "Le Goff", "usage_name": "Morel", "expiry_date": "2030-01-01"}
    reads = {"1": {"mrz": {"lines": mrz}, "printed": {"surname": "LE GOFF"}}}
    # The 1988 card prints its expiry on the back, not in a photo of its front; the
    # residence permit prints no usage name.
    front = {"1": label("ok", mrz=mrz, printed=printed, capture="photo", kind="cni_1988")}
    permit = {"1": label("ok", mrz=mrz, printed=printed, kind="residence_permit")}
    both = {"1": label("ok", mrz=mrz, printed=printed, kind="cni_1988")}
    assert {f.field for f in read_scores(front, reads)[1]} == {"surname", "usage_name"}
    assert {f.field for f in read_scores(permit, reads)[1]} == {"surname", "expiry_date"}
    assert {f.field for f in read_scores(both, reads)[1]} == {"surname", "usage_name",
                                                               "expiry_date"}


def test_mrz_reads_over_pieces_meant_to_be_read_and_wrong_ones_reported_valid():
    mrz = ["IDFRA", "X", "LE<GOFF"]
    labels = {"read": label("ok", mrz=mrz), "slip": label("ok", mrz=mrz),
              "dark": label("review", ("IMAGE_QUALITY_LOW", "identite"), mrz=mrz),
              "empty": label("incomplete", ("FILE_UNREADABLE", "identite"), mrz=mrz)}
    reads = {"read": {"mrz": {"lines": mrz, "valid": True}},
             "slip": {"mrz": {"lines": ["IDFRA", "X", "LE<G0FF"], "valid": True}}}
    score, wrong_valid = readable_mrz_score(labels, reads)
    # The dark photo and the empty file are expected unread: findings, not readings.
    assert (score.total, score.exact, wrong_valid) == (2, 1, 1)
    assert read_scores(labels, reads)[0].total == 4


def test_signatures_score_each_recap_file_against_how_it_was_signed():
    def recap_label(*signings):
        return DossierLabel(verdict="ok", findings=[], pieces=[
            PieceTruth(path=f"pieces/1/recapitulatif/r{i}.pdf", slot="recapitulatif",
                       kind="recap", capture="scan", signing=signing)
            for i, signing in enumerate(signings)])
    labels = {"1": recap_label("in_box", "none"), "2": recap_label("typed_name")}
    recaps = {"1": [{"file": "r0.pdf", "signature": {"present": True}},
                    {"file": "r1.pdf", "signature": {"present": True}}],
              "2": [{"file": "r0.pdf", "signature": None}]}
    score = signature_score(labels, recaps)
    # r1 was not signed but judged signed; a typed name with no signature read is right.
    assert (score.total, score.exact) == (3, 2)


def test_report_counts_automation_and_confusion():
    labels = {"1": label("ok"), "2": label("ok"), "3": label("review", ("RECAP_OUTDATED", None))}
    verdicts = {"1": given("1", "ok"), "2": given("2", "review"), "3": given("3", "review")}
    report = corpus_report("x", labels, verdicts, {}, seconds=3.0)
    assert report.automation_rate == 0.5 and report.false_clears == []
    assert report.confusion["ok"] == {"ok": 1, "review": 1, "incomplete": 0}
    assert report.verdict_accuracy == pytest.approx(2 / 3)
    assert report.seconds_per_dossier == 1.0


@pytest.mark.parametrize(("expected", "read", "valid", "result"), [
    (["A"], ["A"], True, "exact"), (["A"], ["B"], True, "wrong_valid"),
    (["A"], ["B"], False, "wrong_invalid"), (["A"], None, False, "miss"),
    (None, None, False, "correct_negative"), (None, ["B"], True, "false_mrz"),
])
def test_specimen_results(expected, read, valid, result):
    assert classify(expected, read, valid) == result


def test_no_false_clear_on_the_committed_corpus():
    """The regression test of issue 3: no dossier with a problem may ever be cleared."""
    report = evaluate_corpus(str(SAMPLES), LABELS)
    assert report.dossiers == len(DOSSIERS)
    assert report.false_clears == []
    assert sum(sum(row.values()) for row in report.confusion.values()) == len(DOSSIERS)
    # Issue 6: at least 98 % of récapitulatifs judged signed or unsigned as they were made.
    assert report.signatures is not None and report.signatures.total >= 40
    assert report.signatures.exact >= 0.98 * report.signatures.total
    assert CorpusReport.model_validate_json(report.model_dump_json()) == report


@pytest.mark.skipif(not (EVAL / "id_images").exists(),
                    reason="../shared/eval is not beside this checkout")
def test_the_specimen_mode_accounts_for_every_image():
    report = evaluate_id_images(EVAL / "id_images")
    assert report.images == 69
    assert sum(sum(results.values()) for results in report.by_format.values()) == 69
    # The safety invariants of issue 4: no misread reported valid, no MRZ invented.
    assert all(results.get("wrong_valid", 0) == 0 and results.get("false_mrz", 0) == 0
               for results in report.by_format.values())
    # Counted against the manifest itself, not the report's own outcomes.
    import json
    manifest = json.loads((EVAL / "id_images" / "expected_mrz.json").read_text())["images"]
    verified = [e for e in manifest if e.get("all_check_digits_ok")]
    assert report.valid_mrz_images == len(verified) > 0
    # 54 of the 61 read exactly since the seventh session (88.5 %; issue 4 asks 95 %): a
    # floor under it, so that a regression fails here rather than in a later benchmark.
    assert 0.85 * report.valid_mrz_images <= (report.valid_mrz_exact or 0) \
        <= report.valid_mrz_images
