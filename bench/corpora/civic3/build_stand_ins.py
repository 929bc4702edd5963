#!/usr/bin/env python3
"""Write the stand-in documents of the civic3 corpus from its truth.json (stdlib only, deterministic).

  python3 bench/corpora/civic3/build_stand_ins.py            write missing/changed files under site/
  python3 bench/corpora/civic3/build_stand_ins.py --check    exit 1 if any file differs from what it would write
  python3 bench/corpora/civic3/build_stand_ins.py --out DIR  write the tree under DIR/site instead

The documents are exactly those of the civic2 corpus's builder (``../civic2/build_stand_ins.py``, reused
here rather than copied): agency, meeting title (the link text for links the spiders did not label), kind
and meeting date, then a few generic lines; .pdf paths get a one-page PDF, .docx paths a minimal Word file.
"""

from __future__ import annotations

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_SPEC = importlib.util.spec_from_file_location(
    "civic2_build_stand_ins", os.path.join(HERE, os.pardir, "civic2", "build_stand_ins.py")
)
assert _SPEC is not None and _SPEC.loader is not None
_BUILDER = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_BUILDER)

stand_in = _BUILDER.stand_in


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--truth" not in args:
        args += ["--truth", os.path.join(HERE, "truth.json")]
    if "--out" not in args:
        args += ["--out", HERE]
    result: int = _BUILDER.main(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
