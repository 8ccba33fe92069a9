"""The few things the engine asks of the site generator itself, in one place.

MkDocs 1.x is frozen; ProperDocs is a drop-in fork. Whichever is installed answers (MkDocs first, as
``pyproject.toml`` pins it), so a move is a change of this import only.
"""

from __future__ import annotations

try:
    from mkdocs.utils.meta import YAML_RE, get_data
except ImportError:  # pragma: no cover - a ProperDocs-only environment
    from properdocs.utils.meta import YAML_RE, get_data  # type: ignore[no-redef]

__all__ = ["YAML_RE", "get_data"]
