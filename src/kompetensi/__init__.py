"""Engine of the Kompetensi Digital ASN Pematangsiantar handbook.

The package loads ``modules/`` into a typed model (:mod:`kompetensi.loader`), runs checks that return
:class:`~kompetensi.findings.Finding` records (:mod:`kompetensi.checks`), and renders the generated pages
(:mod:`kompetensi.render`). The MkDocs plugin and the command line are thin adapters over it.
"""

__version__ = "0.1.0"
