"""The pure-Python reference of exercise 5.4 (parallel-rayon): what the Rust solution must agree
with and is timed against. One definition, read by the tests beside it and by the chapter's
benchmark (bench/oxbench/exercises.py)."""

import math


def python_count_primes(limit: int) -> int:
    """Trial division, as a Python programmer would write it."""
    return sum(1 for n in range(2, limit) if all(n % d for d in range(2, math.isqrt(n) + 1)))
