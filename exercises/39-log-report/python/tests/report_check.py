"""What the visible and the hidden tests check on each log: that the Rust tally equals the
Python one, and that the program, with it, prints the original's report to the byte. When they
differ, the message shows the first line of the log on which they part."""

import difflib
import gzip
import io
import pathlib

import pytest

import log_report_reference as reference
from log_report import _native
from log_report import report


def write_log(folder: pathlib.Path, name: str, text: str) -> pathlib.Path:
    """Writes `text` as the log `name` (through gzip when it ends in .gz), bytes as they are."""
    path = folder / name
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return path


def run(main, *args) -> str:
    """What `main(args)` writes, as the command line `python -m log_report ARGS` would."""
    out = io.StringIO()
    code = main([str(arg) for arg in args], out=out)
    assert code == 0, f"log_report {' '.join(map(str, args))} returned {code}"
    return out.getvalue()


def _rust_tally(text: str) -> "reference.Tally":
    fields = _native.tally_log(text)
    assert isinstance(fields, dict), f"tally_log returned {type(fields).__name__}, not a dict"
    return reference.Tally(**fields)


def _python_tally(text: str) -> "reference.Tally":
    return reference.tally_lines(io.StringIO(text))


def _what_differs(rust: "reference.Tally", python: "reference.Tally") -> str:
    parts = []
    for name in reference.Tally.__dataclass_fields__:
        mine, theirs = getattr(rust, name), getattr(python, name)
        if mine != theirs:
            parts.append(f"    {name}: Python {theirs!r}, your Rust {mine!r}")
    return "\n".join(parts)


def check_tally(text: str) -> None:
    """Fails with the first line of `text` on which the Rust tally and Python's part."""
    if _rust_tally(text) == _python_tally(text):
        return
    for number, line in enumerate(io.StringIO(text), start=1):
        rust, python = _rust_tally(line), _python_tally(line)
        if rust != python:
            parsed = reference.parse_line(line) if line.strip() else "a blank line, skipped"
            pytest.fail(
                f"_native.tally_log counts line {number} of the log differently from Python:\n"
                f"    {line.rstrip(chr(10))!r}\n"
                f"Python's parse_line reads it as {parsed!r}. The tallies of that line alone:\n"
                f"{_what_differs(rust, python)}\n"
                "Read the rule it breaks (or keeps) in parse_line's docstring in report.py, and "
                "the same check in your parse_line in src/lib.rs.",
                pytrace=False,
            )
    pytest.fail(
        "each line alone is tallied as Python does, but the whole log is not:\n"
        f"{_what_differs(_rust_tally(text), _python_tally(text))}\n"
        "Does tally_log carry one Tally over all the lines (and keep each endpoint's seconds in "
        "the order of the log)?",
        pytrace=False,
    )


def check_report(logs: list[pathlib.Path], *flags: str) -> None:
    """Fails unless the program prints the original's report for `logs`, to the byte."""
    expected = run(reference.main, *logs, *flags)
    actual = run(report.main, *logs, *flags)
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "the original", "yours", lineterm="", n=1
        )
        pytest.fail(
            "the Rust tally is right, but the report differs from the original's (- original, + "
            "yours). Change nothing in report.py but where the tally is made (tally_file):\n"
            + "\n".join(list(diff)[:40]),
            pytrace=False,
        )
