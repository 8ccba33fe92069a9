"""Images contributors add are checked like their text: an SVG is a document that can run script and load
other sites, so only drawing elements pass; a raster file must really be the image its name says."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_ASSET_BYTES = 2 * 1024 * 1024
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
SVG_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "defs",
        "linearGradient",
        "radialGradient",
        "stop",
        "title",
        "desc",
        "clipPath",
        "mask",
        "symbol",
        "use",
        "pattern",
        "marker",
        "metadata",
        "filter",
        "feGaussianBlur",
        "feOffset",
        "feBlend",
        "feColorMatrix",
        "feMerge",
        "feMergeNode",
        "feFlood",
        "feComposite",
    }
)
# Namespaces of drawing programs' bookkeeping (Inkscape, Sodipodi, RDF metadata): inert in a browser.
INERT_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
)
MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
_URL_IN_VALUE = re.compile(r"url\s*\(\s*(['\"]?)\s*([^)'\"\s]*)", re.I)


def asset_problem(path: Path) -> str | None:
    """Why an image may not be published (None when it may)."""
    try:
        size = path.stat().st_size
        if size > MAX_ASSET_BYTES:
            return f"berukuran {size // 1024} KB; batasnya {MAX_ASSET_BYTES // 1024} KB"
        data = path.read_bytes()
    except OSError as exc:
        return f"tidak dapat dibaca ({exc.strerror or exc})"
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return svg_problem(data)
    if suffix == ".webp":
        ok = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    else:
        ok = data.startswith(MAGIC.get(suffix, (b"",)))
    return (
        None
        if ok
        else f"isinya bukan berkas {suffix[1:].upper()} (mungkin HTML atau berkas lain yang diberi nama gambar)"
    )


def svg_problem(data: bytes) -> str | None:
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", data, re.I):
        return "SVG berisi deklarasi DOCTYPE atau ENTITY"
    try:
        root = ET.fromstring(data)  # noqa: S314 - no DOCTYPE, so no entity can expand
    except ET.ParseError as exc:
        return f"SVG tidak dapat dibaca sebagai XML ({exc})"
    except RecursionError:
        return "SVG bersarang terlalu dalam"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        namespace, _, name = element.tag[1:].partition("}") if element.tag.startswith("{") else ("", "", element.tag)
        if namespace in INERT_NAMESPACES:
            continue
        if namespace != SVG_NS or name not in SVG_ELEMENTS:
            return f"SVG berisi elemen <{name}> yang tidak diizinkan (hanya elemen gambar SVG)"
        for attribute, value in element.attrib.items():
            attr_ns, _, attr = attribute[1:].partition("}") if attribute.startswith("{") else ("", "", attribute)
            if attr.lower().startswith("on"):
                return f"SVG berisi atribut {attr} (skrip)"
            if attr == "href" and attr_ns in ("", XLINK_NS) and not value.strip().startswith("#"):
                return f'SVG merujuk berkas lain ({attr}="{value[:40]}")'
            if "@import" in value.lower():
                return "SVG memuat gaya dari berkas lain (@import)"
            for match in _URL_IN_VALUE.finditer(value):
                if not match.group(2).startswith("#"):
                    return f"SVG merujuk berkas lain (url({match.group(2)[:40]}))"
    return None
