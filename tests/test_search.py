"""Search that understands Indonesian: the pure functions, the MkDocs plugin, and the header search box.

What search does offline (the statement these tests hold the site to): the search box needs the index
files under ``pagefind/`` from the same site. When they cannot be fetched (no connection and not in the
browser's cache, or ``file://``), the box says so in Indonesian ("Pencarian tidak dapat dimuat ...")
instead of showing an empty list, the rest of the page keeps working, and the next query tries again.
Index files that the service worker already cached are served from that cache, like any other asset.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from kompetensi import search
from kompetensi.loader import load_handbook
from kompetensi.model import GlossaryTerm
from kompetensi.search_plugin import UNUSED_BUNDLE_FILES, run_pagefind

from .conftest import MINI, ROOT, axe_violations, build, copy_mini, edit, published, url_of

QUERIES = ROOT / "tests" / "search" / "queries.yml"
# One pytest-xdist worker runs this file: its search-enabled fixture site is built once.
pytestmark = pytest.mark.xdist_group("cari")

# A built Material page, cut down: header with a form, the article with an mkdocs-quiz quiz, its
# progress box, the module crumb and pager, and an inline script that mentions a form tag.
PAGE = """<html lang="id"><body>
<header class="md-header"><form class="md-header__option" data-md-component="palette"></form></header>
<article class="md-content__inner md-typeset">
<h1>Kuis Modul</h1>
<p class="kd-crumb" data-modul="m"><a href="../">Modul A</a> · Kuis modul</p>
<h2 id="bagian">Bagian<a class="headerlink" href="#bagian" title="Tautan">&para;</a></h2>
<div class="quiz" id="quiz-0"><a href="#quiz-0" class="quiz-header-link">#</a>
<div class="quiz-question" id="quiz-0-question"><p>Apa itu TTE?</p></div>
<form action="javascript:void(0);" onsubmit="return false;"><fieldset aria-labelledby="quiz-0-question">
<div><input type="radio" name="answer" value="0" id="quiz-0-0" data-correct="true"><label for="quiz-0-0">Jawaban
benar</label><div class="answer-feedback hidden">Tepat.</div></div></fieldset>
<div class="quiz-feedback hidden"></div><button type="submit" class="quiz-button">Kirim</button></form>
<section class="content hidden"><p>Penjelasan: rahasia.</p></section></div>
<nav aria-label="Navigasi dalam modul" class="kd-pager"><p><a href="../01/">Pelajaran lain</a></p></nav>
<script>var s = '<form class="x">'; /* <h1> </article> */</script>
<div id="quiz-progress-sidebar" aria-label="Progres Kuis" style="display: none;">Progres</div>
<!-- <fieldset> in a comment -->
</article>
<footer><form class="later"></form></footer>
</body></html>"""


# ---------- what gets indexed ---------------------------------------------------------------------------


def _tag(marked: str, start: str) -> str:
    index = marked.index(start)
    return marked[index : marked.index(">", index) + 1]


def test_mark_page_indexes_the_article_only_and_skips_quiz_answers() -> None:
    marked = search.mark_page(PAGE, {"modul": 'Modul "A" & B', "jenis": "Kuis modul"})
    article = _tag(marked, "<article")
    assert "data-pagefind-body" in article
    assert 'data-kd-cari-modul="Modul &quot;A&quot; &amp; B"' in article
    assert 'data-pagefind-meta="jenis[data-kd-cari-jenis], modul[data-kd-cari-modul]"' in article
    assert 'data-pagefind-weight="10"' in _tag(marked, "<h1")
    for start in (
        "<form action",
        "<fieldset",
        '<div class="answer-feedback',
        '<div class="quiz-feedback',
        '<section class="content',
        '<a href="#quiz-0" class="quiz-header-link"',
        '<div id="quiz-progress-sidebar"',
        '<p class="kd-crumb"',
        '<nav aria-label="Navigasi dalam modul"',
        '<a class="headerlink"',
    ):
        assert "data-pagefind-ignore" in _tag(marked, start), start
    # The question itself stays searchable; markup outside the article and inside scripts is untouched.
    assert "data-pagefind-ignore" not in _tag(marked, '<div class="quiz-question"')
    assert '<form class="md-header__option" data-md-component="palette">' in marked
    assert '<form class="later">' in marked
    assert "var s = '<form class=\"x\">'; /* <h1> </article> */" in marked
    assert "<!-- <fieldset> in a comment -->" in marked
    # A module quiz weighs half as a whole (its lessons rank first); the title weighs ten inside it.
    assert 'data-pagefind-weight="0.5"' in article
    assert marked.count("data-pagefind-weight") == 2
    lesson = search.mark_page(PAGE, {"modul": "A", "jenis": "Pelajaran 1"})
    assert 'data-pagefind-weight="0.5"' not in lesson and lesson.count("data-pagefind-weight") == 1


def test_mark_page_without_content_area_fails() -> None:
    with pytest.raises(search.MarkupError, match="md-content__inner"):
        search.mark_page("<html><body><main><h1>Tanpa artikel</h1></main></body></html>")


def test_mark_page_keeps_everything_else_byte_for_byte() -> None:
    marked = search.mark_page(PAGE)
    removed = re.sub(r' data-pagefind-(?:body|ignore)|\s*data-pagefind-weight="10"', "", marked)
    assert removed == PAGE


@pytest.mark.parametrize(
    ("src_uri", "indexed"),
    [("modul/a/cetak.md", False), ("modul/a/01-x.md", True), ("index.md", True), ("modul/cetak.md", True)],
)
def test_should_index_honours_exclude_globs(src_uri: str, indexed: bool) -> None:
    assert search.should_index(src_uri, ["modul/*/cetak.md"]) is indexed


def test_page_labels_name_module_and_kind() -> None:
    book, _ = load_handbook(MINI)
    labels = search.page_labels(book)
    lesson = labels["modul/contoh-dasar/01-pengantar.md"]
    assert lesson == {"modul": book.modules["contoh-dasar"].manifest.title, "jenis": "Pelajaran 1"}
    assert labels["modul/contoh-dasar/kuis.md"]["jenis"] == "Kuis modul"
    assert labels["modul/contoh-dasar/fasilitator.md"]["jenis"] == "Panduan fasilitator"
    assert labels["modul/contoh-dasar/index.md"]["jenis"] == "Halaman modul"
    assert labels["glosarium.md"] == {"jenis": "Glosarium"}


# ---------- what a query also tries -----------------------------------------------------------------------


def test_synonym_groups_join_acronym_expansion_and_aliases() -> None:
    glossary = [
        GlossaryTerm("TTE", "d", "Tanda Tangan Elektronik", ["tanda tangan digital", "e-sign"]),
        GlossaryTerm("SP4N-LAPOR!", "d", "", ["LAPOR!", "SP4N"]),
        GlossaryTerm("tanda tangan digital", "d", "", ["TTD digital"]),  # shares a form: merged
        GlossaryTerm("ASN", "d", "Aparatur Sipil Negara", ["asn"]),  # duplicate alias: dropped
        GlossaryTerm("galat", "d"),  # nothing to expand: no group
    ]
    groups = search.synonym_groups(glossary, extra=())
    assert ["tte", "tanda tangan elektronik", "tanda tangan digital", "e-sign", "ttd digital"] in groups
    assert ["sp4n-lapor", "lapor", "sp4n"] in groups
    assert ["asn", "aparatur sipil negara"] in groups
    assert len(groups) == 3


def test_search_data_has_the_known_mis_stems_and_the_real_glossary() -> None:
    book, _ = load_handbook(ROOT)
    data = search.search_data(book)
    json.dumps(data)  # what the plugin writes must be JSON
    derived = [set(group) for group in data["turunan"]]
    for root, derived_word in (("kelola", "pengelolaan"), ("duduk", "kependudukan"), ("rencana", "perencanaan")):
        assert any({root, derived_word} <= group for group in derived), root
    assert any({"tte", "tanda tangan elektronik"} <= set(group) for group in data["sinonim"])
    assert "kata" not in data  # the vocabulary is downloaded only when a query needs correcting
    words = search.search_words(book)["kata"].split(" ")
    assert "phishing" in words and "srikandi" in words and "pemutakhiran" in words
    assert "phising" not in words  # a typo the box corrects must not count as a word


def test_vocabulary_counts_words_not_markup() -> None:
    texts = [
        "Data data DATA kependudukan [tautan](https://contoh.go.id/abc) { .kelas } <span class=x>",
        "e-Kinerja dan data. Kependudukan!",
    ]
    words = search.vocabulary(texts)
    assert words[:2] == ["data", "kependudukan"]  # by frequency
    assert "e-kinerja" in words and "kinerja" in words  # hyphenated: whole and parts
    assert "dan" not in words  # shorter than four letters
    assert not {"https", "contoh", "kelas", "span", "class", "tautan"} & set(words) - {"tautan"}


def test_normalize() -> None:
    assert search.normalize("  SP4N-LAPOR!  Pélayanan ") == "sp4n lapor pelayanan"


# ---------- the search-quality set ---------------------------------------------------------------------


def test_quality_set_is_large_enough_and_points_at_real_pages() -> None:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    classes = data["classes"]
    assert {"imbuhan", "singkatan", "kepanjangan", "salah-ketik", "frasa"} <= set(classes)
    queries = [entry for cls in classes.values() for entry in cls["queries"]]
    assert len(queries) >= 40
    assert len({q["q"] for q in queries}) == len(queries), "duplicate query"
    book, _ = load_handbook(ROOT)
    urls = {re.sub(r"(index)?\.md$", "", src).rstrip("/") + "/" for src in search.page_labels(book)}
    for entry in queries:
        expected = entry["expected"] if isinstance(entry["expected"], list) else [entry["expected"]]
        for page in expected:
            assert page in urls, f"{entry['q']!r}: {page} is not a page of the handbook"


# ---------- the plugin --------------------------------------------------------------------------------------


def _with_our_search(root: Path) -> None:
    edit(root / "mkdocs.yml", "  - search\n", "  - kompetensi-search\n")


# Session scope: under pytest-xdist a worker may run another file's tests between two of this file's,
# which would tear a module fixture down and make it again.
@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_mini(tmp_path_factory.mktemp("cari") / "buku")
    _with_our_search(root)
    edit(root / "docs/index.md", "title: Beranda\n", "title: Beranda\nsearch:\n  exclude: true\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_build_writes_an_indonesian_index_and_expansion_data(search_site: Path) -> None:
    bundle = search_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]
    indexed = [p for p in search_site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert entry["languages"]["id"]["page_count"] == len(indexed) > 0
    for unindexed in ("404.html", "index.html"):  # no page object; front matter search.exclude
        assert "data-pagefind-body" not in (search_site / unindexed).read_text(encoding="utf-8")
    assert "data-pagefind-body" in (search_site / "glosarium/index.html").read_text(encoding="utf-8")
    data = json.loads((bundle / search.DATA_FILE).read_text(encoding="utf-8"))
    assert any("tte" in group and "tanda tangan elektronik" in group for group in data["sinonim"])
    words = json.loads((bundle / search.WORDS_FILE).read_text(encoding="utf-8"))["kata"].split(" ")
    assert "tanda" in words and "sandi" in words
    assert not [name for name in UNUSED_BUNDLE_FILES if (bundle / name).exists()]
    assert not (search_site / "search" / "search_index.json").exists()


def test_build_refuses_two_search_boxes(tmp_path: Path) -> None:
    root = copy_mini(tmp_path / "buku")
    edit(root / "mkdocs.yml", "  - search\n", "  - search\n  - kompetensi-search\n")
    result = build(root)
    assert result.returncode != 0
    assert "menggantikan plugin 'search'" in result.stderr


def test_pagefind_failure_is_a_build_error(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text('<html lang="en"><body data-pagefind-body><h1>Hello</h1></body></html>', encoding="utf-8")
    with pytest.raises(PluginError, match="'id'"):
        run_pagefind(tmp_path)


# ---------- the header search box in the browser ---------------------------------------------------------

browser_test = pytest.mark.browser


def _context(browser, width: int = 1280, scheme: str = "light"):
    # The service worker is blocked so that what the test routes is what the page gets.
    return browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, service_workers="block")


def _search(page, query: str) -> list[str]:
    """Type ``query`` into the open search box; returns the result links once they are shown."""
    page.get_by_label(re.compile("^Kata atau singkatan")).fill(query)
    page.wait_for_selector(f"#kd-cari-hasil[data-kd-kueri={json.dumps(query)}]:not([aria-busy])", state="attached")
    return page.eval_on_selector_all(".kd-cari__tautan", "links => links.map(a => new URL(a.href).pathname)")


MORE_SHOWN = """n => document.querySelectorAll('.kd-cari__tautan').length > n
    || document.querySelector('.kd-cari__lagi').hidden"""


def _more(page) -> list[str]:
    """Ask for the next batch as the button does, and wait for it. (A click would first scroll the list, and
    scrolling to its end loads the next batch by itself, racing the click.)"""
    shown = page.locator(".kd-cari__tautan").count()
    page.locator(".kd-cari__lagi").dispatch_event("click")
    page.wait_for_function(MORE_SHOWN, arg=shown)
    return page.eval_on_selector_all(".kd-cari__tautan", "links => links.map(a => new URL(a.href).pathname)")


def _top(page, query: str, count: int = 5) -> list[str]:
    """The first ``count`` results: the box shows a phone screen's worth first, then more on request."""
    found = _search(page, query)
    while len(found) < count and page.locator(".kd-cari__lagi").is_visible():
        found = _more(page)
    return found[:count]


