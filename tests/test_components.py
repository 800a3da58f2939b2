"""A missing outside component skips a test on a developer's machine, and fails it under CI."""

from __future__ import annotations

import pytest
from components import missing


def test_missing_component_skips_with_one_line_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"needs chromium \(apt\)"):
        missing("chromium", "apt")


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_missing_component_fails_under_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI needs chromium"):
        missing("chromium", "apt")
