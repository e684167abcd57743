"""Python reads a stream of replies from Rust, and its deadline cuts a stream that is too slow."""

import grpc
import pytest

# Long enough that no test ever waits for a second tick: it marks a stream as "too slow".
AN_HOUR_MS = 3_600_000


@pytest.fixture
def countdown(grpc_channel, grpc_stubs):
    messages, services = grpc_stubs("countdown")
    stub = services.CountdownStub(grpc_channel)

    def count(start: int, interval_ms: int, timeout: float = 10):
        """The call: iterate it for the ticks; `.cancel()` it to hang up."""
        return stub.Count(messages.CountRequest(start=start, interval_ms=interval_ms), timeout=timeout)

    return count


def test_the_ticks_arrive_in_order_down_to_zero(countdown):
    assert [tick.remaining for tick in countdown(4, 0)] == [4, 3, 2, 1, 0]


def test_the_first_tick_arrives_before_the_interval_has_passed(countdown):
    call = countdown(3, AN_HOUR_MS, timeout=30)
    assert next(call).remaining == 3
    call.cancel()


def test_a_stream_slower_than_the_deadline_ends_with_deadline_exceeded(countdown):
    # Warm up first: a fully working call proves the server streams at all.
    assert [tick.remaining for tick in countdown(1, 0)] == [1, 0]
    ticks = []
    with pytest.raises(grpc.RpcError) as failure:
        for tick in countdown(3, AN_HOUR_MS, timeout=1.5):
            ticks.append(tick.remaining)
    assert failure.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    # At most the first tick came (the one that is sent at once); never a second.
    assert ticks in ([], [3])


def test_the_server_keeps_streaming_after_a_call_was_cut(countdown):
    call = countdown(2, AN_HOUR_MS, timeout=0.5)
    with pytest.raises(grpc.RpcError):
        list(call)
    assert [tick.remaining for tick in countdown(2, 0)] == [2, 1, 0]
