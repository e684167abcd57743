"""The pure-Python reference of exercise 5.1 (hot-loop): what the Rust solution must agree with
and is timed against. One definition, read by the tests beside it and by the chapter's benchmark
(bench/oxbench/exercises.py)."""


def python_edit_distance(a: str, b: str) -> int:
    """The textbook dynamic programme, as a Python programmer would write it."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            substitute = previous[j - 1] + (char_a != char_b)
            current.append(min(previous[j] + 1, current[j - 1] + 1, substitute))
        previous = current
    return previous[-1]