def _all_results(page, query: str) -> list[str]:
    found = _search(page, query)
    while page.locator(".kd-cari__lagi").is_visible():
        found = _more(page)
    return found


def _open(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Cari").click()
    page.get_by_role("dialog", name="Cari di buku panduan").wait_for()


def _article_text(site: Path, url_path: str) -> str:
    page = (site / url_path / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", article, flags=re.S)))


def _heading(site: Path, url_path: str) -> str:
    """A built page's title and the module it belongs to (its crumb), lower case: what a result is about."""
    page = (site / url_path.strip("/") / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    crumb = re.search(r'<p class="kd-crumb"[^>]*>(.*?)</p>', page, re.S)
    text = " ".join(m.group(1) for m in (h1, crumb) if m)
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()


def _pages_writing(site: Path, book) -> dict[str, str]:
    """Every published module page and landing page of the real handbook: URL path -> article text."""
    urls = [url_of(m) for m in published(book)] + [url_of(m, p) for m in published(book) for p in m.pages]
    return {url: _article_text(site, url) for url in urls}


@pytest.fixture(scope="module")
def lesson(real_book) -> str:
    """A lesson to open the search box on: the first lesson of the first module in curriculum order."""
    module = published(real_book)[0]
    return url_of(module, module.lessons[0])


@browser_test
def test_header_search_understands_affixes_and_acronyms(browser, real_site: Path, real_url: str, real_book) -> None:
    # Pages found because they write only one of the two forms.
    texts = _pages_writing(real_site, real_book)
    only_expansion = sorted(
        u for u, text in texts.items() if "tanda tangan elektronik" in text.lower() and not re.search(r"\bTTE\b", text)
    )
    only_acronym = sorted(
        u for u, text in texts.items() if re.search(r"\bTTE\b", text) and "tanda tangan elektronik" not in text.lower()
    )
    assert only_expansion and only_acronym, "no page writes only one of 'TTE' and 'tanda tangan elektronik'"

    context = _context(browser)
    page = context.new_page()
    _open(page, real_url + url_of(published(real_book)[0], published(real_book)[0].lessons[0]))
    # Affix variant: a page titled "Pemutakhiran ...", the learner types "memutakhirkan data".
    assert "pemutakhiran" in _heading(real_site, _search(page, "memutakhirkan data")[0])
    # Mis-stem: "kelola" and "pengelolaan" have different stems in Pagefind's stemmer.
    assert any("kinerja" in _heading(real_site, url) for url in _top(page, "kelola kinerja"))
    # Acronym and expansion, both ways: a page that writes only one form is found by the other. (Not yet
    # every such page: one that has the expansion only in a table cell is not found by "TTE".)
    found_by_acronym = _all_results(page, "TTE")
    assert {"/" + u for u in only_expansion} & set(found_by_acronym), (only_expansion, found_by_acronym)
    found_by_expansion = _all_results(page, "tanda tangan elektronik")
    assert {"/" + u for u in only_acronym} & set(found_by_expansion), (only_acronym, found_by_expansion)
    # A typo, corrected from the handbook's own words, with the correction shown.
    assert "phishing" in _heading(real_site, _search(page, "phising")[0])
    assert "phishing" in page.get_by_role("dialog").get_by_role("status").inner_text()
    # Each result shows module, lesson title and a snippet with the hit highlighted.
    _search(page, "tanda tangan elektronik")
    first = page.locator(".kd-cari__tautan").first
    assert "Pelajaran" in first.locator(".kd-cari__modul").inner_text()
    assert first.locator(".kd-cari__judul-hasil").inner_text().strip()
    assert first.locator(".kd-cari__cuplikan mark").count() > 0
    context.close()


@browser_test
def test_first_search_on_a_phone_downloads_only_the_first_screen(
    browser, real_url: str, real_site: Path, lesson: str
) -> None:
    # A small phone (360 x 640), where the first results already fill the screen.
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, service_workers="block")
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    _open(page, real_url + lesson)
    shown = _search(page, "tanda tangan elektronik")
    fragments = [url for url in asked if url.endswith(".pf_fragment")]
    assert len(fragments) == len(shown) >= 1, "one fragment per result shown, no more"
    assert not any(url.endswith("/kompetensi-kata.json") for url in asked), "the word list is for typos only"
    more = page.locator(".kd-cari__lagi")
    assert more.is_visible()
    # Scrolling to the end of the list brings the next batch without a tap.
    page.locator("#kd-cari").evaluate("dialog => dialog.scrollTo(0, dialog.scrollHeight)")
    page.wait_for_function(f"() => document.querySelectorAll('.kd-cari__tautan').length > {len(shown)}")
    # Snippets: not the title again, and list items joined as a sentence would be, not "dapat. membedakan".
    for item in page.locator(".kd-cari__tautan").all()[:6]:
        title = item.locator(".kd-cari__judul-hasil").inner_text().strip()
        snippet = item.locator(".kd-cari__cuplikan").inner_text().strip()
        assert not snippet.startswith(title + "."), snippet
        assert not re.search(r"\b(?!dll|dsb|dst|dkk|hlm|tgl|yth|sdr|no)[a-z]{2,}\. [a-z]", snippet), snippet
    # A typo that Pagefind answers with a near word ("inaprok" -> "INA Digital") is still corrected.
    assert "inaproc" in _heading(real_site, _search(page, "inaprok")[0])
    assert sum(url.endswith("/kompetensi-kata.json") for url in asked) == 1
    context.close()


@browser_test
def test_search_box_keyboard(browser, real_url: str, lesson: str) -> None:
    context = _context(browser)
    page = context.new_page()
    page.goto(real_url + lesson)
    opener = page.get_by_role("button", name="Cari")
    opener.focus()
    page.keyboard.press("Enter")
    field = page.get_by_label(re.compile("^Kata atau singkatan"))
    assert field.evaluate("el => el === document.activeElement")
    links = _search(page, "kata sandi")
    assert len(links) >= 2
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('kd-cari__tautan')")
    assert page.evaluate("new URL(document.activeElement.href).pathname") == links[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("new URL(document.activeElement.href).pathname") == links[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert field.evaluate("el => el === document.activeElement")
    # Tab reaches the results too (after the close button), and focus stays inside the dialog.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Tutup"
    page.keyboard.press("Tab")
    assert page.evaluate("new URL(document.activeElement.href).pathname") == links[0]
    page.keyboard.press("Escape")
    assert not page.get_by_role("dialog").is_visible()
    assert opener.evaluate("el => el === document.activeElement")
    context.close()


def _serve_at_site_url(context, site: Path) -> str:
    """Answer requests to the site's own URL (its site_url) from ``site``.

    Material navigates instantly only to URLs of its sitemap, which hold site_url's port; the test
    server's random port would turn every click into a full page load.
    """
    import mimetypes

    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    base = min(re.findall(r"<loc>([^<]+)</loc>", sitemap), key=len)  # the home page: site_url as built

    def answer(route) -> None:
        path = route.request.url[len(base) :].split("?")[0].split("#")[0]
        target = site / path
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=target.read_bytes(), headers={"Content-Type": kind})

    context.route(base + "**", answer)
    return base


@browser_test
def test_result_opens_with_instant_navigation_and_search_still_works(browser, real_site: Path, lesson: str) -> None:
    context = _context(browser)
    base = _serve_at_site_url(context, real_site)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _open(page, base + lesson)
    page.evaluate("window.__tetap = 1")  # survives only if the page is not reloaded
    links = _search(page, "IKD")
    page.locator(".kd-cari__tautan").first.click()
    page.wait_for_url(re.compile(re.escape(links[0]) + "$"))
    page.wait_for_function("() => !document.querySelector('#kd-cari').open")
    assert page.evaluate("window.__tetap") == 1, "the result link did a full page load"
    assert links[0].rstrip("/").rsplit("/", 1)[-1] in page.evaluate("location.pathname")
    page.get_by_role("button", name="Cari").click()
    assert "sipd" in _heading(real_site, _search(page, "SIPD")[0])
    assert all(url.startswith(base) for url in requests), "search must not load anything from another origin"
    context.close()


@browser_test
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_open_search_with_results_passes_axe(browser, real_url: str, lesson: str, width: int, scheme: str) -> None:
    context = _context(browser, width, scheme)
    page = context.new_page()
    _open(page, real_url + lesson)
    _search(page, "tanda tangan elektronik")
    # The dialog is the subject in every cell: its layout differs by width, its colours by scheme.
    assert axe_violations(page) == []
    box = page.get_by_role("dialog").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@browser_test
def test_search_says_so_when_the_index_cannot_load_and_retries(browser, real_url: str, lesson: str) -> None:
    context = _context(browser)
    page = context.new_page()
    page.route("**/pagefind/**", lambda route: route.abort("internetdisconnected"))
    _open(page, real_url + lesson)
    assert _search(page, "SIPD") == []
    status = page.get_by_role("dialog").get_by_role("status")
    assert "Pencarian tidak dapat dimuat" in status.inner_text()
    assert page.locator(".md-content").is_visible()  # the lesson itself is still there
    page.unroute("**/pagefind/**")
    assert _search(page, "IKD") != []  # the next query loads the index now that it can
    assert "tidak dapat dimuat" not in status.inner_text()
    context.close()


@browser_test
def test_phone_search_finds_phrases_ranks_lessons_first_and_starts_snippets_at_a_sentence(
    browser, real_url: str, real_site: Path, lesson: str
) -> None:
    context = _context(browser, width=360)
    page = context.new_page()
    _open(page, real_url + lesson)
    found = _search(page, "pengaduan masyarakat")
    assert any("pengaduan" in _heading(real_site, path) for path in found[:5]), found
    # A module quiz repeats its lessons' words; the lessons that teach the topic come first.
    for query in ("SRIKANDI", "tanda tangan elektronik", "data pribadi"):
        found = _search(page, query)
        assert not found[0].endswith("/kuis/"), (query, found[:3])
    snippets = page.locator(".kd-cari__cuplikan").all_inner_texts()
    assert snippets and all(not re.match(r"^[a-z]", s.strip()) for s in snippets), snippets
    context.close()


def _page(title: str) -> str:
    return (
        f'<!doctype html><html lang="id"><head><title>{title}</title></head><body>'
        f"<article data-pagefind-body><h1>{title}</h1><p>Tanda tangan elektronik di SRIKANDI.</p></article>"
        "</body></html>"
    )


def test_pagefind_reads_only_the_marked_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The print handouts repeat whole modules: Pagefind is shown the marked pages only, so it does not parse
    them (a fifth of its time on a 200-lesson handbook). Without hard links it crawls the whole site."""
    site = tmp_path / "site"
    for dest in ("index.html", "modul/m/01-a/index.html", "modul/m/cetak/index.html"):
        (site / dest).parent.mkdir(parents=True, exist_ok=True)
        (site / dest).write_text(_page(dest), encoding="utf-8")
    marked = ["index.html", "modul/m/01-a/index.html"]
    assert run_pagefind(site, marked) == 2
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == [], "the scratch folder is removed"

    def no_links(source: object, target: object) -> None:
        raise OSError("no hard links here")

    monkeypatch.setattr("kompetensi.search_plugin.os.link", no_links)
    assert run_pagefind(site, marked) == 3
