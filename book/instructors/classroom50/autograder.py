#!/usr/bin/env python3
"""Oxidize Python's autograder for Classroom 50.

Classroom 50's runner starts this script once per submission, in the student's checkout, with
the submission's identity in its environment. It grades the student's `src/` folders against
the pristine course bundled beside it (`course/`, written by `cargo checker handout --for
classroom50`): the tests, manifests and the checker itself come from the bundle, never from the
student's repository. It writes `./result.json` (contract classroom50/result/v1) and exits 0
whenever grading ran, whatever the score; any other exit is an infrastructure error.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BUNDLE = Path(__file__).resolve().parent
COURSE = BUNDLE / "course"
# The runner's variables the result is identified by (their contract; `review` may be absent).
IDENTITY = ["CLASSROOM", "ASSIGNMENT", "SUBMISSION_TAG", "COMMIT_URL", "RELEASE_URL"]


def infrastructure(message):
    """Stops without a result: the runner records an error, not a score of 0."""
    print(f"[INFRASTRUCTURE] {message}", file=sys.stderr)
    sys.exit(2)


def selected_exercises():
    """The exercises this assignment grades: `exercises.txt` beside this script, one id a line
    (written by `handout --only`); without it, every exercise of the course."""
    listing = BUNDLE / "exercises.txt"
    if not listing.is_file():
        return []
    lines = (line.strip() for line in listing.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def allow_bubblewrap():
    """Ubuntu 24.04 lets only programs with an AppArmor profile make user namespaces, and
    bubblewrap (the checker's sandbox) has none: allow them on this throw-away runner. Without
    it the checker still grades, confining writes with Landlock and saying what it cannot."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        print("::warning::bubblewrap is not installed: add it to the runtime block's apt list")
        return
    probe = [bwrap, "--unshare-all", "--ro-bind", "/", "/", "true"]
    if subprocess.run(probe, capture_output=True).returncode == 0:
        return
    if shutil.which("sudo"):
        subprocess.run(
            ["sudo", "-n", "sysctl", "-w", "kernel.apparmor_restrict_unprivileged_userns=0"],
            capture_output=True,
        )


def checker():
    """The checker, built from the bundled course (a student's copy of it could be edited)."""
    given = os.environ.get("OXIDIZE_CHECKER")
    if given:
        return [given]
    # Built in the bundled course: cargo and rustup read `.cargo/config.toml` and
    # `rust-toolchain.toml` from the working directory up, and the student's checkout must not
    # choose the compiler (a `rustc-wrapper` there would run unconfined, with the runner's token).
    build = subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "-p", "checker"],
        cwd=COURSE,
    )
    if build.returncode != 0:
        infrastructure("the checker did not build from the bundled course")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or COURSE / "target")
    return [str(target / "debug" / ("checker.exe" if os.name == "nt" else "checker"))]


def main():
    missing = [name for name in IDENTITY if not os.environ.get(name)]
    if missing:
        infrastructure(f"not run by Classroom 50's runner: {', '.join(missing)} not set")
    if not (COURSE / "course.toml").is_file():
        infrastructure(f"no pristine course at {COURSE}: bundle `handout --for classroom50`'s autograder folder")
    # The runner publishes these from the checkout: a student's own must not stand for ours.
    for forged in ("result.json", "release-body.md"):
        Path(forged).unlink(missing_ok=True)
    allow_bubblewrap()
    run = checker()
    only = selected_exercises()
    with tempfile.TemporaryDirectory(prefix="oxidize-classroom50-") as scratch:
        results = Path(scratch) / "results.json"
        grade = run + ["--course", ".", "grade", "--tests-from", str(COURSE),
                       "--format", "json", "--output", str(results), "--jobs", "2"]
        if only:
            grade += ["--only", *only]
        if subprocess.run(grade).returncode != 0 or not results.is_file():
            infrastructure("the checker could not grade this submission (its message is above)")
        # The table for the log, annotations on the failing lines, then the contract's file.
        subprocess.run(run + ["report", str(results)])
        subprocess.run(run + ["--course", str(COURSE), "report", str(results), "--format", "github",
                              "--output", os.environ.get("GITHUB_STEP_SUMMARY", os.devnull)])
        written = subprocess.run(run + ["report", str(results), "--format", "classroom50",
                                        "--output", "result.json"])
        if written.returncode != 0:
            infrastructure("the checker could not write result.json (its message is above)")


if __name__ == "__main__":
    main()
