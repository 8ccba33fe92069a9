"""SCORM 1.2 packages of the handbook's modules, made from the pages the site built.

One zip per module, for Moodle or any other LMS that imports SCORM 1.2. The package holds the module's
landing page, lessons and quiz exactly as the site rendered them (the article of each built page, with the
site's own stylesheets and scripts), so there is one rendering of every page. What changes is only what
cannot work inside a package: links to pages outside the module become plain text, links between the
module's pages point at the package's files, and pages outside the package (the facilitator guide, the
print handout) are left out. Nothing in a package refers to another origin.

The package is one SCO. Its launcher, ``index.html``, owns the LMS session: paket.js (loaded there only,
beside progres.js, the site's one progress store) finds the LMS's API, opens the session once, shows the
module's pages in an inner frame and ends the session only when the launcher itself is left (a multi-page
SCO that finishes on every page's unload would end the session at the first page change). The pages in the
frame read and write the launcher's store; see paket.js for the CMI values it reports.
"""

from __future__ import annotations

import html
import importlib.resources
import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import rjsmin

from . import builthtml
from .builthtml import Element
from .manifest import LICENSES
from .model import Module
from .quizstats import PASS_MARK
from .render import MODULE_ROOT, _url, jp_text, module_path, page_site_path, scorm_filename

BUDGET = 400_000
"""Bytes a module's package may weigh (an LMS upload limit is often a few megabytes; phones download it)."""
SUSPEND_DATA_LIMIT = 4096
"""Characters SCORM 1.2 guarantees for cmi.suspend_data (CMIString4096)."""
LAUNCHER = "index.html"
HOME = "beranda.html"
FRAME = "kd-isi"
PACKAGE_CSS = "assets/kompetensi-paket.css"
PACKAGE_JS = "assets/kompetensi-paket.js"
"""The LMS side (the engine's paket.js): only a package's launcher loads it, never a page of the site."""
PROGRESS_JS = "assets/progres.js"
SCRIPTS = ("assets/kompetensi.js", PROGRESS_JS)
"""The site's scripts a package runs when its pages load them; progres.js (the engine's) is required.
Material's own bundle drives search and instant navigation, which a package does not have."""
DROPPED_SECTIONS = {"untuk-fasilitator-dan-lokakarya"}
"""Sections of the landing page that only make sense on the site (facilitator guide, print handout, packages)."""

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class PackageError(Exception):
    """A module cannot be packaged; the message (Indonesian) says why and what to do."""


def site_path(module_id: str) -> str:
    """Where the site publishes a module's package (beside the module's pages)."""
    return module_path(module_id, scorm_filename(module_id))


@dataclass
class _Page:
    file: str
    url: str
    title: str


@dataclass
class _Package:
    site: Path
    module: Module
    pages: list[_Page]
    files: dict[str, bytes] = field(default_factory=dict)
    by_target: dict[str, str] = field(default_factory=dict)

    def add_site_file(self, path: str, why: str) -> str:
        """Copy a file of the built site into the package under the same path; returns that path."""
        source = self.site / path
        if not source.is_file():
            raise PackageError(f"{why}: berkas '{path}' tidak ada di situs yang dibangun.")
        if path not in self.files:
            self.files[path] = source.read_bytes()
        return path


def _pages(module: Module) -> list[_Page]:
    pages = [_Page(HOME, _url(module_path(module.id)), module.manifest.title)]
    for page in [*module.lessons, *([module.quiz] if module.quiz else [])]:
        pages.append(_Page(f"{page.slug}.html", _url(page_site_path(module, page)), page.title or page.slug))
    return pages


def _built_file(site: Path, url: str) -> str:
    """The built file of a page URL, relative to the site (directory URLs or not)."""
    for candidate in (url + "index.html", url.rstrip("/") + ".html"):
        if (site / candidate).is_file():
            return candidate
    raise PackageError(
        f"Halaman '{url}' tidak ada di situs yang dibangun. Bangun ulang situs (modul berstatus draft hanya "
        "ada bila KOMPETENSI_PRATINJAU=1)."
    )


