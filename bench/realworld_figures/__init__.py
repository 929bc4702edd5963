"""Scorers behind bench/realworld.py, one module per corpus of ../shared/realworld/.

Each module names its corpus folder (``CORPUS``) and measures it::

    def measure(corpus: Path, quick: bool) -> list[Figure]: ...

``quick`` must keep the module's share of ``bench/realworld.py --quick`` to a few seconds (the
whole quick run stays under 60 s). A reference tool (protego, trafilatura, invoice2data, ...) is
measured in the same call, on the same items, where one exists, and its value goes in
``Figure.reference``. Nothing here may use the network.
"""

from __future__ import annotations

from dataclasses import dataclass

# Modules run in this order; a new corpus adds its module name here.
MODULES = ["robots", "urls", "articles", "pdfs", "invoices", "invoices2", "civic"]


@dataclass(frozen=True)
class Figure:
    corpus: str
    name: str
    value: str
    reference: str = ""
    note: str = ""


def fmt(x: float) -> str:
    return f"{x:.3f}"
