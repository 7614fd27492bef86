"""The bad-input corpus through `bookmaker build`: each input gives a valid book or one clear error line, never a
traceback, a hang, a file outside the output folder or a partial file; encodings decode to the words meant."""

from __future__ import annotations

import re

import pytest

from robustness_helpers import (Book, assert_clean_success, assert_no_partial_files, assert_nothing_outside, assert_one_error_line,
                      corpus, problems, qpdf_check)

# What a user must get from each input: an error naming the cause (these words in the one line), or a book.
ERRORS = {
    "empty": ("empty",),
    "whitespace-only": ("whitespace",),
    "bom-only": ("byte order mark",),
    "bom-utf16-only": ("byte order mark",),
    "png": ("PNG",),
    "zip": ("ZIP",),
    "pdf": ("PDF",),
    "random-bytes": ("not text",),
    "empty-markdown": ("empty",),
    "png-as-markdown": ("PNG",),
    "nul-every-tenth-byte": ("not text",),  # a NUL every tenth byte is no text file, whatever its other bytes
    "metadata-wrong-types": ("story.toml", "'title' must be a string"),
    "metadata-wrong-note-type": ("story.toml", "notes"),
    "metadata-bad-language": ("story.toml", "language"),
    "metadata-broken-toml": ("story.toml", "TOML"),
    "metadata-not-utf8": ("story.toml",),
    "metadata-binary": ("story.toml",),
    "markdown-front-matter-wrong-types": ("story.md", "title"),
}
# Too large to lay out: the EPUB is built, the PDF refused with one line naming the cap (see test_bounded_cost.py).
PDF_REFUSED = {"thirty-mb", "5000-chapters"}
BOOKS = sorted(set(corpus.CASES) - set(ERRORS) - PDF_REFUSED)

_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[^\W_]+", text.translate(_FOLD))]


def assert_words_in_order(expected: str, book: Book) -> None:
    """Every word of `expected`, in order, in the book's text: nothing lost or garbled by decoding."""
    found, position = words(book.text()), 0
    for word in words(expected):
        assert word in found[position:], f"{word!r} missing or garbled in {book.path.name}"
        position = found.index(word, position) + 1


# ---------------------------------------------------------------------------------------------- every case

@pytest.mark.parametrize("name", sorted(corpus.CASES))
def test_nothing_written_outside_the_output_folder_and_nothing_partial(corpus_runs, name):
    run = corpus_runs[name]
    assert "Traceback" not in run.stderr + run.stdout, run.stderr
    assert_nothing_outside(run)
    assert_no_partial_files(run.out)


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_input_gives_one_error_line_and_no_book(corpus_runs, name):
    run = corpus_runs[name]
    assert_one_error_line(run, *ERRORS[name])
    assert not run.books(".epub") and not run.books(".pdf")


@pytest.mark.parametrize("name", BOOKS)
def test_input_gives_a_book_in_both_formats(corpus_runs, name):
    run = corpus_runs[name]
    assert_clean_success(run)
    assert len(run.books(".epub")) == 1 and len(run.books(".pdf")) == 1, run.outputs


@pytest.mark.parametrize("name", BOOKS + sorted(PDF_REFUSED))
def test_every_epub_passes_epubcheck(corpus_runs, corpus_reports, name):
    for epub in corpus_runs[name].books(".epub"):
        assert problems(corpus_reports[epub]) == [], f"{name}: EPUBCheck"


@pytest.mark.parametrize("name", BOOKS)
def test_every_pdf_passes_qpdf_check(corpus_runs, name):
    for pdf in corpus_runs[name].books(".pdf"):
        clean, said = qpdf_check(pdf)
        assert clean, f"{name}: qpdf --check: {said}"


@pytest.mark.parametrize("name", BOOKS)
def test_file_names_are_safe_everywhere(corpus_runs, name):
    """Output names are short lowercase ASCII slugs, never a reserved device name, whatever the title."""
    for path in corpus_runs[name].books(".epub") + corpus_runs[name].books(".pdf"):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.(epub|pdf)", path.name), path.name
        assert len(path.name) <= 70, path.name
        assert path.stem.split("-")[0] not in {"con", "prn", "aux", "nul"} or "-" in path.stem, path.name


# ---------------------------------------------------------------------------------------------- what the books hold

