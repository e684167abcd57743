"""Python calls the Rust WordStats service over gRPC and gets the counts Python itself would make."""

import pytest


def reference_count(text: str) -> tuple[int, int, int]:
    # The texts below use only "\n" and "\r\n" as line ends, where Python's splitlines and
    # Rust's str::lines agree.
    return len(text.splitlines()), len(text.split()), len(text)


@pytest.fixture
def wordstats(grpc_channel, grpc_stubs):
    messages, services = grpc_stubs("wordstats")
    stub = services.WordStatsStub(grpc_channel)

    def count(text: str) -> tuple[int, int, int]:
        reply = stub.Count(messages.CountRequest(text=text), timeout=10)
        return reply.lines, reply.words, reply.chars

    return count


def test_one_call_returns_the_counts_python_would_make(wordstats):
    text = "The quick brown fox\njumps over\nthe lazy dog.\n"
    assert wordstats(text) == reference_count(text)


def test_an_empty_text_counts_as_nothing(wordstats):
    assert wordstats("") == (0, 0, 0)


def test_every_call_is_independent_of_the_ones_before(wordstats):
    texts = ["a", "a b\r\nc", "  spaced   out  ", "naïve café\n", "x\n\ny"]
    assert [wordstats(text) for text in texts] == [reference_count(text) for text in texts]
