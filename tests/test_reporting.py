"""Figures for people: run changes (Prefect artifacts)."""

from datetime import UTC, datetime

from reporting.run_changes import changes_markdown, verdict_changes, verdict_table
from schemas.run import RunStatus, RunSummary


def summary(**verdicts: int) -> RunSummary:
    return RunSummary(run_id=7, source="s3://b/p", status=RunStatus.SUCCEEDED,
                      started_at=datetime(2025, 11, 2, tzinfo=UTC), finished_at=None,
                      dossiers=sum(verdicts.values()), verified=2, unchanged=1, files_read=5,
                      orphan_dossiers=0, upload_times="manifest", verdicts=verdicts,
                      findings={}, out_path=None, error=None)


def test_changes_between_runs_are_counted_and_listed():
    changes = verdict_changes({"A": "incomplete", "B": "review", "C": "ok"},
                              {"A": "ok", "B": "review", "D": "incomplete"})
    assert changes.moved == {"A": ("incomplete", "ok")}
    assert changes.new == {"D": "incomplete"} and changes.gone == ["C"]
    text = changes_markdown(summary(ok=1, review=1, incomplete=1), changes)
    assert "| incomplet | conforme | 1 |" in text
    assert "Dossiers : A" in text
    assert "Nouveaux dossiers : 1 (1 incomplet)" in text
    assert "Dossiers absents de ce lot : 1." in text
    same = verdict_changes({"A": "ok"}, {"A": "ok"})
    assert "Aucun verdict n'a changé" in changes_markdown(summary(ok=1), same)


def test_the_verdict_table_gives_counts_and_shares():
    assert verdict_table(summary(ok=3, incomplete=1)) == [
        {"verdict": "incomplet", "dossiers": 1, "part": "25.0 %"},
        {"verdict": "conforme", "dossiers": 3, "part": "75.0 %"}]


def test_csv_exports_keep_formulas_typed_by_candidates_as_text():
    from reporting.dashboard import FigureTable

    table = FigureTable("annulations", "t", ("n°", "candidat", "dossiers"),
                        (("026", "=HYPERLINK(\"http://x\")", 3), ("027", "-1 DUPONT", -1)))
    lines = table.csv().splitlines()
    assert lines[1] == "026,\"'=HYPERLINK(\"\"http://x\"\")\",3"
    assert lines[2] == "027,'-1 DUPONT,-1"
