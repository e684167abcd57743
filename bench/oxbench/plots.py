"""The chapter's figures, as SVG written by matplotlib: the cost of one call per bridge (log
scale) and the speed-up per exercise (with the parallel claims beside their control). Text
stays text (`svg.fonttype = 'none'`), so the files are small and render offline with any
sans-serif font; every figure names the machine it came from."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .timing import Interleaver, fmt, fmt_ratio  # noqa: E402

plt.rcParams.update({
    "svg.fonttype": "none",
    "svg.hashsalt": "oxidize-python",  # the same ids every run: diffs show only what changed
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
})

PYTHON = "#9a9a9a"
BRIDGE_COLOURS = {"process": "#c44e52", "ctypes": "#dd8452", "PyO3": "#4c72b0", "gRPC": "#8172b3"}
RUST = "#4c72b0"
CONTROL = "#55a868"


def _plain(label: str) -> str:
    return label.replace("`", "")


def _colour(label: str) -> str:
    for word, colour in BRIDGE_COLOURS.items():
        if word.lower() in label.lower():
            return colour
    return RUST


def _save(fig, path: Path, machine: str, note: str) -> None:
    # Below everything: bbox_inches="tight" grows the picture to take it in.
    fig.text(0.01, -0.01, f"{note}\nMeasured on: {machine}", fontsize=7, color="#555555", va="top")
    fig.savefig(path, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)


def cost_per_call(bench: Interleaver, keys: list[str], path: Path, machine: str) -> None:
    results = [bench.by_key[k] for k in keys if k in bench.by_key and len(bench.by_key[k].values) == 2]
    fig, ax = plt.subplots(figsize=(8, 0.62 * len(results) + 1.6))
    ticks, labels = [], []
    for row, result in enumerate(reversed(results)):
        y = row * 3
        for offset, i, colour in ((0.55, 0, PYTHON), (-0.55, 1, _colour(result.comparison.variants[1].label))):
            per = result.comparison.variants[i].per
            t = result.time(i)
            ax.barh(y + offset, t.median / per, height=1.0, color=colour,
                    xerr=[[(t.median - t.min) / per], [(t.max - t.median) / per]],
                    error_kw={"elinewidth": 0.8, "capsize": 2, "ecolor": "#333333"})
            text = fmt(t.median / per)
            if i == 1:
                text += f"  ({fmt_ratio(result.ratio(1).median)} Python)"
            ax.text(t.max / per * 1.15, y + offset, text, va="center", fontsize=7.5)
        ticks.append(y)
        bridge = _plain(result.comparison.variants[1].label.split(":")[0])
        labels.append(f"{bridge}\n{_plain(result.comparison.what)}")
    ax.set_yticks(ticks, labels, fontsize=7.5)
    ax.set_xscale("log")
    ax.set_xlim(left=1e-8, right=1.0)
    ax.set_xlabel("time per call (log scale; grey: the same work in pure Python)")
    ax.set_title("The cost of one small call, per bridge", loc="left", fontsize=11)
    ax.grid(axis="x", which="major", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xticks([1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0],
                  ["10 ns", "100 ns", "1 µs", "10 µs", "100 µs", "1 ms", "10 ms", "100 ms", "1 s"])
    ax.minorticks_off()
    rounds = max(r.rounds for r in results)
    _save(fig, path, machine, f"Median of up to {rounds} interleaved rounds; whiskers: fastest and slowest round.")


def speedups(bench: Interleaver, exercise_keys: list[str], parallel_keys: list[str], cores: int,
             path: Path, machine: str) -> None:
    exercises = [bench.by_key[k] for k in exercise_keys if k in bench.by_key]
    parallel = [bench.by_key[k] for k in parallel_keys if k in bench.by_key]
    heights = [_panel_height(exercises)] + ([_panel_height(parallel)] if parallel else [])
    fig, axes = plt.subplots(len(heights), 1, figsize=(8, sum(heights) + 1.4), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    ax = axes[0][0]
    _ratio_bars(ax, exercises, lambda r: RUST, log=True)
    ax.set_title("Speed-up of each exercise's Rust solution over pure Python", loc="left", fontsize=11)
    ax.set_xlabel("speed-up (log scale; right of the line: Rust is faster)")
    if parallel:
        ax = axes[1][0]
        # A whisker past cores + 0.8 is cut at the edge, and its end written there.
        _ratio_bars(ax, parallel, lambda r: CONTROL if r.comparison.key.startswith("control/") else RUST,
                    log=False, right=cores + 0.8)
        ax.axvline(cores, color="#888888", linestyle="--", linewidth=0.8)
        ax.text(cores, -0.75, f"{cores} cores: the most two threads can give ", fontsize=7, color="#555555",
                ha="right")
        ax.set_title("Parallel speed-up, beside pure-Rust controls (green)", loc="left", fontsize=11)
        ax.set_xlabel("speed-up of the parallel version over one thread")
    rounds = max(r.rounds for r in exercises + parallel)
    fig.subplots_adjust(hspace=0.5)
    _save(fig, path, machine, f"Median ratio of up to {rounds} interleaved rounds; whiskers: fewest and most.")


LABEL_LINE = 0.13  # inches per line of a row's label (7.5 pt type), and a little air


def _label(result) -> str:
    """The row's name (the exercise, or the control) over what one call does, in three lines at most."""
    key = result.comparison.key.split("/", 1)[1]
    return key + "\n" + "\n".join(textwrap.wrap(_plain(result.comparison.what), 52)[:3])


def _panel_height(results) -> float:
    """Inches for a panel of bars: each row as tall as the tallest label needs, so that the labels
    of two neighbouring rows never meet."""
    lines = max((_label(r).count("\n") + 1 for r in results), default=1)
    return max(0.55, LABEL_LINE * lines + 0.14) * len(results) + 0.8


def _ratio_bars(ax, results, colour, log: bool, right: float | None = None) -> None:
    labels = []
    for row, result in enumerate(reversed(results)):
        spread = result.ratio(1)
        ax.barh(row, spread.median, height=0.55, color=colour(result),
                xerr=[[spread.median - spread.min], [spread.max - spread.median]],
                error_kw={"elinewidth": 0.8, "capsize": 2, "ecolor": "#333333"})
        # On a white ground: the 1× line often runs through a ratio near 1.
        ax.text(spread.median, row + 0.33, f" {fmt_ratio(spread.median)}", va="bottom", fontsize=8, zorder=3,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3})
        if right is not None and spread.max > right:
            ax.text(right, row + 0.1, f"most: {fmt_ratio(spread.max)} →", ha="right", va="bottom",
                    fontsize=7, color="#555555")
        labels.append(_label(result))
    ax.set_yticks(range(len(results)), labels, fontsize=7.5)
    if log:
        ax.set_xscale("log")
        lo = min(0.5, min(r.ratio(1).min for r in results) / 1.5)
        hi = max(r.ratio(1).max for r in results) * 3
        ax.set_xlim(lo, hi)
        ticks = [t for t in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500) if lo <= t <= hi]
        ax.set_xticks(ticks, [f"{t:g}×" for t in ticks])
        ax.minorticks_off()
    if right is not None:
        ax.set_xlim(0, right)
    ax.set_ylim(-1.0 if not log else -0.6, len(results) - 0.4)
    ax.axvline(1, color="#333333", linewidth=0.8)
    ax.grid(axis="x", which="major", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
