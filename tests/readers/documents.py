"""Documents the reader tests build themselves: an AO3 download written from the archive's own templates
(otwarchive app/views/downloads), Word and OpenDocument files, web pages and RTF."""

from __future__ import annotations

from html import escape
from pathlib import Path


def ao3_download(title: str = "The Winter Road", author: str = "quietwriter", chapters: int = 3,
                 work_notes: str | None = "Thanks to my beta, <i>always</i>.",
                 end_notes: str | None = "Comments feed me.", series: str | None = "Roads",
                 one_chapter_heading: bool = False) -> str:
    """An Archive of Our Own 'Download -> HTML' page, shaped as the archive's templates write it."""
    tags = [("Rating", ["Teen And Up Audiences"]), ("Archive Warning", ["No Archive Warnings Apply"]),
            ("Category", ["F/M"]), ("Fandom", ["Original Work", "Winter Tales"]),
            ("Relationships", ["Anna/Boris"]), ("Characters", ["Anna", "Boris"]),
            ("Additional Tags", ["Slow Burn", "Snow"])]
    def links(values: list[str]) -> str:
        return ", ".join(f'<a href="https://archiveofourown.org/tags/{escape(v)}">{escape(v)}</a>' for v in values)

    dl = "".join(f"<dt>{label}:</dt>\n<dd>{links(values)}</dd>\n" for label, values in tags)
    dl += "<dt>Language:</dt>\n<dd>English</dd>\n"
    if series:
        dl += (f"<dt>Series:</dt>\n<dd>Part 2 of\n<a href=\"https://archiveofourown.org/series/77\">{series}</a></dd>\n")
    dl += (f"<dt>Stats:</dt>\n<dd>\n Published: 2021-03-04\n Updated: 2021-05-06\n Words: 1,234\n"
           f" Chapters: {chapters}/{chapters}\n</dd>\n")
    notes = ""
    if work_notes or end_notes:
        notes = "<p>Notes</p>\n"
        if work_notes:
            notes += f"<blockquote class=\"userstuff\"><p>{work_notes}</p></blockquote>\n"
        if end_notes:
            notes += '<div class="endnote-link">See the end of the work for <a href="#endnotes">more notes</a></div>\n'
    preface = f"""<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message">
    <b>{title}</b><br/>
    Posted originally on the <a href="http://archiveofourown.org/">Archive of Our Own</a> at <a href="http://archiveofourown.org/works/123456">http://archiveofourown.org/works/123456</a>.
  </p>
  <div class="meta">
    <dl class="tags">
{dl}    </dl>
    <h1>{title}</h1>
    <div class="byline">by <a rel="author" href="http://archiveofourown.org/users/{author}/pseuds/{author}">{author}</a></div>
    <p>Summary</p>
    <blockquote class="userstuff"><p>Two travellers and a <em>long</em> winter.</p></blockquote>
{notes}  </div>
</div>
"""
    body = []
    for n in range(1, chapters + 1):
        text = (f"<p>Snow fell on the road in chapter {n}, and Anna walked on.</p>\n<p>She said, \"We go <i>now</i>.\"</p>\n"
                f"<p>***</p>\n<p>Later, the second scene of chapter {n} began.</p>\n")
        if chapters == 1 and not one_chapter_heading:
            body.append(f'<div class="userstuff">\n{text}</div>\n')
            continue
        meta = f'<div class="meta group">\n<h2 class="heading">Chapter {n}: Part {n} of the Road</h2>\n'
        if n == 2:
            meta += ('<p>Chapter Summary</p>\n<blockquote class="userstuff"><p>In which it snows.</p></blockquote>\n'
                     '<p>Chapter Notes</p>\n<blockquote class="userstuff"><p>Short one, sorry!</p></blockquote>\n'
                     '<div class="endnote-link">See the end of the chapter for <a href="#endnotes2">more notes</a></div>\n')
        meta += "</div>\n"
        end = ""
        if n == 2:
            end = (f'<div class="meta" id="endnotes{n}">\n<p>Chapter End Notes</p>\n'
                   '<blockquote class="userstuff"><p>Next week: the pass.</p></blockquote>\n</div>\n')
        body.append(f"{meta}<!--chapter content-->\n<div class=\"userstuff\">\n{text}</div>\n<!--/chapter content-->\n{end}")
    afterword = '<div id="afterword">\n<h2 class="toc-heading">Afterword</h2>\n'
    if end_notes:
        afterword += ('<div class="meta">\n<div id="endnotes">\n<p>End Notes</p>\n'
                      f'<blockquote class="userstuff"><p>{end_notes}</p></blockquote>\n</div>\n</div>\n')
    afterword += ('<p class="message">Please <a href="http://archiveofourown.org/works/123456/comments/new">drop by the '
                  'Archive and comment</a> to let the creator know if you enjoyed their work!</p>\n</div>\n')
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
  <head>
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
    <title>{title} - {author} - Original Work</title>
    <style type="text/css">#workskin p {{ color: red }} .userstuff {{ font-family: serif }}</style>
  </head>
  <body>
  <div id="main" class="works-show" role="main">
{preface}
<div id="chapters" class="userstuff">
{''.join(body)}</div>
{afterword}  </div>
  </body>
