"""Markdown: one table per section (also written alone, for the book to include), the machine,
and an appendix with every variant's spread."""

from __future__ import annotations

from .cases import Section
from .timing import Interleaver, Result, fmt, fmt_ratio


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def time_cell(result: Result, i: int) -> str:
    per = result.comparison.variants[i].per
    median = result.time(i).median
    if per == 1:
        return fmt(median)
    return f"{fmt(median / per)} ({fmt(median)} for {per:,})"


def ratio_cell(result: Result, i: int) -> str:
    if i == 0:
        return "" if len(result.comparison.variants) == 1 else "(baseline)"
    spread = result.ratio(i)
    return f"**{fmt_ratio(spread.median)}** ({fmt_ratio(spread.min)} – {fmt_ratio(spread.max)})"


def section_table(section: Section, bench: Interleaver) -> str:
    per_item = any(v.per > 1 for c in section.comparisons for v in c.variants)
    rows = []
    for comparison in section.comparisons:
        result = bench.by_key[comparison.key]
        for i, variant in enumerate(comparison.variants):
            what = comparison.what + (" (wall clock)" if comparison.clock == "wall" else "")
            rows.append([what if i == 0 else "", variant.label, time_cell(result, i),
                         ratio_cell(result, i)])
    header = ["the work", "how", "median per item" if per_item else "median",
              f"{section.ratio_header}: median (min – max)"]
    return table(header, rows)


def rounds_note(section: Section, bench: Interleaver) -> str:
    rounds = sorted({bench.by_key[c.key].rounds for c in section.comparisons})
    span = f"{rounds[0]}" if len(rounds) == 1 else f"{rounds[0]} to {rounds[-1]}"
    return (f"*{span} interleaved rounds per comparison; the ratio's median, fewest and most over those "
            "rounds. Times are CPU time of the benchmark's thread, except where the row says wall clock "
            "(work in another process or thread; each round keeps the fastest of five short slices).*")


def full(title: str, machine_lines: list[str], method: str, sections: list[Section], bench: Interleaver) -> str:
    out = [f"# {title}", "", *machine_lines, "", method]
    for section in sections:
        out += ["", f"## {section.title}", ""]
        if section.intro:
            out += [section.intro, ""]
        out += [section_table(section, bench), "", rounds_note(section, bench)]
    out += ["", "## Appendix: every variant", "",
            "Seconds per execution over the rounds (an execution may hold many items).", ""]
    rows = []
    for result in bench.results:
        for i, variant in enumerate(result.comparison.variants):
            t = result.time(i)
            rows.append([f"`{result.comparison.key}`", variant.label, fmt(t.median), fmt(t.min), fmt(t.max),
                         f"{result.loops[i]:,} × {result.rounds}"])
    out.append(table(["comparison", "variant", "median", "fastest", "slowest", "executions per slice × rounds"], rows))
    return "\n".join(out) + "\n"
