"""The pure-Python reference of exercise 5.2 (batching): what the Rust solution must agree with
and is timed against. One definition, read by the tests beside it and by the chapter's benchmark
(bench/oxbench/exercises.py)."""


def python_luhn_valid(number: int) -> bool:
    """The Luhn check as a Python programmer would write it."""
    total = 0
    for position, char in enumerate(reversed(str(number))):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def python_luhn_valid_all(numbers: list[int]) -> list[bool]:
    return [python_luhn_valid(number) for number in numbers]