</html>
"""


def write_epub(path: Path, package_path: str, opf: str, files: dict[str, str]) -> Path:
    """A ZIP laid out as an EPUB: the mimetype first and stored, the container naming the package, then the files."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:'
                         f'names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="{package_path}" '
                         'media-type="application/oebps-package+xml"/></rootfiles></container>')
        archive.writestr(package_path, opf)
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def web_page() -> str:
    """A saved web page: site navigation, a header and footer, scripts and styles round one story."""
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The Lantern Keeper | Example Stories</title>
<meta name="author" content="R. Vale">
<style>body { color: red }</style><script>document.write("TRACKER-SCRIPT")</script></head>
<body onload="steal()">
<header><a href="/">Example Stories</a> | <a href="/login">Log in</a></header>
<nav><a href="/prev">Previous</a> <a href="/next">Next</a></nav>
<main>
<h1>The Lantern Keeper</h1>
<h2>Chapter 1</h2>
<p>The keeper climbed the <em>hundred</em> steps each night.</p>
<p>He never missed one.</p>
<p style="text-align:center">~~~~</p>
<p>One night the lamp was already lit.</p>
<iframe src="https://ads.example/frame">IFRAME-TEXT</iframe>
<h2>Chapter 2</h2>
<p>She was waiting at the top, <span style="font-style: italic">smiling</span>.</p>
</main>
<footer>Copyright Example Stories. <a href="/terms">Terms</a></footer>
</body></html>
"""


def fanfiction_net_page() -> str:
    """A FanFiction.net chapter page as a browser saves it: the profile box, the chapter menu, the story text."""
    return """<html><head><title>The Long Winter Chapter 2: Thaw, a fandom fanfic | FanFiction</title></head>
<body><div id="top"><a href="/">FanFiction</a> | <a href="/j/">Just In</a></div>
<div id="pre_story_links"><a href="/book/">Books</a> » <a href="/book/Winter/">Winter Tales</a></div>
<div id="profile_top"><b class="xcontrast_txt">The Long Winter</b> By: <a class="xcontrast_txt" href="/u/1/snowfox">snowfox</a>
<div class="xcontrast_txt">Two rivals, one winter, no way out.</div>
<span class="xgray xcontrast_txt">Rated: Fiction T - English - Drama - Chapters: 3 - Words: 4,321 - Updated: 5/6/2021 - Published: 3/4/2021 - id: 999</span></div>
<select id="chap_select"><option value="1">1. Frost</option><option value="2" selected>2. Thaw</option></select>
<div id="storytextp"><div id="storytext" class="storytext xcontrast_txt">
<p>The ice cracked on the second morning.</p><p>Nobody <em>moved</em>.</p><hr size="1" noshade>
<p>By evening the river ran again.</p></div></div>
<div id="review"><a href="/r/">Reviews</a> Leave a review!</div>
</body></html>
"""


def rtf_story() -> str:
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}\\f0\\fs24 The Ferryman\\par\n\\par\n"
            "The river was high that spring.\\par\nHe took the coin and said nothing.\\par\n\\par\n"
            "* * *\\par\n\\par\nOn the far bank, a caf\\'e9 was open.\\par\n}")


def make_docx(path: Path) -> Path:
    """A Word document with a Title, two Heading 1 chapters, italics, bold, underlining and an empty paragraph."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Lanterns"
    document.core_properties.author = "M. Fenwick"
    document.add_heading("Lanterns", level=0)
    document.add_heading("Chapter One", level=1)
    paragraph = document.add_paragraph("She lit the ")
    paragraph.add_run("first").italic = True
    paragraph.add_run(" lantern and ")
    paragraph.add_run("waited").bold = True
    paragraph.add_run(".")
    document.add_paragraph("The wind rose over the harbour.")
    document.add_paragraph("")
    document.add_paragraph("Morning came with rain, and an ")
    document.paragraphs[-1].add_run("underlined").underline = True
    document.paragraphs[-1].add_run(" word.")
    document.add_heading("Chapter Two", level=1)
    document.add_paragraph("A/N: thanks for reading!")
    document.add_paragraph("The second chapter began at the quay.")
    document.save(path)
    return path


