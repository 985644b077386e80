from prefect.context import FlowRunContext

from flows.verify_batch import verify_batch
from tests.corpus import FEW


def test_the_flow_keeps_no_per_dossier_bookkeeping(few_samples):
    """Prefect remembers every task call of a flow run; the flow forgets them per dossier.

    benchmarks/batch_timing.py measures the memory itself (peak RSS by batch size).
    """
    kept = {}

    def count_at(progress):
        context = FlowRunContext.get()
        kept[progress.done] = len(context.run_results) + len(context.task_run_assets)

    summary = verify_batch(str(few_samples), progress=count_at)
    assert summary.verified == len(FEW) and len(kept) == len(FEW)
    assert max(kept.values()) == 0, kept
