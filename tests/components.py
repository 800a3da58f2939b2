"""Tests that need a component outside Python (Chromium, PostgreSQL's initdb, the chroma command): on a
developer's machine without it they skip with a one-line reason; under CI (CI=true, set by .ci/run) a
missing component fails the run instead, so a CI box that lost one cannot pass by skipping."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing(component: str, how: str) -> NoReturn:
    if in_ci():
        pytest.fail(f"CI needs {component} but it is missing ({how})", pytrace=False)
    pytest.skip(f"needs {component} ({how})")
