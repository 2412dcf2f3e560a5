"""Shared fixtures: the location of the real reference data sets in ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