def _target_key(path: str) -> str:
    path = posixpath.normpath(path) if path else "."
    if path.endswith("/index.html"):
        path = path[: -len("/index.html")]
    elif path == "index.html":
        path = "."
    return path


def _split(url: str) -> tuple[str, str]:
    path, _, fragment = url.partition("#")
    path = path.partition("?")[0]
    return path, fragment


def _resolve(base_dir: str, path: str) -> str | None:
    """A relative URL of a built page as a path from the site root; None when it leaves the site."""
    joined = posixpath.normpath(posixpath.join(base_dir, path)) if path else posixpath.normpath(base_dir or ".")
    if joined.startswith("../") or joined == "..":
        return None
    return joined


def _article(page: builthtml.BuiltPage, where: str) -> Element:
    if page.article is None:
        raise PackageError(f"{where}: halaman yang dibangun tidak memuat <article> isi halaman.")
    return page.article


def _rewrite_data(raw: str, files: dict[str, str]) -> str:
    """The page's progress data with the module's URLs turned into the package's files."""
    data = json.loads(raw)
    for module in data.get("modules", []):
        module["url"] = files.get(module.get("url", ""), HOME)
        module["prerequisites"] = []
        for lesson in module.get("lessons", []):
            lesson["url"] = files.get(lesson.get("url", ""), HOME)
        if module.get("quiz"):
            module["quiz"]["url"] = files.get(module["quiz"].get("url", ""), HOME)
        module["pages"] = [files[url] for url in module.get("pages", []) if url in files]
    data["paths"] = []
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _rewrite_article(package: _Package, page: _Page, built: str, text: str, article: Element) -> tuple[str, str]:
    """The article's inner HTML fit for the package, and the package's progress data found in it."""
    base_dir = posixpath.dirname(built)
    url_files = {p.url: p.file for p in package.pages}
    edits: list[tuple[int, int, str]] = []
    data = ""
    if page.file == HOME:
        headings = [child for child in article.children if child.tag == "h2"]
        for index, heading in enumerate(headings):
            if heading.get("id") in DROPPED_SECTIONS:
                end = headings[index + 1].start if index + 1 < len(headings) else article.close_start
                edits.append((heading.start, end, ""))
    dropped = list(edits)
    for element in article.iter():
        if element is article or any(start <= element.start < end for start, end, _ in dropped):
            continue  # nothing of a dropped section is looked at, or brought into the package
        attrs = dict(element.attrs)
        if element.get("id") == "kd-data" and element.attrs.get("data-json"):
            data = _rewrite_data(element.get("data-json"), url_files)
            attrs["data-json"] = data
            edits.append((element.start, element.open_end, builthtml.start_tag(element.tag, attrs)))
            continue
        if element.tag == "a" and element.attrs.get("href") is not None:
            edit = _link(package, base_dir, element, attrs)
            if edit is not None:
                edits += edit
            continue
        for name in ("src", "poster"):
            value = element.attrs.get(name)
            if value:
                attrs[name] = _resource(package, base_dir, value, f"{page.url} ({element.tag} {name})")
        if attrs != element.attrs:
            edits.append((element.start, element.open_end, builthtml.start_tag(element.tag, attrs)))
    offset = article.open_end
    inner = builthtml.apply(
        article.inner(text), [(start - offset, end - offset, value) for start, end, value in edits if start >= offset]
    )
    return inner, data


def _link(package: _Package, base_dir: str, element: Element, attrs: dict[str, str | None]) -> list | None:
    """How a link changes in the package: None to keep it, else the edits of its start (and end) tag."""
    href = element.get("href")
    scheme = _SCHEME.match(href)
    if href.startswith("#"):
        return None
    if scheme or href.startswith("//"):
        if scheme and scheme.group(1).lower() in ("mailto", "tel"):
            return None
        if scheme and scheme.group(1).lower() not in ("http", "https"):
            return _unwrap(element)
        # Another site: opened only when the learner follows it, in a new tab, never inside the LMS frame.
        attrs.update({"target": "_blank", "rel": "noopener noreferrer"})
        return [(element.start, element.open_end, builthtml.start_tag("a", attrs))]
    path, fragment = _split(href)
    target = _resolve(base_dir, path)
    if target is None:
        return _unwrap(element)
    key = _target_key(target)
    by_page = {_target_key(p.url): p.file for p in package.pages}
    if key in by_page:
        attrs["href"] = by_page[key] + (f"#{fragment}" if fragment else "")
        return [(element.start, element.open_end, builthtml.start_tag("a", attrs))]
    if (package.site / target).is_file() and not target.endswith(".html"):
        attrs["href"] = package.add_site_file(target, f"Tautan di {base_dir}")
        return [(element.start, element.open_end, builthtml.start_tag("a", attrs))]
    # A page of the site outside this module (glossary, another module): its words stay, the link goes.
    return _unwrap(element)


