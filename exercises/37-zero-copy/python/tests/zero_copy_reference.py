"""The pure-Python reference of exercise 5.3 (zero-copy): what the Rust solution is timed
against (its answers are checked against zlib's too). One definition, read by the tests beside it
and by the chapter's benchmark (bench/oxbench/exercises.py)."""


def python_adler32(data: bytes) -> int:
    """Adler-32 as a Python programmer would write it from the RFC."""
    a, b = 1, 0
    for byte in data:
        a = (a + byte) % 65521
        b = (b + a) % 65521
    return (b << 16) | a
