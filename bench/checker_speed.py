#!/usr/bin/env python3
"""How fast the checker answers: the warm re-check of one exercise of each kind, with and
without an edit, and a warm `grade` with one job against two, in interleaved rounds (A B A B...)
so that a change in the machine's load falls on every case alike (a first grade before the
rounds builds every exercise, so the rounds' grades are warm). With `--cold`, also one cold
`grade` of the whole course (a fresh target directory, the venv included). After the rounds,
`watch` of the pure-Rust exercise: from each save to its result. The pure-Rust re-check is
timed twice: through `cargo run` (`cargo checker`) and with the checker installed (`cargo
install`, as rustlings is). With `rustlings` on PATH,
`rustlings run` of two of its exercises is timed in the same rounds, as the anchor: vecs1,
which like ours has a test (the like-for-like one), and intro2, a program alone.

    python3 bench/checker_speed.py [--rounds 3] [--cold] [--first-result 3]
    python3 bench/checker_speed.py --first-result 3 --rounds 0    # the first result alone

With `--first-result N`, first the README's promise: from a fresh clone to the first exercise's
result, `cargo checker check` N times, each in a new clone with its own target directory and
venv (the checker built, the venv made, first-word built and tested). Downloads are not timed
where they are already in cargo's, pip's and uv's caches on this machine; say so beside figures.

It works in a copy of the course (a `git clone` of this repository into a temporary
directory), with the four exercises it re-checks solved (the others as a learner gets them), so
nothing of yours is touched. Figures: min, median and
max seconds per case, and the ratios the targets are stated in.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# One exercise of each kind: (case name, exercise id, its folder).
RECHECKS = [
    ("rust", "first-word", "01-first-word"),
    ("ffi", "ffi-numbers", "06-ffi-numbers"),
    ("pyo3", "word-tools", "12-word-tools"),
    ("grpc", "grpc-unary", "29-grpc-unary"),
]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {rustc}"
    )


def load() -> str:
    """The 1, 5 and 15 minute load averages, where the system gives them."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except (AttributeError, OSError):
        return "unknown"


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some test failed, which is still a check
        sys.exit(f"{' '.join(cmd)} failed with exit code {done.returncode}")
    return elapsed


def touch_source(course: Path, folder: str) -> None:
    """An edit a learner makes: one more comment line in src/lib.rs."""
    lib = course / "exercises" / folder / "src" / "lib.rs"
    lib.write_text(lib.read_text() + f"// edit {time.perf_counter_ns()}\n")


def summary(name: str, samples: list[float]) -> str:
    return (
        f"{name:52} min {min(samples):6.2f} s   median {statistics.median(samples):6.2f} s   "
        f"max {max(samples):6.2f} s"
    )


def ratio(samples_a: list[float], samples_b: list[float]) -> str:
    pairs = [a / b for a, b in zip(samples_a, samples_b)]
    return f"{min(pairs):.2f} / {statistics.median(pairs):.2f} / {max(pairs):.2f}"


# rustlings exercises timed as the anchor: (name, exercise, its file, the edit that solves it).
# vecs1 is the like-for-like one: like ours, it has a test, so `rustlings run` compiles it twice
# (the program and its test harness) and runs the test. intro2 is a program alone.
RUSTLINGS = [
    ("vecs1", "vecs1", "05_vecs/vecs1.rs", ("    // let v = ???;", "    let v = vec![10, 20, 30, 40];")),
    ("intro2, no test", "intro2", "00_intro/intro2.rs", ("printline!", "println!")),
]


def rustlings_cases(work: Path) -> list[tuple[str, list[str], Path]]:
    """Each of RUSTLINGS, solved in a fresh `rustlings init` folder: its name, its `rustlings run`
    command and the file a learner edits there; none without rustlings."""
    if shutil.which("rustlings") is None:
        return []
    subprocess.run(["rustlings", "init"], cwd=work, check=True, capture_output=True,
                   stdin=subprocess.DEVNULL)
    cases = []
    for name, exercise, file, (todo, solved) in RUSTLINGS:
        path = work / "rustlings" / "exercises" / file
        text = path.read_text()
        if todo not in text:
            sys.exit(f"{path} no longer has `{todo}`: update RUSTLINGS for this rustlings version")
        path.write_text(text.replace(todo, solved))
        cases.append((name, ["rustlings", "run", exercise], path))
    return cases


