"""The Rust CLI's one generic `top_n` ranks words and numbers as Python's `sorted` does."""

from collections import Counter


def reference_top_words(text: str, n: int) -> list[str]:
    counts = Counter(text.split())
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [f"{word}: {count}" for word, count in ranked[:n]]


def reference_top_numbers(text: str, n: int) -> list[str]:
    return [str(number) for number in sorted(map(int, text.split()), reverse=True)[:n]]


def test_words_prints_the_most_frequent_words_like_counter(run_cli):
    text = "the cat sat on the mat\nthe end of the cat\nété été zèbre apple Zebra\n"
    for n in [1, 3, 5]:
        assert run_cli("words", str(n), input=text).stdout.splitlines() == reference_top_words(
            text, n
        ), n


def test_numbers_prints_the_largest_numbers_like_sorted(run_cli):
    text = "12 -7 300\n42 0 42 -1000 9999999999 5\n"
    for n in [1, 4, 8]:
        assert run_cli("numbers", str(n), input=text).stdout.splitlines() == reference_top_numbers(
            text, n
        ), n


def test_n_larger_than_the_input_prints_everything(run_cli):
    words = "b a b"
    assert run_cli("words", "10", input=words).stdout.splitlines() == reference_top_words(words, 10)
    numbers = "2 3 1"
    assert run_cli("numbers", "10", input=numbers).stdout.splitlines() == reference_top_numbers(
        numbers, 10
    )
