"""The load generator of ``benchmarks/load.py``: threads sending a request mix over loopback.

Every thread keeps one HTTP/1.1 connection to 127.0.0.1 (reopened when the server closes it)
and sends requests drawn from a weighted mix until the deadline or the request cap. Each
answer is timed, classified (ok, expected 404, error) and checked for a half-published
state: in one response, every version marker of an article the editor changes must carry the
same version.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import statistics
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"  # loopback only: this generator never targets another address
MARKER = re.compile(r"\[\[LOAD (\d+):(\d+)\]\]")


def marker(page_id: int, version: int) -> str:
    """The version marker the editor writes into an article's title, lead and body."""
    return f"[[LOAD {page_id}:{version}]]"


@dataclass(frozen=True)
class Target:
    """One URL of the mix; ``hot`` is the id of an article the editor changes, if any."""

    kind: str
    path: str
    hot: int | None = None
    min_markers: int = 0


@dataclass
class Results:
    """What the threads measured, merged under a lock."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    expected_404: int = 0
    errors: Counter = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)
    checked: int = 0
    half_published: list[str] = field(default_factory=list)
    keep_failures: Path | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def total(self) -> int:
        """Requests that got an HTTP answer."""
        return sum(len(values) for values in self.latencies.values())

    def error_count(self) -> int:
        """Errors and half-published responses together."""
        return sum(self.errors.values()) + len(self.half_published)


def check_markers(target: Target, body: bytes) -> str | None:
    """A description of the half-published state ``body`` shows, or None if it is consistent.

    Every article whose markers appear must show one version; the article a URL is about must
    show its marker at least ``min_markers`` times (title, lead and body).
    """
    text = body.decode("utf-8", "replace")
    if target.kind in ("api detail", "api find"):
        try:
            data = json.loads(text)
            parts = [data["title"], data["lead"], *(b.get("html", "") for b in data["body"])]
        except (ValueError, KeyError, TypeError) as error:
            return f"{target.path}: unreadable detail ({error})"
        text = "\n".join(parts)
    versions: dict[int, list[int]] = defaultdict(list)
    for page_id, version in MARKER.findall(text):
        versions[int(page_id)].append(int(version))
    for page_id, seen in versions.items():
        if len(set(seen)) > 1:
            return f"{target.path}: article {page_id} in versions {sorted(set(seen))}"
    if target.hot is not None and len(versions.get(target.hot, [])) < target.min_markers:
        found = len(versions.get(target.hot, []))
        return f"{target.path}: {found} markers of article {target.hot}, {target.min_markers} due"
    return None


class Worker(threading.Thread):
    """One client thread with its own connection and random generator."""

    def __init__(
        self,
        port: int,
        mix: list[Target],
        weights: list[float],
        stop: threading.Event,
        budget: threading.Semaphore,
        results: Results,
        seed: int,
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.mix, self.weights = port, mix, weights
        self.stop_event, self.budget, self.results = stop, budget, results
        self.random = random.Random(seed)
        self.connection: http.client.HTTPConnection | None = None

    def run(self) -> None:
        """Send requests until told to stop or the request budget is spent."""
        while not self.stop_event.is_set() and self.budget.acquire(blocking=False):
            target = self.random.choices(self.mix, self.weights)[0]
            self.request(target)
        self._disconnect()

    def request(self, target: Target) -> None:
        """Send one request, time it and record the outcome.

        Like a browser, retry once on a fresh connection when a kept-alive one turns out to
        have been closed by the server meanwhile.
        """
        start = time.perf_counter()
        for attempt in (1, 2):
            reused = self.connection is not None
            try:
                status, body = self._send(target.path)
                break
            except (OSError, http.client.HTTPException) as error:
                self._disconnect()
                if not (reused and attempt == 1):
                    kind = f"connection: {type(error).__name__}"
                    self.record_error(target, kind, str(error))
                    return
        elapsed = (time.perf_counter() - start) * 1000
        self.record(target, status, body, elapsed)

    def _send(self, path: str) -> tuple[int, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        self.connection.request("GET", path, headers={"Accept-Language": "vi"})
        response = self.connection.getresponse()
        body = response.read()
        if response.will_close:
            self._disconnect()
        return response.status, body

    def _disconnect(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def record(self, target: Target, status: int, body: bytes, elapsed_ms: float) -> None:
        """Classify one answer and check it for a half-published article."""
        problem = check_markers(target, body) if status == 200 else None
        with self.results.lock:
            self.results.latencies[target.kind].append(elapsed_ms)
            self.results.statuses[status] += 1
            if status == 200 and MARKER.search(body.decode("utf-8", "replace")):
                self.results.checked += 1
            if problem:
                self.results.half_published.append(problem)
                self._keep(problem, body)
            elif status == 404 and target.hot is not None:
                self.results.expected_404 += 1  # the editor unpublished it for a moment
            elif status >= 400:
                self.results.errors[f"HTTP {status}"] += 1
                self._example(f"HTTP {status} {target.path}")

    def record_error(self, target: Target, kind: str, detail: str) -> None:
        """Count a request that got no HTTP answer."""
        with self.results.lock:
            self.results.errors[kind] += 1
            self._example(f"{kind} {target.path}: {detail}")

    def _keep(self, problem: str, body: bytes) -> None:
        folder = self.results.keep_failures
        if folder is not None:
            number = len(self.results.half_published)
            (folder / f"half-published-{number}.txt").write_bytes(problem.encode() + b"\n" + body)

    def _example(self, line: str) -> None:
        if len(self.results.error_examples) < 10:
            self.results.error_examples.append(line)


def drive(
    port: int,
    mix: list[tuple[Target, float]],
    *,
    seconds: float,
    threads: int,
    max_requests: int,
    seed: int = 1,
    keep_failures: Path | None = None,
) -> tuple[Results, float]:
    """Run ``threads`` workers for ``seconds`` (at most ``max_requests``); return the results."""
    targets, weights = [t for t, _ in mix], [w for _, w in mix]
    results, stop = Results(keep_failures=keep_failures), threading.Event()
    budget = threading.Semaphore(max_requests)
    workers = [
        Worker(port, targets, weights, stop, budget, results, seed + n) for n in range(threads)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    try:
        stop.wait(seconds)
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=40)
    return results, time.perf_counter() - started


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 of ``values`` (ms)."""
    if len(values) < 2:
        value = values[0] if values else 0.0
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def summary(results: Results, elapsed: float) -> str:
    """The report: throughput, latency per request kind, statuses, errors, consistency."""
    everything = [v for values in results.latencies.values() for v in values]
    p50, p95, p99 = percentiles(everything)
    lines = [
        f"requests: {results.total} in {elapsed:.1f} s = {results.total / elapsed:.1f} req/s",
        f"latency ms: p50 {p50:.1f}  p95 {p95:.1f}  p99 {p99:.1f}",
        "",
        f"{'kind':<14}{'requests':>9}{'p50':>8}{'p95':>8}{'p99':>8}",
    ]
    for kind, values in sorted(results.latencies.items()):
        k50, k95, k99 = percentiles(values)
        lines.append(f"{kind:<14}{len(values):>9}{k50:>8.1f}{k95:>8.1f}{k99:>8.1f}")
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(results.statuses.items()))
    lines += [
        "",
        f"statuses: {statuses}",
        f"expected 404s (article unpublished by the editor at that moment): {results.expected_404}",
        f"errors: {sum(results.errors.values())} {dict(results.errors) or ''}".rstrip(),
        f"half-published responses: {len(results.half_published)} "
        f"(of {results.checked} responses showing edited articles)",
    ]
    lines += [f"  e.g. {line}" for line in results.error_examples[:5]]
    lines += [f"  e.g. {line}" for line in results.half_published[:5]]
    return "\n".join(lines)
