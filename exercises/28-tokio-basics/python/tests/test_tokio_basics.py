"""The Rust program counts lines and words with two tokio tasks, and ends once the text is sent."""

import subprocess

import pytest


def reference_count(text: str) -> str:
    return f"{len(text.splitlines())} {len(text.split())}"


def count(run_cli, text: str) -> str:
    try:
        return run_cli(input=text).stdout.strip()
    except subprocess.TimeoutExpired:
        pytest.fail(
            "the program did not end: its counting task waits for more lines as long as any "
            "Sender is alive, so count_words must leave none",
            pytrace=False,
        )


def test_the_cli_counts_lines_and_words_like_python(run_cli):
    # Many more lines than the channel holds: the sender has to wait for the counter again and again.
    text = "".join(f"line {i} has\tfive words\n" for i in range(100)) + "\n  the end  \n"
    assert count(run_cli, text) == reference_count(text)


def test_the_cli_ends_with_nothing_to_count(run_cli):
    assert count(run_cli, "") == "0 0"
