"""Consistency of the held-back civic2 corpus (bench/corpora/civic2): data only, never a scorer's results on it."""

from __future__ import annotations

from tests.unit.civic_corpus_checks import corpus_tests

globals().update(corpus_tests("civic2", min_agencies=6))
