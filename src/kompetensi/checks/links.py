"""Links and images, resolved exactly as the site resolves them, without building the site."""

from __future__ import annotations

import dataclasses
import json
import posixpath
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..findings import Finding
from ..model import Handbook
from ..pageview import MarkdownConfig, markdown_config
from ..render import MODULE_ROOT, generated_pages
from ..rules import RULES
from ..sanitize import url_scheme
from ..traps import traps
from .common import Hints, Source, as_built, cached_view, page_view, sources

VAGUE_TEXTS = {
    "klik di sini",
    "klik disini",
    "di sini",
    "disini",
    "sini",
    "klik",
    "tautan ini",
    "link ini",
    "ini",
    "tautan",
    "link",
    "baca selengkapnya",
    "selengkapnya",
    "lihat di sini",
    "lihat",
    "here",
    "click here",
    "read more",
    "more",
    "lebih lanjut",
    "buka",
}
CACHE_DAYS = 7
TIMEOUT = 10.0


@dataclass
class SiteMap:
    """Every page and file the built site will have, by site path, with lazily computed anchors."""

    config: MarkdownConfig
    pages: dict[str, str] = field(default_factory=dict)  # site path -> Markdown text
    assets: set[str] = field(default_factory=set)

    def anchors(self, site_path: str) -> set[str]:
        """Every id the rendered page has (headings as the toc extension names them, raw HTML, quizzes)."""
        text = self.pages[site_path]
        if traps("", text):
            return set()
        return cached_view(text, self.config).ids  # the same view the other checks read: rendered once


def site_map(book: Handbook) -> SiteMap:
    site = SiteMap(markdown_config(book.root))
    for src in sources(book):
        site.pages[src.site_path] = as_built(book, src)
    for module in book.modules.values():
        for asset in module.assets:
            site.assets.add(f"modul/{module.id}/{asset.relative_to(module.dir).as_posix()}")
    docs = book.root / "docs"
    if docs.is_dir():
        for path in docs.rglob("*"):
            if path.is_file() and path.suffix != ".md":
                site.assets.add(path.relative_to(docs).as_posix())
    for page in generated_pages(book):
        site.pages.setdefault(page.site_path, page.markdown)
    return site


SCRIPT_SCHEMES = frozenset({"javascript", "data", "vbscript", "file"})
"""Schemes that run or embed code: the safety check names them (html-removed); the others get a link rule."""


def check(book: Handbook, online: bool = False) -> list[Finding]:
    site = site_map(book)
    hint = Hints()
    findings: list[Finding] = []
    external: dict[str, list[tuple[str, int, int]]] = {}
    for src in sources(book):
        for link in page_view(book, src.text).links:
            target = link.target.strip()
            here = (src.rel, link.line, link.column)
            if not target:
                findings.append(RULES["link-empty"].at(*here, text=link.text))
                continue
            scheme = url_scheme(target)
            if link.image and not link.text.strip():
                findings.append(RULES["image-alt"].at(*here, target=target))
            if scheme is not None or target.startswith(("//", "\\\\", "/\\")):
                if scheme is None or scheme in SCRIPT_SCHEMES:
                    continue  # the sanitizer refuses it; reported as html-removed
                if link.image:
                    findings.append(RULES["image-remote"].at(*here, target=target))
                elif scheme == "http":
                    findings.append(RULES["link-http"].at(*here, target=target))
                    external.setdefault(target, []).append(here)
                elif scheme == "https":
                    external.setdefault(target, []).append(here)
                elif scheme != "mailto":
                    findings.append(RULES["link-scheme"].at(*here, target=target, scheme=scheme))
                if not link.image and " ".join(link.text.lower().split()) in VAGUE_TEXTS:
                    findings.append(RULES["link-text-vague"].at(*here, text=link.text))
                continue
            if not link.image and " ".join(link.text.lower().split()) in VAGUE_TEXTS:
                findings.append(RULES["link-text-vague"].at(*here, text=link.text))
            found = _internal(site, src.site_path, target, link.image, here, hint)
            found = found or _into_draft(book, src, target, here)
            into = _target_module(src.site_path, target)
            if into and (src.module is None or src.module.id != into):
                found = [dataclasses.replace(f, about=(into,)) for f in found]
            findings += found
    if online:
        findings += check_external(book.root, external)
    return findings


