"""The Python tests of every exercise, run under wine in a Windows CPython against the solutions
built for Windows: the part of the portability check that proves a Windows learner's `.exe`,
`.dll`, `.pyd` and gRPC server load, serve and pass the same tests.

The checker would set each exercise's `OXIDIZE_*` variables and install its module into the
venv; a Windows checker cannot run here (no Windows cargo), so this does both by hand, as
the checker does on Windows: the binary's `.exe`, the library's `.dll`, the module renamed `.pyd`.

Usage: python3 python_tests.py SOLVED_COURSE WINDOWS_TARGET_DIR WINDOWS_PYTHON PORTABILITY_DIR
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree

# Tests that cannot run under wine, each with why: (exercise, test name) -> why. Every other
# test of every exercise runs, and must pass.
_NEEDS_MATURIN = (
    "builds the wheel with maturin and cargo, or installs it with a venv's pip: no Windows "
    "cargo, maturin or venv here (ci.yml runs it on windows-latest)"
)
NOT_UNDER_WINE = {
    ("ship-a-wheel", name): _NEEDS_MATURIN
    for name in (
        "test_the_wheel_is_tagged_for_every_cpython_from_3_9_and_works_in_a_fresh_venv",
        "test_the_wheel_holds_the_package_its_compiled_module_the_stub_and_py_typed",
        "test_the_metadata_and_the_module_both_give_the_version_of_cargo_toml",
    )
}

TIMEOUT_SECS = 600


def windows_path(path: pathlib.Path) -> str:
    """The path as a Windows program under wine sees it: wine maps `/` to drive Z:."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def library_name(crate: pathlib.Path) -> str:
    manifest = tomllib.loads((crate / "Cargo.toml").read_text())
    return manifest.get("lib", {}).get("name", manifest["package"]["name"].replace("-", "_"))


def module_name(crate: pathlib.Path) -> str:
    pyproject = tomllib.loads((crate / "pyproject.toml").read_text())
    return pyproject.get("tool", {}).get("maturin", {}).get("module-name", library_name(crate))


def lay_out_module(crate: pathlib.Path, built: pathlib.Path, modules: pathlib.Path) -> None:
    """What `maturin develop` installs, in `modules`: `name.pyd`, or a package with its native
    part, where the crate has Python source of its own (`python-source`)."""
    pyproject = tomllib.loads((crate / "pyproject.toml").read_text())
    python_source = pyproject.get("tool", {}).get("maturin", {}).get("python-source")
    name = module_name(crate)
    if python_source:
        package = name.split(".")[0]
        shutil.copytree(crate / python_source / package, modules / package)
    destination = modules.joinpath(*name.split("."))
    destination = destination.with_name(destination.name + ".pyd")
    shutil.copyfile(built / f"{library_name(crate)}.dll", destination)


def environment(exercise: dict, crate: pathlib.Path, built: pathlib.Path, scratch: pathlib.Path):
    env = {
        "OXIDIZE_EXERCISE_DIR": windows_path(crate),
        "OXIDIZE_SCRATCH": windows_path(scratch),
        # As the checker sets them for pytest (checker/src/py_tests/command.rs).
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUTF8": "1",
        "RUST_BACKTRACE": "0",
    }
    if exercise["kind"] == "rust":
        env["OXIDIZE_BIN"] = windows_path(built / f"{crate_package(crate)}.exe")
    elif exercise["kind"] == "grpc":
        # A command line, quoted as the checker quotes it on Windows (platform::command_word).
        env["OXIDIZE_SERVER"] = '"' + windows_path(built / f"{crate_package(crate)}.exe") + '"'
    elif exercise["kind"] == "ffi":
        env["OXIDIZE_LIB"] = windows_path(built / f"{library_name(crate)}.dll")
    return env


def crate_package(crate: pathlib.Path) -> str:
    return tomllib.loads((crate / "Cargo.toml").read_text())["package"]["name"]


def counts(report: pathlib.Path) -> dict[str, list[str]]:
    outcome: dict[str, list[str]] = {"passed": [], "failed": [], "skipped": []}
    try:
        cases = list(ElementTree.parse(report).iter("testcase"))
    except (OSError, ElementTree.ParseError):
        return outcome  # pytest did not get as far as its report: the output says why
    for case in cases:
        name = case.get("name", "?")
        if case.find("failure") is not None or case.find("error") is not None:
            outcome["failed"].append(name)
        elif case.find("skipped") is not None:
            outcome["skipped"].append(name)
        else:
            outcome["passed"].append(name)
    return outcome


def main() -> int:
    course, target, python, here = map(pathlib.Path, sys.argv[1:5])
    wine = here / "wine"
    python_exe = python / "python.exe"
    work = target.parent / "python-tests"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    totals = {"passed": 0, "failed": 0, "skipped": 0, "not run": 0}
    failures = []
    exercises = tomllib.loads((course / "course.toml").read_text())["exercises"]
    for exercise in exercises:
        ident = exercise["id"]
        not_here = sorted(name for (owner, name) in NOT_UNDER_WINE if owner == ident)
        for name in not_here:
            print(f"  {ident:20} not run: {name}: {NOT_UNDER_WINE[(ident, name)]}")
        totals["not run"] += len(not_here)
        crate = course / exercise["path"]
        built = target / ("release" if exercise.get("release") else "debug")
        modules = work / ident / "modules"
        scratch = work / ident / "scratch"
        modules.mkdir(parents=True)
        scratch.mkdir()
        if exercise["kind"] == "pyo3":
            lay_out_module(crate, built, modules)
        report = work / ident / "report.xml"
        deselected = ["-k", "not (" + " or ".join(not_here) + ")"] if not_here else []
        command = [
            str(wine), str(python_exe), windows_path(here / "run_pytest.py"), windows_path(modules),
            "-c", "exercises/pytest.ini", "-q", "-rfE",
            f"--junitxml={windows_path(report)}", f"{exercise['path']}/python/tests",
            *deselected,
        ]
        try:
            run = subprocess.run(
                command, cwd=course, env={**base_environment(), **environment(
                    exercise, crate, built, scratch)},
                capture_output=True, text=True, timeout=TIMEOUT_SECS,
            )
            output = run.stdout + run.stderr
        except subprocess.TimeoutExpired as expired:
            output = f"timed out after {TIMEOUT_SECS} s\n{expired.stdout or ''}"
        outcome = counts(report)
        for key in outcome:
            totals[key] += len(outcome[key])
        summary = ", ".join(f"{len(outcome[key])} {key}" for key in outcome if outcome[key])
        print(f"  {ident:20} {summary or 'no test ran'}")
        # A skip is a failure here too: every test that can run under wine must pass.
        if outcome["failed"] or outcome["skipped"] or not outcome["passed"]:
            failures.append(ident)
            print(indent(output[-6000:]))
    print(
        f"Python tests under wine: {totals['passed']} passed, {totals['failed']} failed, "
        f"{totals['skipped']} skipped, {totals['not run']} not run (named above)"
    )
    if failures:
        print("failed under wine: " + ", ".join(failures))
        return 1
    return 0


def base_environment() -> dict[str, str]:
    keep = ("PATH", "HOME", "WINEPREFIX", "WINEDEBUG", "LANG", "LC_ALL")
    return {key: os.environ[key] for key in keep if key in os.environ}


def indent(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines())


if __name__ == "__main__":
    sys.exit(main())
