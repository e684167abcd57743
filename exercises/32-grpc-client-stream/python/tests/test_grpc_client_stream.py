"""Python streams chunks of readings to Rust, which replies once, after the last chunk."""

import threading

import grpc
import pytest

# A guard against a hang, on every call: a server that never answers fails the test with
# DEADLINE_EXCEEDED after this long, instead of hanging it. Nothing is timed.
HANG_GUARD_SECS = 10


def panic_of(stderr: str) -> str:
    """The first panic in a Rust program's stderr, without its backtrace."""
    lines = stderr.splitlines()
    start = next((n for n, line in enumerate(lines) if " panicked at " in line), None)
    if start is None:
        return stderr[-2000:]
    excerpt = []
    for line in lines[start:]:
        if excerpt and (not line or line.startswith(("note:", "stack backtrace:"))):
            break
        excerpt.append(line)
    return "\n".join(excerpt)


@pytest.fixture
def readings(grpc_server, grpc_channel, grpc_stubs):
    messages, services = grpc_stubs("readings")
    stub = services.ReadingsStub(grpc_channel)

    class Readings:
        Chunk = messages.Chunk

        def future(self, chunks):
            """Starts an upload of the chunks an iterator yields, without waiting for it."""
            return stub.Upload.future(chunks, timeout=HANG_GUARD_SECS)

        def call(self, chunks: list[list[float]]):
            """Uploads each list as one chunk, from an iterator as a client streams them, and
            returns the summary, or the `grpc.RpcError` that ended the call."""
            try:
                return stub.Upload((messages.Chunk(values=v) for v in chunks), timeout=HANG_GUARD_SECS)
            except grpc.RpcError as error:
                failure = error
            if "RST_STREAM" in (failure.details() or ""):
                # Outside the `except`, so that the report shows this message alone.
                pytest.fail(
                    "the server reset the call instead of replying: a panic in a handler does "
                    "that (see book/ch4-grpc/tonic.md). The server said:\n"
                    + panic_of(grpc_server.stderr()),
                    pytrace=False,
                )
            return failure

        def upload(self, chunks: list[list[float]]) -> tuple[int, int, float]:
            """The summary of an upload that should succeed, as (chunks, count, sum)."""
            reply = self.call(chunks)
            if isinstance(reply, grpc.RpcError):
                pytest.fail(f"the upload failed with {reply.code()}: {reply.details()}", pytrace=False)
            return reply.chunks, reply.count, reply.sum

        def rejected(self, chunks: list[list[float]]) -> grpc.RpcError:
            """The error of an upload that should fail."""
            reply = self.call(chunks)
            if not isinstance(reply, grpc.RpcError):
                pytest.fail(f"the upload succeeded with {reply}; it should have failed", pytrace=False)
            return reply

    return Readings()


def test_the_summary_counts_every_chunk_and_reading(readings):
    # 120 chunks, some empty, some with several readings: the reply counts them all.
    chunks = [[i + 0.5 * k for k in range(i % 4)] for i in range(120)]
    expected = (len(chunks), sum(len(c) for c in chunks), sum(v for c in chunks for v in c))
    assert readings.upload(chunks) == expected


def test_an_empty_upload_gets_a_summary_of_nothing(readings):
    assert readings.upload([]) == (0, 0, 0.0)


def test_a_reading_that_is_not_a_number_ends_the_call_with_invalid_argument(readings):
    failure = readings.rejected([[1.0], [2.0, 3.0], [4.0, float("nan")], [5.0]])
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "chunk 3" in failure.details(), "the message should name the chunk, counting from 1"
    # The error ended that call only.
    assert readings.upload([[1.0, 2.0]]) == (1, 2, 3.0)


def test_an_infinite_reading_ends_the_call_with_invalid_argument(readings):
    failure = readings.rejected([[float("-inf")], [1.0]])
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "chunk 1" in failure.details(), "the message should name the chunk, counting from 1"


def test_the_server_keeps_serving_after_a_client_hangs_up_mid_upload(readings):
    two_sent, let_go = threading.Event(), threading.Event()

    def chunks():
        yield readings.Chunk(values=[1.0])
        yield readings.Chunk(values=[2.0])
        two_sent.set()
        let_go.wait(timeout=30)  # still "working on" its third chunk when it hangs up

    call = readings.future(chunks())
    try:
        assert two_sent.wait(timeout=HANG_GUARD_SECS), "the client never got to send its chunks"
        call.cancel()
    finally:
        let_go.set()
    assert readings.upload([[3.0], [4.0]]) == (2, 2, 7.0)
