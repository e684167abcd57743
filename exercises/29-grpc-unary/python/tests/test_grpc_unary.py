"""Python calls the Rust WordStats service over gRPC and gets the counts Python itself would make,
after the delay it asks for; and while one call waits, the server answers others."""

import grpc
import pytest

# Long enough that no test ever waits it out: it marks a call as "still waiting".
AN_HOUR_MS = 3_600_000

BLOCKED = """\
a call with delay_ms=0 got no answer within its 10 s while another call was waiting out a \
delay_ms of an hour: that waiting call held the server's runtime thread, so no other call could \
run. (The tests start the server with one runtime thread, TOKIO_WORKER_THREADS=1; a real server \
has one per core, and as many waiting calls stop it just the same.) A blocking call inside an \
async handler (std::thread::sleep, a blocking read, a long computation) holds its runtime thread \
until it returns, and every other call queued on that thread waits. Wait with \
`tokio::time::sleep(Duration::from_millis(...)).await` instead: while it waits, the thread serves \
other calls. Blocking work that cannot be awaited goes into `tokio::task::spawn_blocking`. See \
book/ch4-grpc/tonic.md, "async, and who runs it"."""


def reference_count(text: str) -> tuple[int, int, int]:
    # The texts below use only "\n" and "\r\n" as line ends, where Python's splitlines and
    # Rust's str::lines agree.
    return len(text.splitlines()), len(text.split()), len(text)


@pytest.fixture
def client(grpc_channel, grpc_stubs):
    messages, services = grpc_stubs("wordstats")
    return messages, services.WordStatsStub(grpc_channel)


@pytest.fixture
def wordstats(client):
    messages, stub = client

    def count(text: str, delay_ms: int = 0, timeout: float = 10) -> tuple[int, int, int]:
        request = messages.CountRequest(text=text, delay_ms=delay_ms)
        reply = stub.Count(request, timeout=timeout)
        return reply.lines, reply.words, reply.chars

    return count


@pytest.fixture
def start_count(client):
    """Starts a call without waiting for it: returns the call, which `.cancel()` hangs up."""
    messages, stub = client

    def start(text: str, delay_ms: int, timeout: float = 10):
        return stub.Count.future(messages.CountRequest(text=text, delay_ms=delay_ms), timeout=timeout)

    return start


def test_one_call_returns_the_counts_python_would_make(wordstats):
    text = "The quick brown fox\njumps over\nthe lazy dog.\n"
    assert wordstats(text) == reference_count(text)


def test_an_empty_text_counts_as_nothing(wordstats):
    assert wordstats("") == (0, 0, 0)


def test_every_call_is_independent_of_the_ones_before(wordstats):
    texts = ["a", "a b\r\nc", "  spaced   out  ", "naïve café\n", "x\n\ny"]
    assert [wordstats(text) for text in texts] == [reference_count(text) for text in texts]


def test_a_call_waits_its_delay_before_it_replies(wordstats):
    # An hour against a deadline of 1.5 s: no machine is slow enough to blur the two, so the only
    # right outcome is DEADLINE_EXCEEDED, and a reply means the delay was skipped.
    try:
        reply = wordstats("late", delay_ms=AN_HOUR_MS, timeout=1.5)
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, error
    else:
        pytest.fail(
            f"a call with delay_ms of an hour was answered at once, with {reply}: wait delay_ms "
            "milliseconds before replying",
            pytrace=False,
        )


def test_other_calls_are_answered_while_one_waits(wordstats, start_count):
    # One call waits an hour; two more, one after the other, must be answered meanwhile. The
    # server has one runtime thread here (see exercises/conftest.py), so this holds only if the
    # waiting call leaves it free. Two, not one: the first may be served before the waiting
    # call's handler has started; by the second it has. Nothing is timed: a handler that holds
    # the thread keeps the others waiting an hour, far past their 10 s.
    waiting = start_count("slow", delay_ms=AN_HOUR_MS)
    blocked = False
    try:
        answers = [wordstats("one two"), wordstats("three\n")]
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.DEADLINE_EXCEEDED:
            raise
        blocked = True
    finally:
        waiting.cancel()
    if blocked:
        pytest.fail(BLOCKED, pytrace=False)
    assert answers == [(1, 2, 7), (1, 1, 6)]