def _resolve(from_path: str, target: str) -> tuple[str, str, str]:
    """The site path a link points at (resolved from the page it stands on), its URL part and its anchor."""
    url, _, anchor = target.partition("#")
    url = unquote(url.split("?", 1)[0])
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), url)) if url else from_path
    return resolved, url, unquote(anchor)


def _into_draft(book: Handbook, src: Source, target: str, here: tuple[str, int, int]) -> list[Finding]:
    """A page that is published must not link into a draft module: the production site does not have it."""
    if src.module is not None and src.module.manifest.status == "draft":
        return []
    into = _target_module(src.site_path, target)
    module = book.modules.get(into) if into else None
    if module is None or module.manifest.status != "draft":
        return []
    return [RULES["link-to-draft"].at(*here, target=_resolve(src.site_path, target)[1], module=module.id)]


def _target_module(from_path: str, target: str) -> str | None:
    """The id of the module a relative link points into, if any."""
    parts = _resolve(from_path, target)[0].split("/")
    return parts[1] if len(parts) > 1 and parts[0] == MODULE_ROOT and parts[1] else None


def _internal(
    site: SiteMap,
    from_path: str,
    target: str,
    image: bool,
    here: tuple[str, int, int],
    hint: Hints,
) -> list[Finding]:
    resolved, url, anchor = _resolve(from_path, target)
    if url.startswith("/"):
        rule = RULES["image-missing" if image else "link-missing-file"]
        return [
            rule.at(
                *here,
                target=url,
                suggestion=" Alamat yang diawali '/' tidak berlaku di situs ini; "
                "pakai alamat relatif dari halaman ini.",
            )
        ]
    base = posixpath.dirname(from_path)
    if url and (url.endswith("/") or resolved not in site.pages and resolved + "/index.md" in site.pages):
        index = posixpath.join(resolved, "index.md")
        if index in site.pages:
            hint = posixpath.relpath(index, base)
            return [RULES["link-missing-file"].at(*here, target=url, suggestion=f" Tautkan ke berkasnya: '{hint}'.")]
    if resolved in site.pages and not image:
        if anchor and anchor not in site.anchors(resolved):
            return [
                RULES["link-missing-anchor"].at(
                    *here,
                    anchor=anchor,
                    target=url or "halaman ini",
                    suggestion=hint.anchor(anchor, site.anchors(resolved)),
                )
            ]
        return []
    if resolved in site.assets:
        return []
    wanted = (".md",) if not image else (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
    candidates = [posixpath.relpath(p, base) for p in (*site.pages, *site.assets) if p.lower().endswith(wanted)]
    suggestion = hint.file(url, candidates)
    rule = RULES["image-missing" if image else "link-missing-file"]
    return [rule.at(*here, target=url, suggestion=suggestion)]


def check_external(root: Path, external: dict[str, list[tuple[str, int, int]]]) -> list[Finding]:
    """Check https/http links online, with a timeout and a cache of recent answers."""
    cache_path = root / ".cache" / "kompetensi-tautan.json"
    try:
        cache: dict[str, dict[str, object]] = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    now = time.time()
    todo = [url for url in external if url not in cache or now - float(cache[url].get("at", 0)) > CACHE_DAYS * 86400]  # type: ignore[arg-type]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for url, problem in zip(todo, pool.map(_fetch, todo), strict=True):
            cache[url] = {"at": now, "problem": problem}
    try:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    except OSError:
        pass
    findings = []
    for url, places in external.items():
        problem = cache.get(url, {}).get("problem")
        if problem:
            findings += [RULES["link-external-broken"].at(*place, target=url, problem=problem) for place in places]
    return findings


def _fetch(url: str) -> str:
    headers = {"User-Agent": "kompetensi-link-check/0.1"}
    for method in ("HEAD", "GET"):
        try:
            request = urllib.request.Request(url, method=method, headers=headers)
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - https/http only
                if response.status < 400:
                    return ""
        except urllib.error.HTTPError as exc:
            if method == "GET" or exc.code not in (403, 405, 501):
                return f"server menjawab {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            return f"tidak tersambung ({getattr(exc, 'reason', exc)})"
    return ""
