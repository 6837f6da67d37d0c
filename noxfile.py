"""The supported-versions matrix: ``nox`` (or ``make matrix``) runs the test suite on each stack.

- ``oldest``: Python 3.11, Django 5.2, Wagtail 7.4 LTS and the lowest version of every direct
  dependency that ``pyproject.toml`` allows, on SQLite;
- ``middle``: Python 3.12, Django 6.0, Wagtail 7.4 LTS, on MariaDB (127.0.0.1:3306);
- ``newest``: Python 3.13, Django 6.1 and Wagtail 8, the newest releases, on PostgreSQL
  (127.0.0.1:5432).

``make test`` runs the whole suite (browser tests included) on the development stack; these
sessions leave out the browser tests (Chromium) unless ``GOVNEWS_MATRIX_MARKERS`` says
otherwise. ``middle`` shares Wagtail 7.4 with ``oldest``, which runs the ``slow`` tests on it,
so ``middle`` leaves them out too (about four minutes of CI). The interpreters come from pyenv
when they are not on ``PATH``.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).parent
# Browsers and the production-like stack (tests/test_stack.py) run once, in `make test`.
MARKERS = os.environ.get("GOVNEWS_MATRIX_MARKERS", "not browser and not stack")
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/govnews_matrix"
MARIADB_URL = "mysql://root@127.0.0.1:3306/govnews_matrix"

LOWER_BOUND = re.compile(r"^([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)")

nox.options.sessions = ["oldest", "middle", "newest"]
nox.options.error_on_missing_interpreters = True


def _add_pyenv_interpreters() -> None:
    """Put pyenv's Python 3.11 to 3.13 on ``PATH`` so that nox finds ``python3.1x``."""
    versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = sorted(versions.glob("3.1[1-3].*/bin")) if versions.is_dir() else []
    os.environ["PATH"] = os.pathsep.join([*map(str, found), os.environ["PATH"]])


def lowest_pins() -> list[str]:
    """``name==X`` for each direct dependency declared as ``name>=X`` in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = LOWER_BOUND.match(requirement)
        if match:
            pins.append(f"{match[1]}=={match[3]}")
    return pins


def run_tests(
    session: nox.Session, database_url: str | None = None, markers: str = MARKERS
) -> None:
    """Check the stack, then run the suite (``-m markers``) on ``database_url`` or SQLite."""
    env = {"DATABASE_URL": database_url} if database_url else {}
    session.run("python", "-m", "pip", "list", "--format=freeze", silent=False)
    check_env = {**env, "PYTHONPATH": os.pathsep.join([".", "example_project"])}
    session.run("django-admin", "check", "--settings=tests.settings", env=check_env)
    session.run(
        *("python", "-m", "pytest", "-n", "auto", "-q", "-m", markers),
        *session.posargs,
        env=env,
    )


@nox.session(python="3.11")
def oldest(session: nox.Session) -> None:
    """Python 3.11, Django 5.2, Wagtail 7.4 and the lowest allowed dependencies, SQLite."""
    constraints = Path(session.create_tmp()) / "lowest.txt"
    constraints.write_text("\n".join([*lowest_pins(), ""]))
    session.install("-c", str(constraints), ".[test]")
    run_tests(session)


@nox.session(python="3.12")
def middle(session: nox.Session) -> None:
    """Python 3.12, Django 6.0, Wagtail 7.4, MariaDB; the ``slow`` tests run in ``oldest``."""
    session.install(".[test,mysql]", "Django>=6.0,<6.1", "wagtail>=7.4,<7.5")
    run_tests(session, MARIADB_URL, markers=f"({MARKERS}) and not slow")


@nox.session(python="3.13")
def newest(session: nox.Session) -> None:
    """Python 3.13, the newest Django (6.1) and Wagtail (8) releases, PostgreSQL."""
    session.install("--upgrade", ".[test,postgres]", "Django>=6.1,<6.2", "wagtail>=8.0,<9.0")
    run_tests(session, POSTGRES_URL)


_add_pyenv_interpreters()
