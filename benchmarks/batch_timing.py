"""Time full runs and reruns of `justif verify`, over a directory and the local S3 server.

Prints wall time of the command (including the temporary Prefect server it starts), the
flow's own duration from the run record, files read, and the command's peak memory, for the
sample dossiers and for larger batches made by replicating them.
"""

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import create_engine, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from database.models import Run  # noqa: E402
from storage.local_server import LocalS3Server, free_port  # noqa: E402

JUSTIF = REPO / ".venv" / "bin" / "justif"
SAMPLES = REPO / "sample_docs" / "dossiers"


def replicate(copies: int, target: Path) -> int:
    """The sample dossiers `copies` times over, with new candidate numbers (files hard-linked)."""
    rows = list(csv.DictReader(io.StringIO((SAMPLES / "accounts.csv").read_text())))
    out_rows = []
    for copy in range(copies):
        for row in rows:
            new_id = f"{row['candidate_id'][:5]}{copy:03d}{row['candidate_id'][-3:]}"
            source = SAMPLES / "pieces" / row["candidate_id"]
            if source.exists():
                for path in source.rglob("*"):
                    if path.is_file():
                        dest = target / "pieces" / new_id / path.relative_to(source)
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        os.link(path, dest)
            out_rows.append({**row, "candidate_id": new_id})
    target.mkdir(parents=True, exist_ok=True)
    with (target / "accounts.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(out_rows)
    return len(out_rows)


def timed(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def last_run(database_url: str) -> Run:
    """The newest run recorded in a database."""
    with Session(create_engine(database_url)) as session:
        return session.scalars(select(Run).order_by(Run.id.desc())).first()


def measure(label: str, source: str, env: dict[str, str], database_url: str) -> None:
    """Print one line for a full run of the source, then one for a rerun."""
    for attempt in ("full run", "rerun, nothing changed"):
        wall, rss = timed([str(JUSTIF), "verify", source, "--out", env["OUT"]], env)
        run = last_run(database_url)
        flow = (run.finished_at - run.started_at).total_seconds()
        print(f"{label:<28} {attempt:<24} {run.dossiers:>6} {run.verified:>8} "
              f"{run.files_read:>6} {wall:>8.2f} {flow:>8.2f} {rss:>7}")


def main() -> None:
    """Time the samples and their replicas over a directory and over S3."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="*", default=[10, 40],
                        help="also time batches of the samples replicated this many times")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="justif-bench-") as tmp:
        root = Path(tmp)
        server = LocalS3Server(root / "s3", s3_port=free_port())
        info = server.start()
        try:
            print(f"{'source':<28} {'run':<24} {'dossiers':>6} {'verified':>8} {'files':>6} "
                  f"{'wall s':>8} {'flow s':>8} {'RSS MB':>7}")
            batches = [("samples", SAMPLES)]
            for copies in options.copies:
                target = root / f"x{copies}"
                count = replicate(copies, target)
                batches.append((f"{count} dossiers", target))
            for name, path in batches:
                data = root / f"data-{name.replace(' ', '-')}"
                database_url = f"sqlite:///{data / 'justif.sqlite3'}"
                env = {**os.environ, "JUSTIF_DATA_DIR": str(data),
                       "JUSTIF_S3_ENDPOINT": info.endpoint,
                       "JUSTIF_S3_ACCESS_KEY": info.access_key,
                       "JUSTIF_S3_SECRET_KEY": info.secret_key, "JUSTIF_S3_SECURE": "false",
                       "OUT": str(root / "out.jsonl")}
                measure(f"dir {name}", str(path), env, database_url)
                bucket = f"bench-{name.replace(' ', '-')}"
                subprocess.run([str(JUSTIF), "upload", str(path), f"s3://{bucket}/s"], env=env,
                               check=True, stdout=subprocess.DEVNULL)
                measure(f"s3 {name}", f"s3://{bucket}/s", env, database_url)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