def rustlings_after_an_edit(case: tuple[str, list[str], Path], env: dict[str, str]) -> float:
    _, command, file = case
    file.write_text(file.read_text() + f"// edit {time.perf_counter_ns()}\n")
    return timed(command, file.parents[2], env)


def watch_rounds(course: Path, env: dict[str, str], checker: list[str],
                 rustlings: list[tuple[str, list[str], Path]], rounds: int,
                 samples: dict[str, list[float]]) -> None:
    """`watch`, the loop a learner leaves running (as `rustlings` alone is rustlings' loop):
    from the save of an edit to the end of the result it prints (the line that says it watches
    again), for the pure-Rust exercise, with `rustlings run` after an edit interleaved. A phase
    of its own: a watcher sees every edit of its exercise, so it cannot run beside the rounds'
    re-checks of that exercise."""
    kind, exercise, folder = RECHECKS[0]
    watcher = subprocess.Popen(checker + ["watch", exercise], cwd=course, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def until_watching() -> None:
        for line in watcher.stdout:
            if line.startswith("Watching "):
                return
        sys.exit(f"`watch {exercise}` ended before it said it was watching")

    try:
        until_watching()
        for round_no in range(rounds):
            print(f"watch round {round_no + 1} of {rounds}", flush=True)
            time.sleep(0.5)  # the watcher is idle, as between a learner's saves
            start = time.perf_counter()
            touch_source(course, folder)
            until_watching()
            samples.setdefault(f"{kind} re-check in watch, after an edit", []).append(
                time.perf_counter() - start)
            for case in rustlings:
                samples.setdefault(f"rustlings run {case[0]} after an edit, watch phase", []).append(
                    rustlings_after_an_edit(case, env))
    finally:
        watcher.terminate()
        watcher.wait()


def first_results(runs: int) -> list[float]:
    """`cargo checker check` in `runs` fresh clones: nothing built, no venv."""
    samples = []
    for run in range(runs):
        work = Path(tempfile.mkdtemp(prefix="oxidize-first-"))
        subprocess.run(["git", "clone", "-q", str(ROOT), str(work / "course")], check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("CARGO_TARGET_DIR", "OXIDIZE_VENV")}
        seconds = timed(["cargo", "checker", "check"], work / "course", dict(env, NO_COLOR="1"))
        print(f"  fresh clone {run + 1} of {runs}: first result in {seconds:.1f} s (load {load()})", flush=True)
        samples.append(seconds)
        shutil.rmtree(work, ignore_errors=True)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="also time one cold grade")
    parser.add_argument("--first-result", type=int, default=0, metavar="N",
                        help="first time N fresh clones' first `cargo checker check`")
    args = parser.parse_args()
    first = []
    if args.first_result:
        print(f"machine: {machine()}\nload average at the start: {load()}")
        print("from a fresh clone to the first exercise's result:", flush=True)
        first = first_results(args.first_result)
        if args.rounds == 0:  # `--rounds 0`: the first result alone
            print(summary("first result from a fresh clone (README: at most 45 s)", first))
            return

    work = Path(tempfile.mkdtemp(prefix="oxidize-speed-"))
    course = work / "course"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(course)], check=True)
    for _, _, folder in RECHECKS:
        shutil.copytree(course / "solutions" / folder, course / "exercises" / folder, dirs_exist_ok=True)
    env = dict(os.environ, NO_COLOR="1", CARGO_TARGET_DIR=str(work / "target"))
    env["OXIDIZE_VENV"] = str(ROOT / ".venv") if (ROOT / ".venv").is_dir() else str(course / ".venv")
    checker = ["cargo", "run", "-q", "-p", "checker", "--"]

    print(f"machine: {machine()}")
    print(f"load average at the start: {load()}")
    print(f"course copy: {course}\nwarming up (the first build of each exercise)...", flush=True)
    for _, exercise, _ in RECHECKS:
        timed(checker + ["check", exercise], course, env)
    # A first grade builds (and installs) every other exercise, so the rounds' grades are warm.
    timed(checker + ["grade", "--jobs", "2"], course, env)
    # The checker installed as README says (`cargo install`), here in its debug build like the
    # one `cargo run` runs, so the two differ only by cargo run's own work.
    subprocess.run(["cargo", "install", "-q", "--debug", "--locked", "--path", "checker",
                    "--root", str(work / "installed")], cwd=course, env=env, check=True)
    installed = [str(work / "installed" / "bin" / "checker")]
    timed(installed + ["check", RECHECKS[0][1]], course, env)
    rustlings = rustlings_cases(work)
    for _, command, _ in rustlings:
        timed(command, work / "rustlings", env)

    samples: dict[str, list[float]] = {}
    for round_no in range(args.rounds):
        print(f"round {round_no + 1} of {args.rounds}", flush=True)
        for kind, exercise, folder in RECHECKS:
            samples.setdefault(f"{kind} re-check, no edit", []).append(
                timed(checker + ["check", exercise], course, env)
            )
            touch_source(course, folder)
            samples.setdefault(f"{kind} re-check after an edit", []).append(
                timed(checker + ["check", exercise], course, env)
            )
            if kind == "rust":
                touch_source(course, folder)
                samples.setdefault("rust re-check after an edit, installed checker", []).append(
                    timed(installed + ["check", exercise], course, env)
                )
        for case in rustlings:
            name, command, _ = case
            samples.setdefault(f"rustlings run {name}, no edit", []).append(
                timed(command, work / "rustlings", env)
            )
            samples.setdefault(f"rustlings run {name} after an edit", []).append(
                rustlings_after_an_edit(case, env)
            )
        for jobs in ("1", "2"):
            samples.setdefault(f"warm grade --jobs {jobs}", []).append(
                timed(checker + ["grade", "--jobs", jobs], course, env)
            )

    watch_rounds(course, env, checker, rustlings, args.rounds, samples)

    print(f"\nload average at the end of the rounds: {load()}")
    if first:
        print(summary("first result from a fresh clone (README: at most 45 s)", first))
    for name, values in samples.items():
        print(summary(name, values))
    print("\nratios, min / median / max of the rounds' pairs:")
    rust = samples["rust re-check after an edit"]
    for kind in ("ffi", "pyo3", "grpc"):
        print(f"  {kind} re-check / rust re-check (after an edit): {ratio(samples[f'{kind} re-check after an edit'], rust)}")
    print(f"  grade --jobs 2 / --jobs 1: {ratio(samples['warm grade --jobs 2'], samples['warm grade --jobs 1'])}")
    for name, _, _ in rustlings:
        print(f"  rust re-check / rustlings run {name}, no edit: {ratio(samples['rust re-check, no edit'], samples[f'rustlings run {name}, no edit'])}")
        print(f"  rust re-check / rustlings run {name}, after an edit: {ratio(samples['rust re-check after an edit'], samples[f'rustlings run {name} after an edit'])}")
        print(f"  rust re-check, installed checker / rustlings run {name}, after an edit: {ratio(samples['rust re-check after an edit, installed checker'], samples[f'rustlings run {name} after an edit'])}")
        print(f"  rust re-check in watch / rustlings run {name}, after an edit: {ratio(samples['rust re-check in watch, after an edit'], samples[f'rustlings run {name} after an edit, watch phase'])}")
    if not rustlings:
        print("  (rustlings is not installed: `cargo install rustlings --locked` adds the anchor)")

    if args.cold:
        cold = dict(env, CARGO_TARGET_DIR=str(work / "cold-target"), OXIDIZE_VENV=str(work / "cold-venv"))
        print("\ncold grade of the whole course (fresh target and venv)...", flush=True)
        seconds = timed(checker + ["grade", "--jobs", "2"], course, cold)
        print(f"cold grade --jobs 2: {seconds:.0f} s (load average after it: {load()})")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
