"""Python reads a stream of replies from Rust, its deadline cuts a stream that is too slow, and
while one stream waits for its next tick, the server answers other calls."""

import grpc
import pytest

# Long enough that no test ever waits for a second tick: it marks a stream as "too slow".
AN_HOUR_MS = 3_600_000

BLOCKED = """\
a countdown with no interval did not finish within its 10 s while another call's stream was \
waiting an hour for its next tick: that waiting stream held the server's runtime thread, so no \
other call could run. (The tests start the server with one runtime thread, \
TOKIO_WORKER_THREADS=1; a real server has one per core, and as many waiting streams stop it just \
the same.) A blocking call inside async code (std::thread::sleep, a blocking read, a long \
computation), in the handler or in the task it spawns, holds its runtime thread until it returns, \
and every call queued on that thread waits. Wait between ticks with \
`tokio::time::sleep(interval).await` instead: while it waits, the thread serves other calls. \
Blocking work that cannot be awaited goes into `tokio::task::spawn_blocking`. See \
book/ch4-grpc/tonic.md, "async, and who runs it", and book/ch4-grpc/streaming.md."""


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
    call = countdown(3, AN_HOUR_MS)
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


def test_other_calls_are_answered_while_a_stream_waits_for_its_next_tick(countdown):
    # One stream waits an hour between ticks; two countdowns with no interval, one after the
    # other, must finish meanwhile. The server has one runtime thread here (see
    # exercises/conftest.py), so this holds only if the waiting stream leaves it free. Two, not
    # one: the first may be served before the waiting stream's task has started; by the second
    # it has. Nothing is timed: a task that holds the thread keeps the others waiting an hour.
    waiting = countdown(3, AN_HOUR_MS)
    try:
        others = [[tick.remaining for tick in countdown(start, 0)] for start in (1, 2)]
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.DEADLINE_EXCEEDED:
            raise
        others = None
    finally:
        waiting.cancel()
    if others is None:
        pytest.fail(BLOCKED, pytrace=False)
    assert others == [[1, 0], [2, 1, 0]]
