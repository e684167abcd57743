#!/usr/bin/env python3
"""Oxidize Python, chapter 5: what each bridge costs per call, and the speed-up over pure Python.

From the repository root, on a fresh clone too:

    python3 bench/run.py              # about 2 minutes on 2 cores; the first run ~10 (it builds)
    python3 bench/run.py --quick      # fewer rounds, a smaller text: a first look
    python3 bench/run.py --book       # also refresh the chapter's tables and figures
    python3 bench/run.py --compare A/run.json B/run.json   # how well two runs agree
    python3 bench/run.py --only rust-or-go   # only the Rust/Go/Python servers section

It sets up its own venv (target/bench-venv, from bench/requirements.txt), builds the reference
solutions in release mode in a copy of the repository (your exercises are neither used nor
touched), checks that every bridge gives the same answer as pure Python, times what it compares
in interleaved rounds, and prints a Markdown report naming the machine. Into --out (default
target/bench-results) it writes that report, one table per section, the figures (SVG) and
every timing as pyperf JSON: `python -m pyperf compare_to a/run.json b/run.json` compares two
runs. It never asserts anything about speed. The gRPC server it starts binds 127.0.0.1 only,
on a port the system picks, and is always stopped.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from oxbench import venv  # noqa: E402  (standard library only)

if __name__ == "__main__":
    venv.ensure()  # from here on: inside target/bench-venv, with bench/requirements.txt

import argparse  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from oxbench import build, cases, exercises, machine, plots, report, servers  # noqa: E402
from oxbench.bridges import Bridges  # noqa: E402
from oxbench.compare import compare  # noqa: E402
from oxbench.reference import make_text  # noqa: E402
from oxbench.timing import Interleaver, progress  # noqa: E402

BOOK = build.REPO / "book" / "ch5-performance" / "measured"
BRIDGE_MODULES = {"word_tools": "word-tools", "running_stats": "running-stats", "durations": "durations"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds, shorter slices, a 1 MB text")
    parser.add_argument("--out", type=Path, default=build.REPO / "target" / "bench-results",
                        help="where the report, tables, figures and JSON go")
    parser.add_argument("--book", action="store_true", help=f"write them to {BOOK.relative_to(build.REPO)}")
    parser.add_argument("--compare", nargs=2, metavar="RUN_JSON", help="compare the ratios of two runs; measure nothing")
    parser.add_argument("--brief", action="store_true", help="with --compare: the main rows only")
    parser.add_argument("--only", choices=["rust-or-go"],
                        help="only this section: its table and its pyperf JSON (rust-or-go.json), not run.json")
    args = parser.parse_args()
    if args.compare:
        print(compare(*args.compare, brief=args.brief), end="")
        return
    out = BOOK if args.book else args.out
    out.mkdir(parents=True, exist_ok=True)

    bench = Interleaver(rounds=5, slice_seconds=0.005, budget_seconds=1.0) if args.quick else \
        Interleaver(rounds=15, slice_seconds=0.02, budget_seconds=4.0)
    inputs_size, batch = (1_000_000, 200) if args.quick else (3_000_000, 1_000)
    started = time.perf_counter()
    about = machine.collect(build.find_maturin())
    if args.only:
        only_servers(args, out, bench, inputs_size, about, started)
        return

    with tempfile.TemporaryDirectory(prefix="oxidize-bench-") as tmp:
        work = Path(tmp)
        built = build.build(work, {**BRIDGE_MODULES, **exercises.modules_needed()})
        inputs = cases.Inputs(make_text(inputs_size), batch)
        with Bridges(built) as bridges:
            sections = [cases.cost_per_call(bridges, inputs), cases.anatomy(bridges, inputs),
                        cases.real_work(bridges, inputs), *cases.crossover(bridges, inputs),
                        cases.batching(bridges, inputs)]
            debug_section, debug_child = cases.debug_release(bridges, inputs, work / "text.txt")
            sections.append(debug_section)
            sections.append(cases.Section(
                "speedups", "Speed-up per exercise",
                "Each exercise's reference solution (release build) against its pure-Python "
                "reference, the same input, in the same rounds.",
                exercises.speedup_comparisons(bridges, inputs), "speed-up"))
            parallel = exercises.parallel_comparisons(bridges)
            if parallel:
                sections.append(cases.Section(
                    "parallel", "Parallel speed-up, beside its control",
                    "The control is pure-Rust work known to scale with the cores, timed the same "
                    "way in the same run: where the control stays near 1× too, the machine had no "
                    "core to spare, whatever the code.", parallel, "speed-up over one thread"))
            try:
                for section in sections:
                    progress(section.title)
                    for comparison in section.comparisons:
                        bench.run(comparison)
            finally:
                debug_child.close()
        rust_or_go = servers.run(build.SOURCES, built.release, work, inputs.text, args.quick, servers_machine(about))
        servers.add_to(bench, rust_or_go)

    seconds = time.perf_counter() - started
    method = (f"Build {built.seconds:.0f} s, measurements {seconds - built.seconds:.0f} s. Every "
              "comparison is timed in interleaved rounds (A B, B A, ...), each slice about "
              f"{bench.slice_seconds * 1000:.0f} ms of calls, after a warm-up; its ratio is taken round "
              f"by round. Up to {bench.rounds} rounds (slow work gets fewer, never fewer than 3).")
    text = report.full("Oxidize Python: the cost of each bridge", machine.markdown(about), method, sections, bench)
    # The section goes before the appendix (which lists its variants with every other's).
    appendix = "\n## Appendix: every variant"
    text = text.replace(appendix, f"\n## {SERVERS_TITLE}\n\n{rust_or_go.markdown}\n{appendix}", 1)
    print(text, end="")
    (out / "report.md").write_text(text, encoding="utf-8")
    (out / "rust-or-go.md").write_text(rust_or_go.markdown + "\n", encoding="utf-8")
    for section in sections:
        (out / f"{section.key}.md").write_text(
            report.section_table(section, bench) + "\n\n" + report.rounds_note(section, bench) + "\n", encoding="utf-8")
    line = machine.one_line(about)
    plots.cost_per_call(bench, [c.key for c in sections[0].comparisons], out / "cost-per-call.svg", line)
    by_key = {section.key: section for section in sections}
    plots.speedups(bench, [c.key for c in by_key["speedups"].comparisons], [c.key for c in parallel],
                   int(about["cpu_count"]), out / "speedups.svg", line)
    bench.suite(about).dump(str(out / "run.json"), replace=True)
    progress(f"done in {time.perf_counter() - started:.0f} s; report, tables, figures and run.json in {out}")


SERVERS_TITLE = "Rust or Go? The same gRPC service in Rust, Go and Python"


def servers_machine(about: dict) -> str:
    """The machine, for the section's table, which the book includes alone: with the load."""
    return f"{machine.one_line(about)} · load average at the start {about.get('load_avg_start', 'n/a')} (1, 5, 15 min)"


def only_servers(args, out: Path, bench: Interleaver, inputs_size: int, about: dict, started: float) -> None:
    """--only rust-or-go: build, run that section, write its table and rust-or-go.json (run.json,
    the whole run's, is left as it is)."""
    with tempfile.TemporaryDirectory(prefix="oxidize-bench-") as tmp:
        work = Path(tmp)
        built = build.build(work, {})
        outcome = servers.run(build.SOURCES, built.release, work, make_text(inputs_size), args.quick,
                              servers_machine(about))
    servers.add_to(bench, outcome)
    text = "\n".join([f"# {SERVERS_TITLE}", "", *machine.markdown(about), "", outcome.markdown]) + "\n"
    print(text, end="")
    (out / "rust-or-go.md").write_text(outcome.markdown + "\n", encoding="utf-8")
    bench.suite(about).dump(str(out / "rust-or-go.json"), replace=True)
    progress(f"done in {time.perf_counter() - started:.0f} s; rust-or-go.md and rust-or-go.json in {out}")


if __name__ == "__main__":
    main()