def make_odt(path: Path) -> Path:
    """An OpenDocument text with two chapter headings, italic and bold spans, an empty paragraph and a footnote."""
    from odfdo import Document, Header, Note, Paragraph, Span, Style

    document = Document("text")
    body = document.body
    document.insert_style(Style("text", name="Emph", italic=True), automatic=True)
    document.insert_style(Style("text", name="Loud", bold=True), automatic=True)
    body.append(Header(1, "Chapter 1: Lanterns"))
    paragraph = Paragraph("She lit the ")
    paragraph.append(Span("first", style="Emph"))
    paragraph.append(" lantern, then ")
    paragraph.append(Span("ran", style="Loud"))
    paragraph.append(".")
    body.append(paragraph)
    body.append(Paragraph(""))
    with_note = Paragraph("Rain came at dawn.")
    with_note.append(Note(note_id="n1", citation="1", body="Dawn in the north comes late."))
    body.append(with_note)
    body.append(Header(1, "Chapter 2: Morning"))
    body.append(Paragraph("The second chapter opened on the pier."))
    document.meta.set_title("Lanterns")
    document.meta.set_initial_creator("M. Fenwick")
    document.save(path)
    return path


def make_ao3_epub(path: Path) -> Path:
    """An EPUB as the archive makes it with calibre from its HTML download: the classes renamed (calibre1,
    userstuff2), the preface split over two files, the first chapter's text cut in two across files, the wrapping
    `<div id="chapters">` repeated in each file, the afterword in its own."""

    def text(words: str, count: int) -> str:
        return "".join(f"<p>{words} {n}.</p>" for n in range(1, count + 1))

    files = {
        "split_000.xhtml": '<div id="preface" class="calibre1"><h2 class="toc-heading">Preface</h2><p class="message">'
                           '<b class="calibre2">Salt Roads</b><br class="calibre1"/>Posted originally on the <a href='
                           '"https://archiveofourown.org/">Archive of Our Own</a> at <a href="https://archiveofourown.'
                           'org/works/4242">https://archiveofourown.org/works/4242</a>.</p><div class="calibre1"><dl '
                           'class="tags"><dt class="calibre3">Rating:</dt><dd class="calibre4"><a href="https://'
                           'archiveofourown.org/tags/G">General Audiences</a></dd><dt class="calibre3">Fandom:</dt>'
                           '<dd class="calibre4"><a href="https://archiveofourown.org/tags/S">Salt Tales</a></dd>'
                           '<dt class="calibre3">Stats:</dt><dd class="calibre5">Published: 2020-02-03 Words: 999 '
                           'Chapters: 2/2</dd></dl></div></div>',
        "split_001.xhtml": '<div id="preface" class="calibre1"><div class="calibre1"><h1 class="calibre6">Salt Roads'
                           '</h1><div class="byline">by <a rel="author" href="https://archiveofourown.org/users/tide">'
                           'tidewriter</a></div><p class="calibre7">Summary</p><blockquote class="userstuff"><p>'
                           'Roads of salt.</p></blockquote><p class="calibre7">Notes</p><blockquote class="userstuff">'
                           '<p>For my sister.</p></blockquote></div></div>',
        "split_002.xhtml": '<div class="userstuff1" id="chapters"><div class="calibre1"><h2 class="heading">Chapter 1: '
                           'Brine</h2><p class="calibre7">Chapter Notes</p><blockquote class="userstuff"><p>First!</p>'
                           '</blockquote><div class="endnote-link">See the end of the chapter for <a href="split_003.'
                           'xhtml#endnotes1">more notes</a></div></div><div class="userstuff2">'
                           + text("The first half of chapter one", 3) + "</div></div>",
        "split_003.xhtml": '<div class="userstuff1" id="chapters"><div class="userstuff2">'
                           + text("The second half of chapter one", 2) + '</div><div class="calibre1" id="endnotes1">'
                           '<p class="calibre7">Chapter End Notes</p><blockquote class="userstuff"><p>See you soon.'
                           '</p></blockquote></div><div class="calibre1"><h2 class="heading">Chapter 2</h2></div>'
                           '<div class="userstuff2">' + text("Chapter two begins", 2) + "</div></div>",
        "split_004.xhtml": '<div id="afterword" class="calibre1"><h2 class="toc-heading">Afterword</h2><div class='
                           '"calibre1"><div id="endnotes"><p class="calibre7">End Notes</p><blockquote class='
                           '"userstuff"><p>The end, truly.</p></blockquote></div></div><p class="message">Please drop '
                           'by the Archive and comment to let the creator know if you enjoyed their work!</p></div>',
    }

    def xhtml(body: str) -> str:
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
                f'<title>Salt Roads</title></head><body class="calibre">{body}</body></html>')

    manifest = "".join(f'<item id="d{n}" href="{name}" media-type="application/xhtml+xml"/>'
                       for n, name in enumerate(files))
    spine = "".join(f'<itemref idref="d{n}"/>' for n in range(len(files)))
    opf = ('<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" '
           'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           '<dc:title>Salt Roads</dc:title><dc:creator>tidewriter</dc:creator><dc:publisher>Archive of Our Own'
           '</dc:publisher><dc:language>en</dc:language><dc:identifier id="id">x</dc:identifier></metadata>'
           f"<manifest>{manifest}</manifest><spine>{spine}</spine></package>")
    return write_epub(path, "OEBPS/content.opf", opf, {f"OEBPS/{name}": xhtml(body) for name, body in files.items()})


