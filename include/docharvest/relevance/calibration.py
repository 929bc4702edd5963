"""Monotone calibration of confidence scores: isotonic regression (pool adjacent violators).

``fit_isotonic`` turns (score, relevant) pairs into a non-decreasing piecewise-linear map;
``calibrated`` applies it. Used by ``bench/relevance.py --calibration`` to test whether a map
fitted on the development corpora improves the calibration of a held-back one; the scorer keeps
its own scores unless such a map is shown to help there (see the bench's docstring).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["calibrated", "fit_isotonic"]


def fit_isotonic(
    pairs: Sequence[tuple[float, bool]], anchor: float | None = 0.5
) -> list[tuple[float, float]]:
    """Knots (mean score of a block, share relevant in it), non-decreasing in both coordinates.

    ``anchor``: a score the map keeps in place (the job threshold), so that what a job returns
    does not change -- only what its confidences say.
    """
    blocks: list[list[float]] = []  # [sum of scores, sum of labels, count]
    for score, label in sorted(pairs):
        blocks.append([score, float(label), 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            s, y, n = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += y
            blocks[-1][2] += n
    knots = [(s / n, y / n) for s, y, n in blocks]
    if anchor is None:
        return knots
    below = [(x, min(y, anchor - 0.001)) for x, y in knots if x < anchor]
    above = [(x, max(y, anchor)) for x, y in knots if x > anchor]
    return [*below, (anchor, anchor), *above]


def calibrated(knots: Sequence[tuple[float, float]], score: float) -> float:
    """``score`` through the map: linear between knots, flat beyond the first and last."""
    if not knots:
        return score
    if score <= knots[0][0]:
        return knots[0][1]
    for (x0, y0), (x1, y1) in zip(knots, knots[1:], strict=False):
        if score <= x1:
            return y0 + (y1 - y0) * (score - x0) / (x1 - x0) if x1 > x0 else y1
    return knots[-1][1]
