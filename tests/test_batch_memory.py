from prefect.context import FlowRunContext

from benchmarks.batch_timing import replicate
from flows.verify_batch import verify_batch


def test_the_flow_keeps_no_per_dossier_bookkeeping(tmp_path):
    """Prefect remembers every task call of a flow run; the flow forgets them per dossier.

    benchmarks/batch_timing.py measures the memory itself (peak RSS by batch size).
    """
    source = tmp_path / "source"
    count = replicate(1, source)
    kept = {}

    def count_at(progress):
        context = FlowRunContext.get()
        kept[progress.done] = len(context.run_results) + len(context.task_run_assets)

    summary = verify_batch(str(source), progress=count_at)
    assert summary.verified == count and len(kept) == count
    assert max(kept.values()) == 0, kept
