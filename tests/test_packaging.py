"""What ``make dist`` ships: the sdist and the wheel hold exactly the package, and pass twine.

Built from this checkout with ``python -m build --no-isolation`` (hatchling from the test
extras). The wheel holds every file git tracks under ``wagtail_govnews/`` (templates, static
files, compiled translations, migrations, the bundled font and its licence, ``py.typed``) and
nothing else; the sdist adds the top-level README, changelog, licence and ``pyproject.toml``.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds both distributions in a subprocess

ROOT = Path(__file__).resolve().parent.parent
SDIST_EXTRAS = {"README.md", "CHANGELOG.md", "LICENSE", "pyproject.toml", "PKG-INFO", ".gitignore"}
MUST_SHIP = {
    "wagtail_govnews/py.typed",
    "wagtail_govnews/contrib/pdf/fonts/NotoSans-Regular.ttf",
    "wagtail_govnews/contrib/pdf/fonts/NotoSans-Bold.ttf",
    "wagtail_govnews/contrib/pdf/fonts/OFL.txt",
    "wagtail_govnews/locale/vi/LC_MESSAGES/django.mo",
    "wagtail_govnews/locale/en/LC_MESSAGES/django.mo",
}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)]
    subprocess.run(build, check=True, capture_output=True, timeout=300)
    return out


def tracked_package_files() -> set[str]:
    listing = subprocess.run(
        ["git", "ls-files", "wagtail_govnews"], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return {name for name in listing.stdout.splitlines() if (ROOT / name).is_file()}


def test_the_wheel_holds_exactly_the_package(dist):
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = {name for name in names if ".dist-info/" not in name}
    assert package == tracked_package_files()
    assert package >= MUST_SHIP
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)


def test_the_sdist_holds_the_package_and_its_top_level_files(dist):
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    files = {name for name in names if not name.endswith("/")}
    assert files - SDIST_EXTRAS == tracked_package_files()
    assert files >= SDIST_EXTRAS
    assert not any(name.startswith(("tests/", "docs/", "example_project/")) for name in files)


def test_twine_accepts_both(dist):
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2
