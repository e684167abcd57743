"""Python and Rust stream at the same time: each number sent gets its total back at once, and
closing the client's side ends the server's stream."""

import queue

import grpc
import pytest

# A guard against a hang, on every call: a server that never answers fails the test with
# DEADLINE_EXCEEDED after this long, instead of hanging it. Nothing is timed.
HANG_GUARD_SECS = 5
I64_MAX = 2**63 - 1


class Outbox:
    """The client's side of one call: `send` a number now, `close` the side when done.

    grpcio reads the request iterator on a thread of its own, sending each number as soon as
    the iterator yields it; iterating this one waits on a queue, so the test decides when.
    """

    def __init__(self, messages):
        self._messages = messages
        self._queue: "queue.Queue" = queue.Queue()

    def send(self, value: int) -> None:
        self._queue.put(self._messages.Number(value=value))

    def close(self) -> None:
        self._queue.put(None)

    def __iter__(self):
        return iter(self._queue.get, None)


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
def totals(grpc_server, grpc_channel, grpc_stubs):
    messages, services = grpc_stubs("totals")
    stub = services.TotalsStub(grpc_channel)

    class Totals:
        def open(self):
            """Starts a call fed by an Outbox: `(outbox, call)`; iterate the call for totals."""
            outbox = Outbox(messages)
            return outbox, stub.Running(iter(outbox), timeout=HANG_GUARD_SECS)

        def of(self, values):
            """A call that sends all of `values` and closes: the call, to iterate."""
            numbers = [messages.Number(value=value) for value in values]
            return stub.Running(iter(numbers), timeout=HANG_GUARD_SECS)

        def next(self, call, waiting_for: str):
            """The call's next total, or a failure that says why none came."""
            try:
                return next(call)
            except grpc.RpcError as error:
                if error.code() == grpc.StatusCode.DEADLINE_EXCEEDED:
                    why = (
                        f"no reply came while waiting for {waiting_for}: does the server wait "
                        "for the client to close its side before it answers?"
                    )
                elif "RST_STREAM" in (error.details() or ""):
                    why = (
                        f"the server reset the call instead of sending {waiting_for}: a panic "
                        "in a handler does that (see book/ch4-grpc/tonic.md). The server "
                        "said:\n" + panic_of(grpc_server.stderr())
                    )
                else:
                    raise
            except StopIteration:
                why = f"the server ended its stream while we waited for {waiting_for}"
            # Outside the `except`, so that the report shows this message alone.
            pytest.fail(why, pytrace=False)

    return Totals()


def test_each_total_comes_back_before_the_next_number_is_sent(totals):
    outbox, call = totals.open()
    try:
        outbox.send(5)
        assert totals.next(call, "the total for 5").sum == 5
        outbox.send(-2)
        assert totals.next(call, "the total after -2").sum == 3
        outbox.send(10)
        total = totals.next(call, "the total after 10")
        assert (total.sum, total.count) == (13, 3)
    finally:
        outbox.close()


def test_closing_the_client_side_ends_the_stream_with_ok_after_every_total(totals):
    values = list(range(1, 101))
    call = totals.of(values)
    sums = [total.sum for total in call]
    expected = [sum(values[: n + 1]) for n in range(len(values))]
    assert sums == expected
    assert call.code() == grpc.StatusCode.OK


def test_the_stream_ends_when_the_client_closes_its_side_while_the_call_is_open(totals):
    outbox, call = totals.open()
    outbox.send(4)
    assert totals.next(call, "the total for 4").sum == 4
    outbox.close()
    try:
        rest = list(call)
    except grpc.RpcError as error:
        pytest.fail(
            f"after the client closed its side the stream should end with OK, it ended with "
            f"{error.code()}: {error.details()}",
            pytrace=False,
        )
    assert rest == []
    assert call.code() == grpc.StatusCode.OK


def test_two_calls_at_once_keep_their_own_totals(totals):
    (first, first_call), (second, second_call) = totals.open(), totals.open()
    try:
        first.send(1)
        second.send(100)
        assert totals.next(first_call, "the first call's total").sum == 1
        assert totals.next(second_call, "the second call's total").sum == 100
        first.send(2)
        second.send(200)
        assert totals.next(second_call, "the second call's total").sum == 300
        assert totals.next(first_call, "the first call's total").sum == 3
    finally:
        first.close()
        second.close()


def test_a_cancelled_call_does_not_break_the_next_one(totals):
    outbox, call = totals.open()
    outbox.send(9)
    assert totals.next(call, "the total for 9").sum == 9
    call.cancel()
    outbox.close()
    with pytest.raises(grpc.RpcError) as cancelled:
        next(call)
    assert cancelled.value.code() == grpc.StatusCode.CANCELLED
    call = totals.of([1, 2])
    assert [total.sum for total in call] == [1, 3]
    assert call.code() == grpc.StatusCode.OK


def test_a_total_too_large_for_64_bits_ends_the_call_with_out_of_range(totals):
    call = totals.of([I64_MAX, 1, 1])
    sums = []
    with pytest.raises(grpc.RpcError) as failure:
        for total in call:
            sums.append(total.sum)
    assert failure.value.code() == grpc.StatusCode.OUT_OF_RANGE
    assert "overflow" in failure.value.details()
    assert sums == [I64_MAX]
