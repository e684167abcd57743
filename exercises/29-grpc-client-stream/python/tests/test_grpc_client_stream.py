"""Python streams chunks of readings to Rust, which replies once, after the last chunk."""

import threading

import grpc
import pytest


@pytest.fixture
def readings(grpc_channel, grpc_stubs):
    messages, services = grpc_stubs("readings")
    return messages, services.ReadingsStub(grpc_channel)


@pytest.fixture
def upload(readings):
    messages, stub = readings

    def upload(chunks: list[list[float]]) -> tuple[int, int, float]:
        """Sends each list as one chunk (from an iterator, as a client streams) and returns the
        summary as (chunks, count, sum)."""
        summary = stub.Upload((messages.Chunk(values=values) for values in chunks), timeout=10)
        return summary.chunks, summary.count, summary.sum

    return upload


def test_the_summary_counts_every_chunk_and_reading(upload):
    # 120 chunks, some empty, some with several readings: the reply counts them all.
    chunks = [[i + 0.5 * k for k in range(i % 4)] for i in range(120)]
    expected = (len(chunks), sum(len(c) for c in chunks), sum(v for c in chunks for v in c))
    assert upload(chunks) == expected


def test_an_empty_upload_gets_a_summary_of_nothing(upload):
    assert upload([]) == (0, 0, 0.0)


def test_a_reading_that_is_not_a_number_ends_the_call_with_invalid_argument(upload):
    with pytest.raises(grpc.RpcError) as failure:
        upload([[1.0], [2.0, 3.0], [4.0, float("nan")], [5.0]])
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "chunk 3" in failure.value.details(), "the message should name the chunk, counting from 1"
    # The error ended that call only.
    assert upload([[1.0, 2.0]]) == (1, 2, 3.0)


def test_an_infinite_reading_ends_the_call_with_invalid_argument(upload):
    with pytest.raises(grpc.RpcError) as failure:
        upload([[float("-inf")], [1.0]])
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "chunk 1" in failure.value.details(), "the message should name the chunk, counting from 1"


def test_the_server_keeps_serving_after_a_client_hangs_up_mid_upload(readings, upload):
    messages, stub = readings
    two_sent, let_go = threading.Event(), threading.Event()

    def chunks():
        yield messages.Chunk(values=[1.0])
        yield messages.Chunk(values=[2.0])
        two_sent.set()
        let_go.wait(timeout=30)  # still "working on" its third chunk when it hangs up

    call = stub.Upload.future(chunks(), timeout=30)
    try:
        assert two_sent.wait(timeout=10), "the client never got to send its chunks"
        call.cancel()
    finally:
        let_go.set()
    assert upload([[3.0], [4.0]]) == (2, 2, 7.0)
