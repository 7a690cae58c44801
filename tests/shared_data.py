"""Data shared beside the checkout (``../shared``): found, skipped loudly, or required.

Some tests read the team's shared folder next to the repository (the seed article, the
real-news measurement set). In a lone clone it is missing, and those tests skip with a printed
reason instead of failing. Where the data must be there (CI), ``REQUIRE_SHARED_DATA=1`` turns
the skip into a failure, so a missing folder can never pass unnoticed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str) -> Path:
    """``../shared/<parts>``; skips the calling test when it is missing (fails when required)."""
    path = SHARED_DIR.joinpath(*parts)
    if path.exists():
        return path
    reason = f"shared data missing: {path} (lone clone; set REQUIRE_SHARED_DATA=1 to make this fail)"
    if os.environ.get("REQUIRE_SHARED_DATA") == "1":
        pytest.fail(reason, pytrace=False)
    print(f"SKIPPED: {reason}", file=sys.stderr)
    pytest.skip(reason)


def seed_article_path() -> Path:
    """The Republika article the product was designed from (``../shared/seed``)."""
    return shared_path("seed", "000_4a4408f8f92593e1.txt")
