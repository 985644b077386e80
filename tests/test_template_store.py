"""The OCR-B templates' disk cache: reused when made the same way, rebuilt otherwise."""

from pathlib import Path

import numpy as np
import pytest

from extractors.mrz import template_store
from extractors.mrz.ocrb import FONT
from extractors.mrz.template_store import stored_templates


def _maker() -> None:
    """Stands for the functions that draw the templates."""


class _Builds:
    """A template builder that counts its calls."""

    def __init__(self, value: float) -> None:
        self.calls, self.value = 0, value

    def __call__(self) -> tuple[np.ndarray, str]:
        self.calls += 1
        return np.full((3, 4), self.value), "AB<"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "justif"


def test_templates_built_once_then_read_from_the_cache(cache: Path) -> None:
    build = _Builds(0.5)
    first = stored_templates(FONT, (_maker,), ("settings", 1), build)
    second = stored_templates(FONT, (_maker,), ("settings", 1), build)
    assert build.calls == 1
    assert second[1] == first[1] == "AB<"
    np.testing.assert_array_equal(second[0], first[0])
    assert len(list(cache.glob("ocrb-templates-*.npz"))) == 1


def test_other_settings_build_other_templates(cache: Path) -> None:
    stored_templates(FONT, (_maker,), ("settings", 1), _Builds(0.5))
    other = _Builds(0.25)
    vectors, _ = stored_templates(FONT, (_maker,), ("settings", 2), other)
    assert other.calls == 1 and vectors[0, 0] == 0.25


def test_a_damaged_cache_file_is_rebuilt(cache: Path) -> None:
    stored_templates(FONT, (_maker,), ("settings", 1), _Builds(0.5))
    (stored,) = cache.glob("ocrb-templates-*.npz")
    stored.write_bytes(b"not an npz file")
    again = _Builds(0.5)
    vectors, labels = stored_templates(FONT, (_maker,), ("settings", 1), again)
    assert again.calls == 1 and labels == "AB<" and vectors.shape == (3, 4)


def test_an_unwritable_cache_still_gives_templates(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache directory cannot be made under a file")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    build = _Builds(0.5)
    _, labels = stored_templates(FONT, (_maker,), ("settings", 1), build)
    assert build.calls == 1 and labels == "AB<"


def test_cache_dir_is_home_cache_without_xdg(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert template_store.cache_dir() == tmp_path / ".cache" / "justif"
