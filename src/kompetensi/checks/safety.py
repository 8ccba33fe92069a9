"""Safety: what a page shows must pass the site's HTML allowlist, and no page may hang the parser."""

from __future__ import annotations

from ..findings import Finding
from ..model import Handbook
from ..rules import RULES
from ..sanitize import Removal, url_scheme
from ..traps import traps
from .common import as_built, page_view, sources
from .links import SCRIPT_SCHEMES


def check(book: Handbook) -> list[Finding]:
    findings: list[Finding] = []
    for src in sources(book):
        trapped = traps(src.rel, src.text)
        findings += trapped
        if trapped:
            continue  # never rendered: the other checks skip it too
        view = page_view(book, src.text)
        if view.error:
            findings.append(RULES["render-failed"].at(src.rel, src.body_line, 1, problem=view.error))
        if view.unclosed:
            tag, line = view.unclosed
            findings.append(RULES["html-unclosed"].at(src.rel, line, 1, tag=tag))
        for removal, line in view.removed:
            if _named_by_link_rules(removal):
                continue
            findings.append(RULES["html-removed"].at(src.rel, line, 1, what=str(removal)))
        built = as_built(book, src)
        if built != src.text:  # generated parts of a hand-written page: reported at the page's first line
            for removal, _ in page_view(book, built).removed:
                findings.append(RULES["html-removed"].at(src.rel, 1, 1, what=f"{removal} (bagian yang dihasilkan)"))
    return findings


def _named_by_link_rules(removal: Removal) -> bool:
    """A link or image the link rules already explain better (link-http, link-scheme, image-remote)."""
    if (removal.tag, removal.attribute) not in (("a", "href"), ("img", "src")) or removal.partial:
        return False
    scheme = url_scheme(removal.value)
    return scheme is not None and scheme not in SCRIPT_SCHEMES
