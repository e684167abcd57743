"""Rust futures awaited from asyncio: they wait together, fail at the await, and can be cancelled.

No test here measures time. Concurrency is proven by a rendezvous: a Meeting of N ends only when
N callers wait at once, so if the Rust futures ran one after another (or blocked the event loop)
the first would wait for the others forever. Every wait has a generous limit, but only so that a
broken solution fails instead of hanging; a working one never comes near it.
"""

import ast
import asyncio
import inspect
import pathlib

import pytest

from py_async import Meeting

# How long a Rust wait may last before it gives up, and a Python wait for a condition likewise.
GIVE_UP_SECONDS = 10.0


def run(coroutine):
    """asyncio.run, with a hang guard around the whole test."""
    return asyncio.run(asyncio.wait_for(coroutine, 3 * GIVE_UP_SECONDS))


async def until(condition, what: str) -> None:
    """Lets the event loop run until `condition()` holds; fails the test if it never does."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + GIVE_UP_SECONDS
    while not condition():
        if loop.time() > deadline:
            pytest.fail(f"gave up waiting until {what}")
        await asyncio.sleep(0.001)


def test_arrive_returns_an_awaitable_and_a_meeting_of_one_ends_at_once():
    async def main():
        awaitable = Meeting(1).arrive(GIVE_UP_SECONDS)
        assert inspect.isawaitable(awaitable), "arrive() must return something to await"
        return await awaitable

    assert run(main()) is True


def test_eight_asyncio_tasks_wait_in_rust_at_once_and_exactly_one_leads():
    size = 8
    meeting = Meeting(size)

    async def member(number: int) -> tuple[int, bool]:
        await asyncio.sleep(0)  # a little Python first, as a real task would do
        is_leader = await meeting.arrive(GIVE_UP_SECONDS)
        return number, is_leader

    async def main():
        return await asyncio.gather(*(asyncio.create_task(member(n)) for n in range(size)))

    try:
        results = run(main())
    except (TimeoutError, asyncio.TimeoutError) as error:  # the same class from Python 3.11
        pytest.fail(
            f"the meeting never filled ({error}): the Rust futures did not all wait at the same "
            "time. Does arrive() return at once with an awaitable, leaving the waiting to tokio? "
            "And does meet await its wait? The runtime has two worker threads for eight callers: "
            "a future that blocks its thread while it waits (std::thread::sleep, a std::sync lock "
            "or Barrier, a loop that checks and sleeps) holds a worker until it returns, and the "
            "callers queued behind it never arrive. Await tokio's barrier inside "
            "tokio::time::timeout, which frees the thread while it waits; blocking work that "
            "cannot be awaited goes into tokio::task::spawn_blocking. See book/ch3-pyo3/async.md."
        )
    assert sorted(number for number, _ in results) == list(range(size))
    assert sum(is_leader for _, is_leader in results) == 1
    assert meeting.waiting == 0


def test_the_event_loop_runs_other_python_code_while_rust_waits():
    meeting = Meeting(2)

    async def main():
        first = asyncio.ensure_future(meeting.arrive(GIVE_UP_SECONDS))
        # This coroutine is Python code on the same event loop: it runs only if the first
        # arrival left the loop free while it waits in Rust.
        await until(lambda: meeting.waiting == 1, "the first caller waits in Rust")
        second = await meeting.arrive(GIVE_UP_SECONDS)
        return await first, second

    assert sorted(run(main())) == [False, True]


def test_a_rust_error_is_raised_as_timeout_error_at_the_await_not_at_the_call():
    async def main():
        awaitable = Meeting(2).arrive(0.02)  # nothing raised yet: the error comes later
        done, _ = await asyncio.wait({asyncio.ensure_future(awaitable)}, timeout=GIVE_UP_SECONDS)
        assert done, (
            f"arrive(0.02) alone was still waiting after {GIVE_UP_SECONDS} s: does meet give up "
            "when its timeout runs out?"
        )
        with pytest.raises(TimeoutError, match="1 of 2"):
            await awaitable

    run(main())


def test_cancelling_the_task_drops_the_rust_future():
    meeting = Meeting(2)

    async def main():
        task = asyncio.ensure_future(meeting.arrive(GIVE_UP_SECONDS))
        await until(lambda: meeting.waiting == 1, "the caller waits in Rust")
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await until(lambda: meeting.waiting == 0, "the cancelled Rust future is dropped")

    run(main())
    assert meeting.waiting == 0


def test_wait_for_giving_up_cancels_and_drops_the_rust_future():
    meeting = Meeting(2)

    async def main():
        with pytest.raises(asyncio.TimeoutError):  # asyncio's own, which is TimeoutError from 3.11
            await asyncio.wait_for(meeting.arrive(GIVE_UP_SECONDS), 0.02)
        await until(lambda: meeting.waiting == 0, "the abandoned Rust future is dropped")

    run(main())


def test_every_name_in_the_type_stub_exists_in_the_module(exercise_dir):
    import py_async

    stub = ast.parse(pathlib.Path(exercise_dir, "py_async.pyi").read_text())
    classes = [node for node in stub.body if isinstance(node, ast.ClassDef)]
    assert classes, "the stub declares no class"
    missing = []
    for cls in classes:
        runtime = getattr(py_async, cls.name, None)
        if runtime is None:
            missing.append(cls.name)
            continue
        for node in cls.body:
            if isinstance(node, ast.FunctionDef) and not hasattr(runtime, node.name):
                missing.append(f"{cls.name}.{node.name}")
    assert missing == []
