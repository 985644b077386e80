"""Storage tasks retry outages and nothing else (fault-injecting fake sources)."""

import pytest
from prefect import flow

from flows.verify_batch import list_source
from schemas.errors import StorageAuthError, StorageUnavailable


class FlakySource:
    """Fails the first `failures` listings with `error`, then lists nothing."""

    uri = "fake://flaky"

    def __init__(self, error: Exception, failures: int) -> None:
        self.error, self.failures, self.calls = error, failures, 0

    def list_objects(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return iter(())

    def read(self, key, max_bytes):
        raise AssertionError("not used")


@flow
def list_with_retries(source: FlakySource) -> list:
    return list_source.with_options(retries=3, retry_delay_seconds=0)(source)


def test_an_outage_is_retried_until_it_heals():
    source = FlakySource(StorageUnavailable("down"), failures=2)
    assert list_with_retries(source) == []
    assert source.calls == 3


def test_refused_credentials_are_not_retried():
    source = FlakySource(StorageAuthError("refused"), failures=10)
    with pytest.raises(StorageAuthError):
        list_with_retries(source)
    assert source.calls == 1