def ao3_work_page(chapters: int = 2) -> str:
    """An Archive of Our Own work page as a browser saves it ("Entire Work"), shaped as the archive's templates write
    it: the site's header and navigation, the work meta list, the preface, the chapters, kudos and comments."""
    tags = "".join(
        f'<dt class="{cls} tags">{label}:</dt><dd class="{cls} tags"><ul class="commas">'
        + "".join(f'<li><a class="tag" href="/tags/{v}/works">{v}</a></li>' for v in values) + "</ul></dd>\n"
        for cls, label, values in [("rating", "Rating", ["General Audiences"]), ("fandom", "Fandom", ["Sea Tales"]),
                                   ("freeform", "Additional Tags", ["Found Family", "Boats"])])
    meta = (f'<dl class="work meta group">\n{tags}<dt class="language">Language:</dt><dd class="language" lang="en">'
            'English</dd>\n<dt class="series">Series:</dt><dd class="series"><span class="series">'
            '<a class="previous" href="/works/1">← Previous Work</a><span class="position">Part 3 of the '
            '<a href="/series/55">Tides</a></span></span></dd>\n<dt class="stats">Stats:</dt><dd class="stats">'
            '<dl class="stats"><dt class="published">Published:</dt><dd class="published">2022-01-02</dd>'
            '<dt class="words">Words:</dt><dd class="words">2,345</dd><dt class="chapters">Chapters:</dt>'
            f'<dd class="chapters">{chapters}/{chapters}</dd></dl></dd>\n</dl>')
    body = []
    for n in range(1, chapters + 1):
        notes = ('<div id="notes" class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff">'
                 '<p>Written for a friend.</p></blockquote></div>') if n == 1 else ""
        end = ('<div class="chapter preface group" role="complementary"><div id="chapter_2_endnotes" class="end notes '
               'module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>More soon.</p></blockquote>'
               '</div></div>') if n == 2 else ""
        body.append(f'<div class="chapter" id="chapter-{n}"><div class="chapter preface group" role="complementary">'
                    f'<h3 class="title"><a href="/works/9/chapters/{n}">Chapter {n}</a>: Low Water {n}</h3>{notes}'
                    f'</div><div class="userstuff module" role="article"><h3 class="landmark heading" id="work">'
                    f'Chapter Text</h3><p>The tide went out in chapter {n}.</p><p>Gulls <em>waited</em>.</p>'
                    f'<hr/><p>Night fell on the flats.</p></div>{end}</div>\n')
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Low Water - marewriter - Sea Tales [Archive of Our Own]</title>
<script>var tracker = 1;</script></head><body><div id="outer" class="wrapper"><header id="header" class="region">
<h1 class="heading"><a href="/">Archive of Our Own</a></h1><ul class="primary navigation"><li><a href="/menu/fandoms">Fandoms</a></li></ul></header>
<div id="main" class="works-show region" role="main"><ul class="work navigation actions"><li><a href="/works/9/kudos">Kudos ♥</a></li></ul>
<div class="wrapper">{meta}</div>
<div id="workskin"><div class="preface group"><h2 class="title heading">Low Water</h2>
<h3 class="byline heading"><a rel="author" href="https://archiveofourown.org/users/marewriter">marewriter</a></h3>
<div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>The sea goes out and does not come back.</p></blockquote></div>
</div>
<div id="chapters" role="article">{''.join(body)}</div>
<div class="afterword preface group"><div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Thank you for reading.</p></blockquote></div></div>
</div>
<div id="feedback" class="feedback"><h3 class="landmark heading">Actions</h3><p class="kudos">marewriter and 12 guests left kudos on this work!</p>
<div id="comments_placeholder"><h3>Comments</h3><p>COMMENT-TEXT great story</p></div></div></div>
<footer id="footer"><p>Archive of Our Own footer</p></footer></div></body></html>
"""


def make_fanficfare_epub(path: Path) -> Path:
    """An EPUB shaped as FanFicFare writes them: a title page of `Label: value` lines, one file per chapter under an
    `<h3>` title, an NCX that names the title page."""
    title_page = ('<h3><a href="https://www.fanfiction.net/s/77/1/">The Glass Orchard</a> by <a class="authorlink" '
                  'href="https://www.fanfiction.net/u/5">pearwood</a></h3><div><b>Category:</b> Orchard Tales<br/>'
                  '<b>Genre:</b> Drama, Mystery<br/><b>Status:</b> In-Progress<br/><b>Published:</b> 2019-05-06<br/>'
                  '<b>Words:</b> 1,111<br/></div>')
    chapters = {"file0001.xhtml": ("Prologue", "The orchard was made of glass, and rang in the wind."),
                "file0002.xhtml": ("Chapter 1, The Gate", "Nobody had opened the gate in forty years.")}
    documents = {"title_page.xhtml": title_page} | {
        name: f'<h3 class="fff_chapter_title">{title}</h3><div><p>{words}</p><p>It was quiet.</p></div>'
        for name, (title, words) in chapters.items()}

    def xhtml(body: str) -> str:
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
                f"<title>The Glass Orchard</title></head><body>{body}</body></html>")

    manifest = "".join(f'<item id="d{n}" href="OEBPS/{name}" media-type="application/xhtml+xml"/>'
                       for n, name in enumerate(documents)) + \
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
    spine = "".join(f'<itemref idref="d{n}"/>' for n in range(len(documents)))
    points = "".join(f'<navPoint id="p{n}" playOrder="{n}"><navLabel><text>{label}</text></navLabel>'
                     f'<content src="OEBPS/{name}"/></navPoint>'
                     for n, (name, label) in enumerate([("title_page.xhtml", "Title Page")] +
                                                       [(k, v[0]) for k, v in chapters.items()], start=1))
    opf = ('<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" '
           'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Glass Orchard'
           '</dc:title><dc:creator>pearwood</dc:creator><dc:contributor>FanFicFare</dc:contributor><dc:language>en'
           '</dc:language><dc:description>Glass trees, and a gate.</dc:description><dc:subject>Drama</dc:subject>'
           '<dc:identifier id="id">ffn-77</dc:identifier></metadata>'
           f'<manifest>{manifest}</manifest><spine toc="ncx">{spine}</spine></package>')
    ncx = f'<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>{points}</navMap></ncx>'
    return write_epub(path, "content.opf", opf,
                      {"toc.ncx": ncx} | {f"OEBPS/{name}": xhtml(body) for name, body in documents.items()})
