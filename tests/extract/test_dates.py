from __future__ import annotations

from datetime import datetime, timezone

import pytest

from wirewatch.extract.dates import to_utc_iso

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "raw, want",
    [
        ("2026-11-24T09:30:00Z", "2026-11-24T09:30:00Z"),
        ("2026-11-24T10:30:00+01:00", "2026-11-24T09:30:00Z"),
        ("2026-11-24T10:30:00.123+0100", "2026-11-24T09:30:00Z"),
        ("2026-11-24 09:30", "2026-11-24T09:30:00Z"),
        ("2026-11-24", "2026-11-24T00:00:00Z"),
        ("20261124T093000Z", "2026-11-24T09:30:00Z"),
        ("Tue, 24 Nov 2026 09:30:00 GMT", "2026-11-24T09:30:00Z"),
        ("2026-11-24T06:30:00-03:00", "2026-11-24T09:30:00Z"),
        ("yesterday", None),
        ("", None),
        (None, None),
        ("1970-01-01", None),  # implausibly old
        ("2031-01-01T00:00:00Z", None),  # in the future
        ("2026-02-30", None),
    ],
)
def test_to_utc_iso(raw, want):
    assert to_utc_iso(raw, now=NOW) == want
