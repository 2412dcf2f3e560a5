"""Shared fixtures: the location of the real reference data sets in ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (no deadline: the machine may be loaded), so that a red
# CI means a regression, not an unlucky draw; developers' runs stay random to keep finding bugs.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI", "").lower() == "true":
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("EQUIPOISE_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Return ``../shared/data``; skip with a reason where it is absent (a user's clone)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(
            f"reference data folder {SHARED_DATA} is absent (it exists beside the repository in CI; "
            "set EQUIPOISE_SHARED_DATA to point elsewhere)"
        )
    return SHARED_DATA
