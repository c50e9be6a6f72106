"""Under CI a skipped test fails unless it is marked may_skip (tests/conftest.py): a
missing package must never pass silently."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

if os.environ.get("KADR_SAMPLE_SKIPS"):  # collected only by the test below, in a child run
    def test_sample_plain_skip():
        pytest.skip("a package is missing")

    @pytest.mark.may_skip("allowed: needs a privileged machine")
    def test_sample_allowed_skip():
        pytest.skip("no privileges here")


def test_a_skip_fails_under_ci_unless_allowed():
    env = {**os.environ, "CI": "true", "KADR_SAMPLE_SKIPS": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(Path(__file__)), "-k", "sample"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert "1 failed, 1 skipped" in done.stdout, done.stdout[-2000:]
    assert "skipped under CI" in done.stdout