def _unwrap(element: Element) -> list[tuple[int, int, str]]:
    if element.close_start < element.open_end:
        return [(element.start, element.open_end, "<span>")]
    return [(element.start, element.open_end, "<span>"), (element.close_start, element.end, "</span>")]


def _resource(package: _Package, base_dir: str, value: str, where: str) -> str:
    if _SCHEME.match(value) or value.startswith("//"):
        if value.startswith("data:"):
            return value
        raise PackageError(f"{where}: '{value}' dimuat dari situs lain; paket SCORM harus membawa semua berkasnya.")
    path, _ = _split(value)
    target = _resolve(base_dir, path)
    if target is None:
        raise PackageError(f"{where}: '{value}' berada di luar situs.")
    return package.add_site_file(target, where)


def _stylesheet(package: _Package, path: str) -> None:
    """A stylesheet and every file it refers to; a reference to another origin is an error."""
    if path in package.files:
        return
    package.add_site_file(path, "Gaya halaman")
    css = package.files[path].decode("utf-8", errors="replace")
    for match in _CSS_URL.finditer(css):
        value = (match.group(2) or match.group(4) or "").strip()
        if not value or value.startswith(("data:", "#")):
            continue
        if _SCHEME.match(value) or value.startswith("//"):
            raise PackageError(f"{path}: '{value}' dimuat dari situs lain; paket SCORM harus membawa semua berkasnya.")
        target = _resolve(posixpath.dirname(path), _split(value)[0])
        if target is not None and (package.site / target).is_file():
            package.add_site_file(target, path)


@dataclass
class _Head:
    stylesheets: list[str]
    scripts: list[str]
    body: dict[str, str | None]


def _head(built: str, page: builthtml.BuiltPage) -> _Head:
    base_dir = posixpath.dirname(built)
    styles, scripts = [], []
    for element in page.all():
        if element.tag == "link" and "stylesheet" in element.get("rel").split() and element.get("href"):
            target = _resolve(base_dir, _split(element.get("href"))[0])
            if target is None or _SCHEME.match(element.get("href")):
                raise PackageError(f"{built}: gaya '{element.get('href')}' berasal dari luar situs.")
            styles.append(target)
        elif element.tag == "script" and element.get("src"):
            target = _resolve(base_dir, _split(element.get("src"))[0])
            if target in SCRIPTS:
                scripts.append(target)
    if PROGRESS_JS not in scripts:
        raise PackageError(f"{built}: skrip {PROGRESS_JS} tidak dimuat halaman ini; paket tidak dapat dibuat.")
    body = page.head.find(lambda e: e.tag == "body")
    attrs = {k: v for k, v in (body.attrs if body else {}).items() if k == "dir" or k.startswith("data-md-color-")}
    return _Head(styles, scripts, attrs)


def _links_html(head: _Head) -> str:
    return "\n".join(f'<link rel="stylesheet" href="{html.escape(s)}">' for s in [*head.stylesheets, PACKAGE_CSS])


def _page_html(head: _Head, title: str, inner: str) -> str:
    scripts = "\n".join(f'<script src="{html.escape(s)}"></script>' for s in head.scripts)
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="kd-paket" content="scorm">\n'
        f"<title>{html.escape(title)}</title>\n{_links_html(head)}\n</head>\n"
        f"{builthtml.start_tag('body', {**head.body, 'class': 'kd-paket'})}\n"
        '<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">'
        '<div class="md-content"><article class="md-content__inner md-typeset">'
        f"{inner}</article></div></div></main></div>\n{scripts}\n</body>\n</html>\n"
    )


