"""anthology.toml is input like a story's metadata file: a language tag that is not well-formed is one error line
(exit 3) before anything is built; control characters are removed; what is accepted gives an EPUB EPUBCheck passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from robustness_helpers import (assert_clean_success, assert_nothing_outside, assert_one_error_line, bookmaker, corpus,
                                epubcheck, problems)


def library(tmp_path: Path, anthology: str) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    for n in range(2):
        (folder / f"s{n}.txt").write_text(corpus.chapters(2, 80, seed=n), encoding="utf-8")
    (folder / "anthology.toml").write_text(anthology, encoding="utf-8")
    return folder


def build(tmp_path: Path):
    return bookmaker("build", "lib", "--out", "out", "-f", "epub", "-j", "1", cwd=tmp_path, out=tmp_path / "out",
                     timeout=120)


@pytest.mark.parametrize("language", ["not a tag", "x", "en_US", "en-x", "en-a", "e", "english!", "en--us", "-en",
                                      "en-", "a" * 70])
def test_a_malformed_language_is_one_error_line(tmp_path, language):
    library(tmp_path, f'title = "Stories"\nlanguage = "{language}"\n')
    run = build(tmp_path)
    assert run.returncode == 3, run.stderr
    assert_one_error_line(run, "anthology.toml", "language")
    assert not (tmp_path / "out").exists()
    assert_nothing_outside(run)


def test_well_formed_tags_and_control_characters_give_a_valid_book(tmp_path):
    library(tmp_path, 'title = "Sto\\u0001ries\\u0000"\neditor = "A.\\u0007 Editor"\nlanguage = "de-CH-1996"\n'
                      'description = "Two\\u001b stories."\n')
    run = build(tmp_path)
    assert_clean_success(run)
    book = tmp_path / "out" / "anthology.epub"
    assert problems(epubcheck([book])[book]) == []


@pytest.mark.parametrize("language", ["pt-BR", "zh-Hant-TW", "sr-Latn", "es-419", "en-GB-x-oxford"])
def test_well_formed_language_tags_are_accepted(language):
    from bookmaker.metadata import check_language

    assert check_language(f" {language} ", "anthology.toml") == language


@pytest.mark.parametrize("where", ["anthology.toml", "s0.toml"])
def test_toml_nested_too_deep_is_one_error_line(tmp_path, where):
    """tomllib recurses for nested arrays: 50,000 deep was a RecursionError, an internal error."""
    folder = library(tmp_path, 'title = "Stories"\n')
    (folder / where).write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    run = build(tmp_path)
    assert run.returncode == 3, run.stderr
    assert where in run.stderr and "nested too deep" in run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
