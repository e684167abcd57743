#!/usr/bin/env python3
"""How fast `grade-class` grades a class: ten generated mid-term learners graded in one run,
against the same ten graded one at a time (ten runs of one learner, which is what a class cost
before results were reused), in interleaved rounds (class, ten alone, class, ...) so that a
change in the machine's load falls on both alike. Each run starts with nothing kept (`--fresh`).
After the rounds, the class is graded again after one learner changed one exercise.

    python3 bench/class_grading.py [--rounds 2] [--exercises 9]

The learners, generated in a temporary folder from a `git clone` of this repository: learner k
(k = 0..8) solved the first k exercises of the assignment (the reference solution, with a
comment of its own, so no two learners' solved code is byte-identical) and left the rest as
handed out; a tenth learner is a copy of the ninth. The assignment is the first `--exercises`
exercises of the course (`grade-class --only`); the pristine course is the clone without its
solutions. Figures: min, median and max seconds, learners per hour, and how many exercises each
run built against how many it took from the results cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from checker_speed import load, machine  # the same machine line as the other benchmark

ROOT = Path(__file__).resolve().parent.parent
LEARNERS = 10


def make_class(course: Path, class_dir: Path, folders: list[str]) -> list[Path]:
    """Ten learners' repositories: learner k solved the first k exercises; the last two are
    the same."""
    learners = []
    for k in range(LEARNERS - 1):
        learner = class_dir / f"learner-{k:02}"
        shutil.copytree(course, learner, ignore=shutil.ignore_patterns(
            ".git", "target", ".venv", "solutions", "hidden"))
        for folder in folders[:k]:
            shutil.copytree(course / "solutions" / folder, learner / "exercises" / folder,
                            dirs_exist_ok=True)
            lib = learner / "exercises" / folder / "src" / "lib.rs"
            lib.write_text(lib.read_text() + f"// solved by learner {k}\n")
        learners.append(learner)
    twin = class_dir / f"learner-{LEARNERS - 1:02}"
    shutil.copytree(learners[-1], twin)
    learners.append(twin)
    return learners


def grade_class(checker: list[str], pristine: Path, learners: list[Path], output: Path,
                env: dict[str, str], fresh: bool, only: list[str]) -> tuple[float, int, int]:
    """One `grade-class` of `learners` (listed in a file): its seconds, and how many exercises
    it built and how many it took from the results cache (from the learners' logs)."""
    listing = output.parent / f"{output.name}.txt"
    listing.parent.mkdir(parents=True, exist_ok=True)
    listing.write_text("".join(f"{learner}\n" for learner in learners))
    command = checker + ["--course", str(pristine), "grade-class", "--list", str(listing),
                         "--output", str(output), "--only", *only]
    if fresh:
        command.append("--fresh")
    start = time.perf_counter()
    done = subprocess.run(command, cwd=pristine, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"grade-class failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    built = reused = 0
    for learner in learners:
        log = output / f"{learner.name}.log"
        # Only the logs of this run: a learner graded before keeps the log of then.
        if log.is_file() and log.stat().st_mtime >= time.time() - elapsed - 1:
            text = log.read_text(errors="replace")
            reused += text.count("that result stands")
            built += sum(1 for line in text.splitlines()
                         if line.startswith("grade: ") and line.endswith("..."))
    return elapsed, built, reused


def summary(name: str, samples: list[float]) -> str:
    return (f"{name:44} min {min(samples):7.1f} s   median {statistics.median(samples):7.1f} s"
            f"   max {max(samples):7.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--exercises", type=int, default=9,
                        help="the assignment: this many of the course's first exercises")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="oxidize-class-"))
    course = work / "course"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(course)], check=True)
    manifest = tomllib.loads((course / "course.toml").read_text())
    exercises = manifest["exercises"][: args.exercises]
    only = [e["id"] for e in exercises]
    folders = [Path(e["path"]).name for e in exercises]
    # The pristine course, as an instructor grades with it: no solutions.
    pristine = work / "pristine"
    subprocess.run(["git", "clone", "-q", str(course), str(pristine)], check=True)
    shutil.rmtree(pristine / "solutions")
    learners = make_class(course, work / "class", folders)

    env = dict(os.environ, NO_COLOR="1", CI="1")
    env.pop("CARGO_TARGET_DIR", None)
    env["OXIDIZE_VENV"] = str(ROOT / ".venv") if (ROOT / ".venv").is_dir() else str(pristine / ".venv")
    # The checker, built once in release mode, as an instructor installs it.
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "checker"], cwd=course, check=True,
                   env=dict(env, CARGO_TARGET_DIR=str(work / "checker-target")))
    checker = [str(work / "checker-target" / "release" / "checker")]

    print(f"machine: {machine()}")
    print(f"load average at the start: {load()}")
    print(f"assignment: {len(only)} exercises ({only[0]} to {only[-1]}), {LEARNERS} learners")
    print("warming up (the pristine course's first build of every exercise)...", flush=True)
    grade_class(checker, pristine, learners[:1], work / "warm-up", env, True, only)

    samples: dict[str, list[float]] = {}
    counts: dict[str, tuple[int, int]] = {}
    for round_no in range(args.rounds):
        print(f"round {round_no + 1} of {args.rounds}", flush=True)
        seconds, built, reused = grade_class(checker, pristine, learners, work / "class-out",
                                             env, True, only)
        samples.setdefault("the class of 10, one run", []).append(seconds)
        print(f"  the class of 10: {seconds:.1f} s (built {built}, reused {reused})", flush=True)
        counts["the class of 10, one run"] = (built, reused)
        alone_total, alone_built, alone_reused = 0.0, 0, 0
        for learner in learners:
            # Each alone, its own output and cache: nothing of another learner is reused.
            out = work / "alone" / learner.name
            seconds, built, reused = grade_class(checker, pristine, [learner], out, env, True, only)
            alone_total += seconds
            alone_built += built
            alone_reused += reused
            samples.setdefault("one learner alone", []).append(seconds)
        samples.setdefault("10 x one learner alone", []).append(alone_total)
        print(f"  10 x one learner alone: {alone_total:.1f} s", flush=True)
        counts["10 x one learner alone"] = (alone_built, alone_reused)

    # A learner changes one exercise: the class is graded again, not from scratch.
    lib = learners[5] / "exercises" / folders[0] / "src" / "lib.rs"
    lib.write_text(lib.read_text() + "// one more edit\n")
    seconds, built, reused = grade_class(checker, pristine, learners, work / "class-out", env,
                                         False, only)
    samples["the class again, one learner changed one exercise"] = [seconds]
    counts["the class again, one learner changed one exercise"] = (built, reused)

    print(f"\nload average at the end: {load()}")
    for name, values in samples.items():
        line = summary(name, values)
        if name in counts:
            built, reused = counts[name]
            line += f"   built {built}, reused {reused}"
        print(line)
    class_median = statistics.median(samples["the class of 10, one run"])
    alone_median = statistics.median(samples["10 x one learner alone"])
    print(f"\nlearners per hour: {LEARNERS * 3600 / class_median:.0f} as a class, "
          f"{LEARNERS * 3600 / alone_median:.0f} one at a time "
          f"({alone_median / class_median:.1f}x)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
