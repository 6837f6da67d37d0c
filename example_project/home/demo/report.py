"""Count what the demo loader created and what was already there, and summarise it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Tally:
    """How many objects of each kind were created, and how many were already present."""

    created: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    order: list[str] = field(default_factory=list)

    def add(self, kind: str, created: bool, count: int = 1) -> None:
        """Record ``count`` objects of ``kind`` as created (or as found already present)."""
        if kind not in self.order:
            self.order.append(kind)
        (self.created if created else self.present)[kind] += count

    def remove(self, kind: str, count: int = 1) -> None:
        """Record ``count`` objects of ``kind`` as deleted."""
        if kind not in self.order:
            self.order.append(kind)
        self.removed[kind] += count

    @property
    def total_created(self) -> int:
        """Objects created by this run, all kinds together."""
        return sum(self.created.values())

    def lines(self) -> list[str]:
        """One line per kind: ``kind  N created, M already present[, K removed]``."""
        width = max((len(kind) for kind in self.order), default=0)
        lines = []
        for kind in self.order:
            line = (
                f"  {kind:<{width}}  {self.created[kind]:>3} created, "
                f"{self.present[kind]:>3} already present"
            )
            if self.removed[kind]:
                line += f", {self.removed[kind]} removed"
            lines.append(line)
        return lines
