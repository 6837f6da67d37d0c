"""The run's progress line and its closing report: counts, rate, what failed and why."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

ACTIONS = ("created", "updated", "unchanged", "kept", "skipped", "failed")


@dataclass
class Report:
    """What a run did: counts per action, failures and notes per address, time taken."""

    total: int = 0
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def done(self) -> int:
        """Articles handled so far."""
        return sum(self.counts.values())

    def rate(self) -> float:
        """Articles per second so far."""
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def summary(self) -> str:
        """One line: every count, and the rate."""
        counts = ", ".join(f"{self.counts[action]} {action}" for action in ACTIONS)
        stopped = ", interrupted" if self.interrupted else ""
        return f"{self.done}/{self.total} articles ({counts}) at {self.rate():.1f}/s{stopped}"

    def as_dict(self) -> dict:
        """The report as JSON-ready data (``--report FILE``)."""
        return {
            "total": self.total,
            "counts": {action: self.counts[action] for action in ACTIONS},
            "seconds": round(self.seconds, 2),
            "interrupted": self.interrupted,
            "failures": [{"url": url, "reason": why} for url, why in self.failures],
            "skipped": [{"url": url, "reason": why} for url, why in self.skipped],
            "notes": [{"url": url, "note": note} for url, note in self.notes],
        }


class ProgressLine:
    """A progress bar on one line, redrawn at most every ``interval`` seconds."""

    def __init__(self, write: Callable[[str], None], report: Report, interval: float = 0.5):
        self.write, self.report, self.interval = write, report, interval
        self._last = 0.0

    def update(self, force: bool = False) -> None:
        """Redraw the line if it is time (or ``force``)."""
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        total = max(self.report.total, 1)
        filled = int(30 * self.report.done / total)
        bar = "#" * filled + "." * (30 - filled)
        self.write(f"[{bar}] {self.report.summary()}")
