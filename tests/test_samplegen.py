import csv
from datetime import date

from extractors.mrz.checksum import check_digit
from samplegen.corpus import draw_dossier
from samplegen.discrepancies import CATALOG
from schemas.findings import SEVERITY_OF, FindingCode, Severity
from tests.conftest import SAMPLES
from tests.corpus import DOSSIERS


def test_the_same_seed_draws_the_same_dossier():
    a, b = draw_dossier(7, 3), draw_dossier(7, 3)
    assert a.label == b.label and a.account == b.account
    assert [(k, len(d)) for k, d in a.files] == [(k, len(d)) for k, d in b.files]
    assert a.files == b.files
    assert draw_dossier(8, 3).files != a.files


def test_every_labelled_file_exists_and_every_file_is_labelled_and_dated():
    labelled = {p.path for label in DOSSIERS.values() for p in label.pieces}
    on_disk = {p.relative_to(SAMPLES).as_posix() for p in (SAMPLES / "pieces").rglob("*")
               if p.is_file()}
    assert labelled == on_disk
    with (SAMPLES / "uploads.csv").open() as handle:
        assert {row["path"] for row in csv.DictReader(handle)} == on_disk


def test_labels_follow_the_contracts_verdict_rule():
    for cid, label in DOSSIERS.items():
        severities = {SEVERITY_OF[FindingCode(f.code)] for f in label.findings}
        worst = ("incomplete" if Severity.BLOCKING in severities else
                 "review" if Severity.REVIEW in severities else "ok")
        assert label.verdict == worst, cid


def test_every_planted_problem_appears_and_half_the_dossiers_are_clean():
    planted = {name for label in DOSSIERS.values() for name in label.planted}
    assert planted == {d.name for d in CATALOG}
    clean = sum(1 for label in DOSSIERS.values() if not label.planted)
    assert 0.4 <= clean / len(DOSSIERS) <= 0.6


def _digits_ok(kind: str, lines: list[str]) -> bool:
    # An independent reading of ICAO 9303 positions, to trust the generator's truth.
    if kind in ("cni_2021", "residence_permit"):
        l1, l2, _ = lines
        return (check_digit(l1[5:14]) == l1[14] and check_digit(l2[0:6]) == l2[6]
                and check_digit(l2[8:14]) == l2[14]
                and check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]) == l2[29])
    if kind == "passport":
        _, l2 = lines
        return (check_digit(l2[0:9]) == l2[9] and check_digit(l2[13:19]) == l2[19]
                and check_digit(l2[21:27]) == l2[27]
                and check_digit(l2[0:10] + l2[13:20] + l2[21:43]) == l2[43])
    if kind == "cni_1988":
        l1, l2 = lines
        return (check_digit(l2[0:12]) == l2[12] and check_digit(l2[27:33]) == l2[33]
                and check_digit(l1 + l2[:35]) == l2[35])
    raise AssertionError(kind)


def test_identity_truth_has_valid_mrz_lines_of_the_right_shape():
    widths = {"cni_2021": [30] * 3, "residence_permit": [30] * 3, "passport": [44] * 2,
              "cni_1988": [36] * 2}
    kinds = set()
    for cid, label in DOSSIERS.items():
        truth = label.identity
        if truth is None or truth.mrz is None:
            continue
        kinds.add(truth.kind)
        assert [len(line) for line in truth.mrz] == widths[truth.kind], cid
        assert _digits_ok(truth.kind, truth.mrz), cid
    assert kinds == set(widths)


def test_old_cards_issued_2004_2013_to_adults_are_valid_fifteen_years():
    fifteen = [label.identity for label in DOSSIERS.values()
               if label.identity and label.identity.kind == "cni_1988"
               and label.identity.valid_until != label.identity.printed["expiry_date"]]
    assert fifteen
    for truth in fifteen:
        issued = date.fromisoformat(truth.printed["issue_date"])
        assert date(2004, 1, 1) <= issued <= date(2013, 12, 31)
        assert date.fromisoformat(truth.valid_until).year - issued.year == 15