def _launcher_html(head: _Head, module: Module, pages: list[_Page], data: str) -> str:
    title = module.manifest.title
    items = "\n".join(
        f'<li><a href="{html.escape(p.file)}" target="{FRAME}" data-berkas="{html.escape(p.file)}">'
        f"{html.escape('Beranda modul' if p.file == HOME else p.title)}</a></li>"
        for p in pages
    )
    files = json.dumps([p.file for p in pages], separators=(",", ":"))
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="kd-paket" content="scorm">\n'
        f"<title>{html.escape(title)}</title>\n{_links_html(head)}\n</head>\n"
        f"{builthtml.start_tag('body', {**head.body, 'class': 'kd-paket kd-paket-peluncur'})}\n"
        f'<div id="kd-scorm" data-halaman="{html.escape(files)}">\n'
        '<header class="kd-paket-kepala">\n'
        f'<p class="kd-paket-judul">{html.escape(title)}</p>\n'
        '<details class="kd-paket-daftar"><summary>Daftar isi</summary>\n'
        f'<nav aria-label="Halaman modul"><ol>\n{items}\n</ol></nav></details>\n'
        '<p class="kd-paket-status" role="status" aria-live="polite">Memuat modul…</p>\n'
        "</header>\n"
        f'<iframe name="{FRAME}" id="{FRAME}" title="Isi modul"></iframe>\n'
        "<noscript><p>Modul ini membutuhkan JavaScript. Aktifkan JavaScript di peramban, lalu buka lagi.</p>"
        "</noscript>\n"
        f'<div id="kd-data" hidden data-json="{html.escape(data, quote=True)}"></div>\n'
        f'</div>\n<script src="{PROGRESS_JS}"></script>\n<script src="{PACKAGE_JS}"></script>\n</body>\n</html>\n'
    )


def _langstring(parent: ET.Element, text: str, lang: str = "id") -> None:
    ET.SubElement(parent, f"{{{IMSMD}}}langstring", {XML_LANG: lang}).text = text


def _vocabulary(parent: ET.Element, name: str, value: str) -> None:
    node = ET.SubElement(parent, f"{{{IMSMD}}}{name}")
    _langstring(ET.SubElement(node, f"{{{IMSMD}}}source"), "LOMv1.0", "x-none")
    _langstring(ET.SubElement(node, f"{{{IMSMD}}}value"), value, "x-none")


def description(module: Module) -> str:
    """The module in a few plain sentences, for the manifest (an LMS shows it beside the title)."""
    m = module.manifest
    lines = [m.summary.strip(), f"Beban belajar: {jp_text(m.jp)}; pengakuan JP ditetapkan BKPSDM."]
    if module.quiz is not None:
        lines.append(f"Lulus bila skor kuis modul mencapai {PASS_MARK}%.")
    if m.objectives:
        lines.append("Tujuan pembelajaran: " + " ".join(f"({i}) {o.strip()}" for i, o in enumerate(m.objectives, 1)))
    return "\n".join(lines)


