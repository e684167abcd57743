"""The Rust CLI counts words exactly like Python's `collections.Counter`."""

from collections import Counter


def reference_tally(text: str) -> list[str]:
    counts = Counter(text.split())
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [f"{word} {count}" for word, count in ordered]


def test_the_cli_counts_words_like_python(run_cli):
    text = "the cat sat on the mat\nthe end\n  spaces\tand\ttabs  \n"
    assert run_cli(input=text).stdout.splitlines() == reference_tally(text)


def test_the_cli_orders_ties_like_python_even_with_accents(run_cli):
    text = "été zèbre apple Zebra été apple zèbre Zebra"
    assert run_cli(input=text).stdout.splitlines() == reference_tally(text)
