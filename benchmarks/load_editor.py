"""The "editor" of ``benchmarks/load.py``: publishes and unpublishes articles during the load.

Run by load.py as a separate process with the example project's environment. Every
``--interval`` seconds it picks one of the given articles and, through Wagtail's own
revision and publish machinery, either publishes a new revision whose title, lead and first
body paragraph carry the same version marker (``[[LOAD <id>:<n>]]``), or unpublishes it.
``--prepare`` publishes version 0 of every article once and exits, so that every response
about these articles carries markers from the start.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"\s*\[\[LOAD \d+:\d+\]\]")
UNPUBLISH_SHARE = 0.25


def setup_django() -> None:
    """Import the repository and the example project, and set Django up from the environment."""
    here = Path(__file__).resolve().parent
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != here]
    for folder in (REPO_ROOT, REPO_ROOT / "example_project"):
        sys.path.insert(0, str(folder))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_project.settings")
    import django

    django.setup()


def publish_version(page_id: int, version: int) -> None:
    """Publish a revision of the article whose title, lead and body show ``version``."""
    from wagtail.rich_text import RichText

    from benchmarks.load_client import marker
    from wagtail_govnews.models import NewsPage

    page = NewsPage.objects.get(pk=page_id)
    tag = marker(page_id, version)
    page.title = f"{MARKER.sub('', page.title)} {tag}"
    page.draft_title = page.title
    page.lead = f"{MARKER.sub('', page.lead)} {tag}"
    blocks = [(child.block_type, child.value) for child in page.body]
    if blocks and blocks[0][0] == "paragraph" and MARKER.search(blocks[0][1].source):
        blocks = blocks[1:]
    page.body = [("paragraph", RichText(f"<p>Phiên bản {tag}</p>")), *blocks]
    page.save_revision(log_action=True).publish()


def unpublish(page_id: int) -> None:
    """Take the article offline, as the admin's "Unpublish" action does."""
    from wagtail_govnews.models import NewsPage

    NewsPage.objects.get(pk=page_id).unpublish()


def edit(page_ids: list[int], seconds: float, interval: float, seed: int) -> dict:
    """Publish and unpublish for ``seconds``; return counts and the time each action took."""
    chooser = random.Random(seed)
    versions = dict.fromkeys(page_ids, 0)
    live = dict.fromkeys(page_ids, True)
    timings: dict[str, list[float]] = {"publish": [], "unpublish": []}
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page_id = chooser.choice(page_ids)
        action = "unpublish" if live[page_id] and chooser.random() < UNPUBLISH_SHARE else "publish"
        started = time.perf_counter()
        try:
            if action == "publish":
                versions[page_id] += 1
                publish_version(page_id, versions[page_id])
            else:
                unpublish(page_id)
            live[page_id] = action == "publish"
            timings[action].append((time.perf_counter() - started) * 1000)
        except Exception as error:  # report it; an editor's failure must not stop the run
            errors.append(f"{action} {page_id}: {type(error).__name__}: {error}")
        time.sleep(max(0.0, interval - (time.perf_counter() - started)))
    return {
        "publishes": len(timings["publish"]),
        "unpublishes": len(timings["unpublish"]),
        "median_publish_ms": statistics.median(timings["publish"]) if timings["publish"] else 0,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> None:
    """Entry point: prepare the articles, or edit them and write a JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", required=True, help="comma-separated article ids")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--prepare", action="store_true", help="publish version 0 and exit")
    parser.add_argument("--report", type=Path, help="write the JSON report here")
    args = parser.parse_args(argv)
    setup_django()
    page_ids = [int(value) for value in args.pages.split(",")]
    if args.prepare:
        for page_id in page_ids:
            publish_version(page_id, 0)
        return
    report = edit(page_ids, args.seconds, args.interval, args.seed)
    if args.report:
        args.report.write_text(json.dumps(report))


if __name__ == "__main__":
    main()