def manifest_xml(module: Module, files: list[str]) -> bytes:
    """imsmanifest.xml (SCORM 1.2): title, JP, objectives and mastery score of the module, one SCO."""
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("imsmd", IMSMD)
    m = module.manifest
    ident = f"kd-{module.id}"
    root = ET.Element(f"{{{IMSCP}}}manifest", {"identifier": ident, "version": str(m.reviewed or "1")})
    metadata = ET.SubElement(root, f"{{{IMSCP}}}metadata")
    ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
    lom = ET.SubElement(metadata, f"{{{IMSMD}}}lom")
    general = ET.SubElement(lom, f"{{{IMSMD}}}general")
    _langstring(ET.SubElement(general, f"{{{IMSMD}}}title"), m.title)
    ET.SubElement(general, f"{{{IMSMD}}}language").text = "id"
    _langstring(ET.SubElement(general, f"{{{IMSMD}}}description"), description(module))
    for keyword in [jp_text(m.jp), *m.apps]:
        _langstring(ET.SubElement(general, f"{{{IMSMD}}}keyword"), keyword)
    rights = ET.SubElement(lom, f"{{{IMSMD}}}rights")
    _vocabulary(rights, "cost", "no")
    _vocabulary(rights, "copyrightandotherrestrictions", "yes")
    _langstring(ET.SubElement(rights, f"{{{IMSMD}}}description"), LICENSES.get(m.license, m.license))
    for objective in m.objectives:
        classification = ET.SubElement(lom, f"{{{IMSMD}}}classification")
        _vocabulary(classification, "purpose", "Educational Objective")
        _langstring(ET.SubElement(classification, f"{{{IMSMD}}}description"), objective.strip())

    organizations = ET.SubElement(root, f"{{{IMSCP}}}organizations", {"default": f"{ident}-org"})
    organization = ET.SubElement(organizations, f"{{{IMSCP}}}organization", {"identifier": f"{ident}-org"})
    ET.SubElement(organization, f"{{{IMSCP}}}title").text = m.title
    item = ET.SubElement(
        organization,
        f"{{{IMSCP}}}item",
        {"identifier": f"{ident}-item", "identifierref": f"{ident}-sco", "isvisible": "true"},
    )
    ET.SubElement(item, f"{{{IMSCP}}}title").text = m.title
    if module.quiz is not None:
        ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(PASS_MARK)
    resources = ET.SubElement(root, f"{{{IMSCP}}}resources")
    resource = ET.SubElement(
        resources,
        f"{{{IMSCP}}}resource",
        {"identifier": f"{ident}-sco", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco", "href": LAUNCHER},
    )
    for name in files:
        ET.SubElement(resource, f"{{{IMSCP}}}file", {"href": name})
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def package_files(site: Path, module: Module) -> dict[str, bytes]:
    """Every file of a module's package (imsmanifest.xml included), by path inside the zip."""
    package = _Package(site, module, _pages(module))
    head: _Head | None = None
    data = ""
    for page in package.pages:
        built = _built_file(site, page.url)
        text = (site / built).read_text(encoding="utf-8")
        read = builthtml.read(text)
        page_head = _head(built, read)
        head = head or page_head
        for stylesheet in page_head.stylesheets:
            _stylesheet(package, stylesheet)
        inner, page_data = _rewrite_article(package, page, built, text, _article(read, built))
        data = data or page_data
        title_element = read.head.find(lambda e: e.tag == "title")
        title = builthtml.text_of(text, title_element) if title_element else page.title
        package.files[page.file] = _page_html(page_head, title, inner).encode("utf-8")
    assert head is not None
    if not data:
        raise PackageError(f"Modul '{module.id}': halaman yang dibangun tidak memuat data progres (#kd-data).")
    for script in head.scripts:
        package.add_site_file(script, "Skrip halaman")
    own = importlib.resources.files("kompetensi") / "assets"
    package.files[PACKAGE_CSS] = (own / "paket.css").read_bytes()
    package.files[PACKAGE_JS] = rjsmin.jsmin((own / "paket.js").read_text(encoding="utf-8")).encode("utf-8")
    package.files[LAUNCHER] = _launcher_html(head, module, package.pages, data).encode("utf-8")
    names = sorted(package.files)
    return {"imsmanifest.xml": manifest_xml(module, names), **{name: package.files[name] for name in names}}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip with fixed dates and order: the same module and site give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def package(site: Path, module: Module) -> bytes:
    """The SCORM 1.2 zip of ``module``, made from the site built in ``site``."""
    if not (site / MODULE_ROOT).is_dir():
        raise PackageError(f"'{site}' bukan situs buku panduan yang sudah dibangun (tidak ada folder {MODULE_ROOT}/).")
    try:
        return zip_bytes(package_files(site, module))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PackageError(f"Modul '{module.id}' tidak dapat dikemas: {exc}") from exc


def write(site: Path, module: Module, destination: Path) -> int:
    """Write the package of ``module`` to ``destination``; returns its size in bytes."""
    data = package(site, module)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(data)
    return len(data)
