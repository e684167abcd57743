"""Two runs side by side: each comparison's median ratio in both, and how far apart they are.

`pyperf compare_to a.json b.json` compares the absolute time of each variant between runs; this
compares what the chapter quotes, the ratios, so that a reader can see how well a run repeats.
"""

from __future__ import annotations

import statistics

from .report import table
from .timing import fmt_ratio, load


# What --brief shows (the summary line still counts every ratio).
BRIEF = ("call/", "exercise/", "batch/", "parallel/", "control/", "build/", "work/word-counts")


def compare(first: str, second: str, brief: bool = False) -> str:
    a, b = load(first), load(second)
    rows, factors = [], []
    for key, result in a.by_key.items():
        other = b.by_key.get(key)
        if other is None:
            continue
        for i, variant in enumerate(result.comparison.variants[1:], start=1):
            if i >= len(other.comparison.variants):
                continue
            x, y = result.ratio(i).median, other.ratio(i).median
            factor = max(x, y) / min(x, y)
            factors.append(factor)
            if brief and not (key.startswith(BRIEF) and i == len(result.comparison.variants) - 1):
                continue
            clock = " (wall clock)" if result.comparison.clock == "wall" else ""
            rows.append([f"`{key}`{clock}", variant.label, fmt_ratio(x), fmt_ratio(y), f"{factor:.2f}"])
    summary = (f"All {len(factors)} ratios of the two runs: the two runs' medians differ by a factor of "
               f"{statistics.median(factors):.2f} in the median case, {max(factors):.2f} at most; "
               f"{sum(f <= 1.1 for f in factors)} of {len(factors)} within 10 %, "
               f"{sum(f <= 1.25 for f in factors)} within 25 %.")
    header = ["comparison", "variant", "run 1", "run 2", "factor between the runs"]
    return table(header, rows) + "\n\n" + summary + "\n"
