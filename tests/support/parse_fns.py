"""Functions the isolation tests run in parse workers (importable by name in a spawned process)."""

from __future__ import annotations

import os
import signal
import time

from docharvest.text.document import DocumentText


def sleep_forever(path: str, kind: str | None) -> DocumentText:
    time.sleep(3600)
    return DocumentText(pages=[path])


def allocate(path: str, kind: str | None) -> DocumentText:
    blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB
    return DocumentText(pages=[str(len(blocks))])


def crash(path: str, kind: str | None) -> DocumentText:
    os.kill(os.getpid(), signal.SIGSEGV)
    return DocumentText(pages=[path])


def echo(path: str, kind: str | None) -> DocumentText:
    return DocumentText(pages=[f"{path} {kind}"])


def raise_error(path: str, kind: str | None) -> DocumentText:
    raise RuntimeError("boom " * 1000)


def pid(path: str, kind: str | None) -> DocumentText:
    return DocumentText(pages=[str(os.getpid())])


def count_calls(path: str, kind: str | None) -> DocumentText:
    """Appends this call to the file ``kind`` names, so a test can count the reads of ``path``."""
    with open(str(kind), "a") as fh:
        fh.write(path + "\n")
    return DocumentText(pages=[f"read {path}"])


def read_or_crash_in_pdfium(path: str, kind: str | None) -> DocumentText | str:
    """A segfault inside PDFium's C code for a file named ``crash*``; else the scrape reader."""
    if os.path.basename(path).startswith("crash"):
        import ctypes

        import pypdfium2.raw as pdfium_c

        pdfium_c.FPDF_GetPageCount(ctypes.cast(ctypes.c_void_p(16), pdfium_c.FPDF_DOCUMENT))
    from docharvest.pipeline.isolation import read_text

    return read_text(path, kind)


def niceness(path: str, kind: str | None) -> DocumentText:
    return DocumentText(pages=[str(os.nice(0))])
