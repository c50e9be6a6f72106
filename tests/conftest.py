"""Shared test set-up: Qt without a screen, the package on the path, a private config."""

import os
import sys
from pathlib import Path

# Without a display Qt aborts the process: tests render offscreen (the a11y tests start
# their own Xvfb and accessibility bus in a separate process).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "app") not in sys.path:
    sys.path.insert(0, str(ROOT / "app"))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _private_config(tmp_path_factory, monkeypatch):
    """Each test gets its own settings folder and library, never the user's."""
    base = tmp_path_factory.mktemp("kadr-home")
    monkeypatch.setenv("KADR_CONFIG", str(base / "config"))
    monkeypatch.setenv("KADR_LIBRARY", str(base / "library"))
    from kadr import i18n

    i18n.set_language("en")
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI a skipped test fails, unless it is marked ``may_skip`` with its reason: a
    missing package must never pass silently."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") and not hasattr(report, "wasxfail") \
            and item.get_closest_marker("may_skip") is None:
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped under CI (mark it may_skip if that is right): {reason}"