@pytest.mark.parametrize("name, sample", [
    ("utf16-le-bom", corpus.SAMPLE), ("utf16-be-bom", corpus.SAMPLE), ("utf16-le-no-bom", corpus.SAMPLE),
    ("utf16-be-no-bom", corpus.SAMPLE), ("windows-1252", corpus.SAMPLE), ("latin-1", corpus.SAMPLE_LATIN1),
    ("mixed-utf8-and-1252", corpus.SAMPLE + "“Quoted,” she said — twice…"),
])
def test_encodings_decode_to_the_words_the_author_wrote(corpus_runs, name, sample):
    [epub] = corpus_runs[name].books(".epub")
    # The sample's one chapter opens with `Chapter 1`, which numbers nothing and is not printed (reported: D122).
    label, story = sample.split("\n\n", 1)
    assert label == "Chapter 1"
    assert_words_in_order(story, Book(epub))


def test_control_characters_are_removed_and_the_words_kept(corpus_runs):
    [epub] = corpus_runs["control-characters"].books(".epub")
    book = Book(epub)
    assert_words_in_order("A bell rang in the red room. Del and", book)
    for name, tree in book.documents():
        text = "".join(tree.itertext()) + "".join(v for e in tree.iter() for v in e.attrib.values())
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text), name


def test_a_file_holding_only_a_heading_keeps_it(corpus_runs):
    [epub] = corpus_runs["heading-only"].books(".epub")
    assert_words_in_order("Chapter 1", Book(epub))


def test_a_one_megabyte_line_keeps_every_word(corpus_runs, tmp_path):
    run = corpus_runs["one-mb-line"]
    source = (run.out.parent / "story.txt").read_text(encoding="utf-8")
    [epub] = run.books(".epub")
    found = words(Book(epub).text())
    expected = words(source)
    start = found.index(expected[0])
    assert found[start:start + len(expected)] == expected


def test_an_unbroken_word_is_kept_whole_and_printed_on_the_page(corpus_runs):
    """A 100,000-character token (a pasted URL, a keyboard smash) wraps in print instead of running off the page."""
    import subprocess

    run = corpus_runs["long-unbroken-word"]
    [epub], [pdf] = run.books(".epub"), run.books(".pdf")
    assert "x" * 100_000 in Book(epub).text()
    on_pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=120).stdout
    assert on_pages.count("x") >= 100_000, f"only {on_pages.count('x')} of 100,000 characters inside the pages"


def test_ten_thousand_scene_breaks_are_all_kept(corpus_runs):
    [epub] = corpus_runs["10000-scene-breaks"].books(".epub")
    book = Book(epub)
    source = (corpus_runs["10000-scene-breaks"].out.parent / "story.txt").read_text(encoding="utf-8")
    breaks = sum(len(tree.xpath("//*[contains(concat(' ', @class, ' '), ' scene-break ')]"))
                 for _, tree in book.documents())
    assert breaks == source.count("\n***\n")


# Titles: the metadata file's value is the book's title, exactly (control characters aside), and a safe file name.
TITLES = {
    "title-slashes-and-dots": "../../../etc/passwd/..",
    "title-reserved-name": "CON",
    "title-300-characters": ("Long " * 60).strip(),
    "title-emoji": "🦋 Moth 👩‍👩‍👧 \u200d\ufe0f",
    "title-right-to-left": "\u202eאור הפנס\u202c مرحبا",
    "title-markup": "<script>alert(1)</script> & <b>bold</b>",
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_hostile_titles_are_kept_as_text(corpus_runs, name):
    [epub] = corpus_runs[name].books(".epub")
    book = Book(epub)
    assert book.dc("title") == [TITLES[name]]
    titlepage = next(tree for doc, tree in book.documents() if "titlepage" in doc)
    assert TITLES[name] in " ".join(titlepage.itertext())


@pytest.mark.parametrize("name", ["title-empty-and-control", "markdown-front-matter-control"])
def test_control_characters_in_a_title_are_removed(corpus_runs, name):
    [epub] = corpus_runs[name].books(".epub")
    [title] = Book(epub).dc("title")
    assert title.strip() and not re.search("[\x00-\x1f]", title)


def test_unknown_metadata_keys_are_ignored_with_a_warning(corpus_runs, tmp_path):
    from robustness_helpers import bookmaker

    run = corpus_runs["metadata-unknown-keys"]
    assert [p.name for p in run.books(".epub")] == ["known.epub"]
    verbose = bookmaker("inspect", "story.txt", cwd=run.out.parent)
    assert verbose.returncode == 0 and "unknown key 'colour'" in verbose.stdout
