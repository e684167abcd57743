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
    rows, factors = [], {"cpu": [], "wall": []}
    for key, result in a.by_key.items():
        other = b.by_key.get(key)
        if other is None:
            continue
        for i, variant in enumerate(result.comparison.variants[1:], start=1):
            if i >= len(other.comparison.variants):
                continue
            x, y = result.ratio(i).median, other.ratio(i).median
            factor = max(x, y) / min(x, y)
            factors[result.comparison.clock].append(factor)
            if brief and not (key.startswith(BRIEF) and i == len(result.comparison.variants) - 1):
                continue
            clock = " (wall clock)" if result.comparison.clock == "wall" else ""
            rows.append([f"`{key}`{clock}", variant.label, fmt_ratio(x), fmt_ratio(y), f"{factor:.2f}"])
    lines = []
    for clock, name in (("cpu", "on the CPU time of the benchmark's thread"), ("wall", "on the wall clock")):
        f = factors[clock]
        if f:
            lines.append(f"- {len(f)} ratios {name}: the two runs' medians differ by a factor of "
                         f"{statistics.median(f):.2f} in the median case, {max(f):.2f} at most; "
                         f"{sum(x <= 1.1 for x in f)} of {len(f)} within 10 %, {sum(x <= 1.25 for x in f)} within 25 %.")
    summary = "\n".join(lines)
    header = ["comparison", "variant", "run 1", "run 2", "factor between the runs"]
    return table(header, rows) + "\n\nAll the ratios of the two runs:\n\n" + summary + "\n"
