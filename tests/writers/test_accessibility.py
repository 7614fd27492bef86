"""DAISY Ace checks the accessibility the EPUBs claim (EPUB Accessibility 1.1, WCAG 2.1 AA): no violation in any
seed's book, the seeds' anthology or a story mixing scripts. Ace is set up by scripts/setup.sh (npm, into .tools/)
and runs with Debian's Chromium; each EPUB is checked once per session."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bookmaker.anthology import load_anthology_meta
from book_helpers import build_story
from bookmaker.pipeline import compile_story
from bookmaker.render import render_anthology
from bookmaker.render.book import Options
from bookmaker.writers import writer_for

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
MIXED = Path(__file__).with_name("mixed_scripts.txt")
WHEN = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
BOOKS = [p.name for p in sorted(SEEDS.glob("*.txt"))] + ["anthology", MIXED.name]


def ace_command() -> list[str]:
    """ace-puppeteer from the project's .tools/ (scripts/setup.sh), else from PATH; fails the test when missing."""
    local = ROOT / ".tools" / "node_modules" / ".bin" / "ace-puppeteer"
    found = str(local) if local.exists() else shutil.which("ace-puppeteer")
    if not found:
        pytest.fail("DAISY Ace is not installed: scripts/setup.sh installs it (npm @daisy/ace into .tools/)")
    return [found]


def chromium() -> str:
    found = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")
    if not found:
        pytest.fail("Chromium is not installed: scripts/setup.sh installs Debian's chromium for Ace")
    return found


def run_ace(epub: Path, out: Path) -> dict:
    """Ace's JSON report of one EPUB (its own Chromium, started with --no-sandbox by Ace's puppeteer runner)."""
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium()}
    result = subprocess.run([*ace_command(), "--silent", "--force", "--outdir", str(out), str(epub)],
                            capture_output=True, text=True, env=env, timeout=300)
    report = out / "report.json"
    assert report.exists(), f"Ace wrote no report for {epub.name} (exit {result.returncode}): {result.stderr[-2000:]}"
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def epubs(tmp_path_factory) -> dict[str, Path]:
    """Every book under test, written once: the seeds, their anthology and the mixed-script story."""
    out = tmp_path_factory.mktemp("ace-books")
    options = Options(modified=WHEN)
    manuscripts = {p.name: compile_story(p) for p in sorted(SEEDS.glob("*.txt"))}
    books = {}
    for name, manuscript in manuscripts.items():
        [books[name]] = build_story(SEEDS / name, out, ["epub"], options, manuscript=manuscript)
    meta, editor = load_anthology_meta(SEEDS / "anthology.toml")
    books["anthology"] = out / "anthology.epub"
    writer_for("epub").write(render_anthology(list(manuscripts.values()), meta, options, editor=editor),
                             books["anthology"], options)
    [books[MIXED.name]] = build_story(MIXED, out, ["epub"], options)
    return books


@pytest.fixture(scope="session")
def ace_reports(epubs, tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("ace-reports")
    return {name: run_ace(path, out / path.stem) for name, path in epubs.items()}


def violations(report: dict) -> list[str]:
    """Every failed assertion of an Ace report, as 'document: rule (impact): description'."""
    found = []
    for document in report.get("assertions", []):
        for assertion in document.get("assertions", []):
            test, result = assertion["earl:test"], assertion["earl:result"]
            if result.get("earl:outcome") != "pass":
                found.append(f"{document['earl:testSubject']['url']}: {test['dct:title']} ({test['earl:impact']}): "
                             f"{result.get('dct:description', '')[:200]}")
    return found


@pytest.mark.parametrize("name", BOOKS)
def test_ace_reports_no_violation(ace_reports, name):
    report = ace_reports[name]
    found = violations(report)
    assert not found, "\n".join(found)
    assert report["earl:result"]["earl:outcome"] == "pass"


def test_ace_sees_the_accessibility_metadata(ace_reports):
    # Ace reads what the package claims; the claim it checks must be there for it to check.
    present = set(ace_reports["anthology"]["a11y-metadata"]["present"])
    assert {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo"} <= present, present


def test_violations_are_read_from_a_failing_report():
    # The reader of Ace's report must see a failure where there is one (here: Ace's own shape, as it reported the
    # package without xml:lang), or the test above could never fail.
    report = {"earl:result": {"earl:outcome": "fail"}, "assertions": [{
        "earl:testSubject": {"url": "EPUB/content.opf"},
        "assertions": [{"earl:test": {"dct:title": "epub-lang", "earl:impact": "serious"},
                        "earl:result": {"earl:outcome": "fail", "dct:description": "The language must be specified"}}],
    }]}
    assert violations(report) == ["EPUB/content.opf: epub-lang (serious): The language must be specified"]
