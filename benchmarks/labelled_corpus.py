"""The command line shared by the benchmarks that read a labelled corpus: folder and limit."""

import argparse
from pathlib import Path

from schemas.labels import LabelFile


def labelled_corpus(description: str | None, limit_help: str
                    ) -> tuple[Path, int, LabelFile]:
    """The corpus folder (dossiers/ and labels.json), the --limit given, and its labels."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpus", type=Path, help="folder with dossiers/ and labels.json")
    parser.add_argument("--limit", type=int, default=0, help=limit_help)
    options = parser.parse_args()
    labels = LabelFile.model_validate_json((options.corpus / "labels.json").read_bytes())
    return options.corpus, options.limit, labels
