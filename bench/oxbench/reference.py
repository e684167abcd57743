"""The pure-Python side of the comparisons, and the inputs (the same every run). Chapter 5's
exercises keep their references beside their tests instead, where the tests import them too
(`exercises.InTests`)."""

from __future__ import annotations

import random
from collections import Counter


def noop():
    pass


def py_gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def py_first_word(line: str) -> str:
    return line.partition(" ")[0]


def py_word_counts(text: str) -> dict[str, int]:
    """The loop a Python programmer writes first."""
    counts: dict[str, int] = {}
    for word in text.split():
        word = word.lower()
        counts[word] = counts.get(word, 0) + 1
    return counts


def py_word_counts_counter(text: str) -> Counter:
    """The idiomatic version: `str.split` and `Counter` do the loop in C."""
    return Counter(text.lower().split())


def py_tally_lines(text: str) -> str:
    """What the word-tally CLI prints: `word count`, most frequent first, then by word."""
    ranked = sorted(Counter(text.split()).items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{word} {count}\n" for word, count in ranked)


_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def py_parse_duration(text: str) -> int:
    """Seconds in a duration such as "1h30m": the same rules as durations.parse_duration."""
    text = text.strip()
    if not text:
        raise ValueError("empty duration")
    total, number = 0, None
    for c in text:
        if "0" <= c <= "9":
            number = (number or 0) * 10 + ord(c) - 48
        else:
            if number is None:
                raise ValueError(f"unit {c!r} has no number before it")
            if c not in _UNIT_SECONDS:
                raise ValueError(f"unknown unit {c!r}")
            total += number * _UNIT_SECONDS[c]
            number = None
    if number is not None:
        raise ValueError(f"number {number} has no unit after it")
    return total


class PyRunningStats:
    """running_stats.RunningStats in pure Python: a count, a total, the largest."""

    __slots__ = ("count", "total", "largest")

    def __init__(self):
        self.count, self.total, self.largest = 0, 0.0, None

    def extend(self, values) -> None:
        for value in values:
            self.count += 1
            self.total += value
            if self.largest is None or value > self.largest:
                self.largest = value

    def mean(self):
        return self.total / self.count if self.count else None


def py_wc(text: str) -> tuple[int, int, int]:
    """What the WordStats service's Count answers: lines, words, characters."""
    return len(text.splitlines()), len(text.split()), len(text)


def py_first_longer_than(words: list[str], min_len: int):
    return next((word for word in words if len(word) > min_len), None)


def py_count_primes(limit: int) -> int:
    """release_the_gil.count_primes in pure Python: the sieve of Eratosthenes."""
    if limit < 3:
        return 0
    is_prime = bytearray([1]) * limit
    is_prime[0] = is_prime[1] = 0
    n = 2
    while n * n < limit:
        if is_prime[n]:
            is_prime[n * n :: n] = bytes(len(range(n * n, limit, n)))
        n += 1
    return sum(is_prime)


def make_text(size: int, seed: int = 5) -> str:
    """About `size` characters of English-like ASCII text, the same every run: words drawn
    from a 5,000-word vocabulary with a skewed (Zipf-like) frequency, some capitalised, about
    twelve words a line."""
    rng = random.Random(seed)
    letters = "etaoinshrdlucmfwypvbgkjqxz"
    vocabulary = []
    for _ in range(5000):
        length = rng.randint(1, 10)
        vocabulary.append("".join(rng.choice(letters[: rng.randint(8, 26)]) for _ in range(length)))
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    lines, total = [], 0
    while total < size:
        words = rng.choices(vocabulary, weights, k=12)
        words = [w.capitalize() if rng.random() < 0.1 else w for w in words]
        line = " ".join(words)
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def fibonacci_pair(n: int) -> tuple[int, int]:
    """F(n), F(n+1): the worst case of Euclid's algorithm, about n steps."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a, b
