"""Shared by every test: a crash caught by ask()'s safety net fails the test that caused it.

ask() answers any unexpected error with a short Chinese apology (a visitor never sees a traceback);
without this check a test that accepts any valid answer would pass over a real bug. A test that breaks
something on purpose to see the apology marks itself `@pytest.mark.catch_all`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant import pipeline


@pytest.fixture(autouse=True)
def no_hidden_crash(request: pytest.FixtureRequest) -> Iterator[None]:
    before = len(pipeline.CAUGHT)
    yield
    caught = pipeline.CAUGHT[before:]
    if caught and request.node.get_closest_marker("catch_all") is None:
        pytest.fail(f"ask()'s safety net caught {len(caught)} error(s): {caught[:3]}", pytrace=False)


# A PostgreSQL server on loopback, for the tests that share one audit log (tests/postgres_support.py).
from postgres_support import postgres_url  # noqa: E402, F401
