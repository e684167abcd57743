"""The Rust CLI's iterators give what Python's generators and itertools give."""

from itertools import islice, takewhile


def fibonacci():
    """Python's lazy sequence: a generator. It never ends; Python's int has no upper bound."""
    current, following = 0, 1
    while True:
        yield current
        current, following = following, current + following


def fits_in_u64(n: int) -> bool:
    return n < 2**64


def test_fib_prints_the_same_numbers_as_a_python_generator(run_cli):
    expected = [str(n) for n in islice(fibonacci(), 30)]
    assert run_cli("fib", "30").stdout.splitlines() == expected


def test_fib_stops_where_u64_ends_instead_of_overflowing(run_cli):
    expected = [str(n) for n in takewhile(fits_in_u64, islice(fibonacci(), 200))]
    assert len(expected) == 94
    assert run_cli("fib", "200").stdout.splitlines() == expected


def test_even_sum_agrees_with_python_for_several_limits(run_cli):
    for limit in [0, 1, 2, 3, 100, 4_000_000, 10**18]:
        below = takewhile(lambda n: n < limit, fibonacci())
        expected = sum(n for n in below if n % 2 == 0)
        assert run_cli("even-sum", str(limit)).stdout == f"{expected}\n", limit


def test_long_words_numbers_the_long_words_like_python(run_cli):
    text = "The quick brown fox\njumps over the lazy dog\n  naïve café été déjà vu\n"
    long = (word for word in text.split() if len(word) >= 4)
    expected = [f"{i}. {word}" for i, word in enumerate(long, start=1)]
    assert run_cli("long-words", "4", input=text).stdout.splitlines() == expected
