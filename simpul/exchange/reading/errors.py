"""The one error type of the reading layer and the limits it enforces."""

from __future__ import annotations

from simpul.core.money import group_thousands

# Limits are generous for a Dinas spreadsheet yet small enough that one upload cannot
# exhaust a worker's memory. Each public function takes an argument to override them.
MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ROWS = 200_000


class ReadError(Exception):
    """A file that cannot be read; ``message`` is shown to the officer as is (Indonesian)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def megabytes(size: int) -> str:
    """Format a byte count the way the limits are announced (``25 MB``)."""
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if value >= 10 else f"{value:.1f} MB".replace(".", ",")


def count(number: int) -> str:
    """Format a count with Indonesian thousands separators (``200.000``)."""
    return group_thousands(number)
