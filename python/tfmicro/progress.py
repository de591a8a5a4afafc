"""A progress bar for long command-line work, shown only on a terminal.

    with Progress(total=100, label="validate") as bar:
        for item in work:
            ...
            bar.update()

It draws on stderr (so stdout stays clean for tables, CSV and JSON) and only
when stderr is a terminal; in a pipe, a log file or a test it writes nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 30
_REDRAW_SECONDS = 0.1


class Progress:
    """Counts ``total`` steps and redraws a one-line bar as they complete.

    Args:
      total: number of steps.
      label: what is being done, shown before the bar.
      stream: where to draw (default stderr).
      enabled: force on or off; by default on only when ``stream`` is a
        terminal.
    """

    def __init__(self, total: int, label: str, stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.total = max(int(total), 0)
        self.label = label
        self.done = 0
        self._stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self._stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self._start = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False

    def __enter__(self) -> Progress:  # noqa: PYI034 (final class)
        self._draw(force=True)
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def update(self, steps: int = 1) -> None:
        self.done = min(self.done + steps, self.total)
        self._draw(force=self.done == self.total)

    def set_label(self, label: str) -> None:
        self.label = label
        self._draw(force=True)

    def close(self) -> None:
        """Erases the bar so that later output starts on a clean line."""
        if self.enabled and self._drawn:
            self._stream.write("\r\033[K")
            self._stream.flush()
            self._drawn = False

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < _REDRAW_SECONDS:
            return
        self._last_draw = now
        fraction = self.done / self.total if self.total else 1.0
        filled = round(fraction * _WIDTH)
        elapsed = now - self._start
        self._stream.write(
            f"\r\033[K{self.label} [{'#' * filled}{'.' * (_WIDTH - filled)}] "
            f"{self.done}/{self.total} {elapsed:.1f}s")
        self._stream.flush()
        self._drawn = True
