"""Polite HTTP for the importer: a named user agent, timeouts, robots.txt, a request rate,
and retries with exponential back-off on timeouts, 429 and 5xx answers."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import urllib3

import wagtail_govnews

USER_AGENT = f"wagtail-govnews-import/{wagtail_govnews.__version__}"
RETRIED_STATUSES = {429, 500, 502, 503, 504}
_CHARSET = re.compile(r"""charset=["']?([\w.:-]+)""", re.IGNORECASE)


class FetchError(Exception):
    """An address that could not be fetched (the message says why)."""


@dataclass(frozen=True)
class Response:
    """What a server answered: status, body and the validators of a conditional request."""

    url: str
    status: int
    body: bytes
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    def text(self) -> str:
        """The body as text (see :func:`decode`)."""
        return decode(self.body, self.content_type)


def decode(body: bytes, content_type: str = "") -> str:
    """``body`` as text, in the charset the server (``content_type``) or the page's
    ``<meta>`` names, else UTF-8."""
    match = _CHARSET.search(content_type) or _CHARSET.search(
        body[:4096].decode("ascii", errors="ignore")
    )
    charset = match.group(1) if match else "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", errors="replace")


class Fetcher:
    """Fetches addresses for several threads at once, within a rate of requests per second."""

    def __init__(
        self,
        *,
        rate: float = 5.0,
        timeout: float = 15.0,
        retries: int = 3,
        backoff: float = 0.5,
        robots: bool = True,
        max_bytes: int = 30 * 1024 * 1024,
        workers: int = 4,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.check_robots, self.max_bytes = robots, max_bytes
        self.pool = urllib3.PoolManager(
            num_pools=8,
            maxsize=max(workers, 1),
            # Our own loop retries (with back-off); urllib3 only follows redirects.
            retries=urllib3.Retry(total=None, connect=0, read=0, status=0, other=0, redirect=5),
        )
        self._lock = threading.Lock()
        self._next_slot = 0.0
        self._robots: dict[str, RobotFileParser | None] = {}

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Response:
        """``url``'s answer (a ``304`` when the validators still hold); raises
        :class:`FetchError` after the retries, or when robots.txt forbids the address."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{url}: not an http(s) address")
        if self.check_robots and not self.allowed(url):
            raise FetchError(f"{url}: refused by the site's robots.txt")
        headers = {}  # the user agent is added to every request by _get
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers)

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets this tool fetch ``url`` (no robots.txt: yes)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = origin in self._robots
        if not known:
            parser: RobotFileParser | None = None
            try:
                answer = self._get(origin + "/robots.txt", {}, attempts=1)
                if answer.status == 200:
                    parser = RobotFileParser()
                    parser.parse(answer.text().splitlines())
            except FetchError:
                parser = None
            with self._lock:
                self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    def _wait_for_slot(self) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.interval
        if slot > now:
            time.sleep(slot - now)

    def _get(self, url: str, headers: dict[str, str], attempts: int | None = None) -> Response:
        attempts = self.retries + 1 if attempts is None else attempts
        problem = ""
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_slot()
            try:
                answer = self.pool.request(
                    "GET",
                    url,
                    headers={"User-Agent": USER_AGENT, **headers},
                    timeout=urllib3.Timeout(connect=self.timeout, read=self.timeout),
                    preload_content=False,
                    redirect=True,
                )
                body = answer.read(self.max_bytes + 1)
                answer.release_conn()
            except urllib3.exceptions.HTTPError as error:
                problem = f"{type(error).__name__}: {error}"
                continue
            if len(body) > self.max_bytes:
                raise FetchError(f"{url}: larger than {self.max_bytes} bytes")
            if answer.status in RETRIED_STATUSES:
                problem = f"HTTP {answer.status}"
                continue
            if answer.status >= 400:
                raise FetchError(f"{url}: HTTP {answer.status}")
            return Response(
                url=url,
                status=answer.status,
                body=body,
                content_type=answer.headers.get("Content-Type", ""),
                etag=answer.headers.get("ETag", ""),
                last_modified=answer.headers.get("Last-Modified", ""),
            )
        raise FetchError(f"{url}: {problem} (after {attempts} attempts)")
