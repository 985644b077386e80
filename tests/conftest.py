"""Shared fixtures: an isolated working folder per test, one Prefect harness, one S3 server."""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from settings.runtime import use_one_thread

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_docs" / "dossiers"
LABELS = REPO / "sample_docs" / "labels.json"
EVAL = REPO.parent / "shared" / "eval"

# Before any test module imports Prefect: its home and settings are read at import time.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="justif-tests-prefect-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
# As the command line does: Tesseract's and numpy's threads fight each other.
use_one_thread()


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the whole session (starting one costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in its own folder with its own database and no inherited JUSTIF_* env."""
    for name in list(os.environ):
        if name.startswith("JUSTIF_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JUSTIF_DATA_DIR", str(tmp_path / "var"))
    # Outages in tests are waited out briefly: the behaviour is the same, only faster.
    monkeypatch.setenv("JUSTIF_STORAGE_RETRIES", "1")
    monkeypatch.setenv("JUSTIF_STORAGE_RETRY_DELAY_SECONDS", "0.1")
    return tmp_path


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A private copy of the bundled sample dossiers, free to modify."""
    copy = tmp_path / "dossiers"
    shutil.copytree(SAMPLES, copy)
    return copy


@pytest.fixture
def few_samples(tmp_path: Path) -> Path:
    """A private copy of a few sample dossiers of different kinds (tests.corpus.FEW)."""
    from tests.corpus import FEW, copy_dossiers

    return copy_dossiers(tmp_path / "dossiers", tuple(FEW))


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator["object"]:
    """A real SeaweedFS S3 server on a free port, stopped (and waited for) at the end."""
    from storage.local_server import LocalS3Server, free_port

    server = LocalS3Server(tmp_path_factory.mktemp("local-s3"), s3_port=free_port())
    info = server.start()
    yield info
    server.stop()


@pytest.fixture
def s3_env(s3_server, monkeypatch: pytest.MonkeyPatch):
    """Settings pointing at the test S3 server."""
    monkeypatch.setenv("JUSTIF_S3_ENDPOINT", s3_server.endpoint)
    monkeypatch.setenv("JUSTIF_S3_ACCESS_KEY", s3_server.access_key)
    monkeypatch.setenv("JUSTIF_S3_SECRET_KEY", s3_server.secret_key)
    monkeypatch.setenv("JUSTIF_S3_SECURE", "false")
    return s3_server


@pytest.fixture
def s3_client(s3_env):
    """A MinIO client for the test server."""
    from minio import Minio

    return Minio(s3_env.endpoint, access_key=s3_env.access_key, secret_key=s3_env.secret_key,
                 secure=False)


@pytest.fixture(scope="session")
def postgres() -> Iterator["object"]:
    """A real PostgreSQL cluster (Debian's postgresql package, installed by `make setup`)."""
    from tests.support.postgres import TemporaryPostgres, postgres_bin

    if postgres_bin() is None:
        pytest.fail("PostgreSQL is not installed: run `make setup`")
    # Not under pytest's private temporary folder: the postgres user must reach it.
    root = Path(tempfile.mkdtemp(prefix="justif-tests-postgres-"))
    root.chmod(0o755)
    cluster = TemporaryPostgres(root / "cluster")
    cluster.start()
    yield cluster
    cluster.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on the test cluster."""
    from sqlalchemy import create_engine, text

    name = "t_" + request.node.name.lower().replace("[", "_").replace("]", "")[:50]
    admin = create_engine(postgres.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres.url(name)


@pytest.fixture(scope="session")
def staff_seed(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None
               ) -> tuple[Path, Path]:
    """A few sample dossiers really verified into a SQLite file, with two staff accounts.

    (database file, dossier source): each test copies the file, so tests never see each
    other's decisions.
    """
    from flows.verify_batch import verify_batch
    from tests.support.staff_site import create_staff, make_context, subset_dossiers

    root = tmp_path_factory.mktemp("staff-seed")
    source = subset_dossiers(root / "dossiers")
    database = root / "seed.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUSTIF_DATA_DIR", str(root / "var"))
        verify_batch(str(source), database_url=f"sqlite:///{database}")
    create_staff(make_context(f"sqlite:///{database}"))
    return database, source


@pytest.fixture
def staff_site(staff_seed: tuple[Path, Path], tmp_path: Path) -> Iterator["object"]:
    """The staff app on a private copy of the seeded database, served on a free port."""
    import sqlite3

    from tests.support.staff_site import make_context, start_site

    database = tmp_path / "justif.sqlite3"
    # The backup API, not a file copy: the seed's latest writes may still sit in its WAL file.
    with sqlite3.connect(staff_seed[0]) as seed, sqlite3.connect(database) as copy:
        seed.backup(copy)
    site = start_site(make_context(f"sqlite:///{database}"))
    yield site
    site.stop()
    site.context.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator["object"]:
    """Debian's chromium driven by Playwright, headless (as root: no sandbox)."""
    from playwright.sync_api import sync_playwright

    if not Path("/usr/bin/chromium").exists():
        pytest.fail("chromium is not installed: run `make setup`")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            # The machine's network is closed: chromium's background calls would only fail.
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser) -> Iterator["object"]:
    """A fresh browser context (no cookies) and page; scripts' dialogs are recorded."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.dialogs = []  # type: ignore[attr-defined]
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()
