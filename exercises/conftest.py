"""Fixtures shared by every exercise's Python tests.

The checker builds each exercise and tells these tests where the result is through environment
variables (OXIDIZE_BIN, OXIDIZE_LIB, OXIDIZE_SERVER, OXIDIZE_EXERCISE_DIR). Run the tests through
the checker (`cargo checker check ID`), which sets them. Read them inside fixtures, never when
this file is imported: the checker starts pytest (and imports this file) while the exercise
builds, and sets them only once the build is done.
"""

import ctypes
import os
import random
import subprocess

import pytest


def _required_env(name: str, what: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(
            f"{name} is not set: it should name {what}. Run these tests through the checker "
            "(`cargo checker check <exercise>`), which builds the exercise and sets it.",
            pytrace=False,
        )
    return value


@pytest.fixture(scope="session")
def exercise_dir() -> str:
    """The directory of the exercise under test."""
    return _required_env("OXIDIZE_EXERCISE_DIR", "the exercise's directory")


@pytest.fixture(scope="session")
def run_cli():
    """Runs the exercise's binary (kind `rust`): bridge zero, a process.

    `run_cli(*args, input=...)` returns a `subprocess.CompletedProcess` with text output. A program
    that exits non-zero fails the test with its stderr, unless `check=False`.
    """
    exe = _required_env("OXIDIZE_BIN", "the exercise's compiled binary")

    def run(*args: str, input: str | None = None, check: bool = True, timeout: float = 10):
        try:
            result = subprocess.run(
                [exe, *args], input=input, capture_output=True, text=True, encoding="utf-8",
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            result = None  # failed below, outside the handler: no chained traceback
        if result is None:
            pytest.fail(
                f"timed out after {timeout:g} s: the Rust program was still running (an endless "
                "loop, or a blocking call?); it was stopped",
                pytrace=False,
            )
        if check and result.returncode != 0:
            pytest.fail(
                f"the Rust program exited with code {result.returncode}; its stderr was:\n"
                + result.stderr[-2000:],
                pytrace=False,
            )
        return result

    return run


@pytest.fixture(scope="session")
def ffi_lib() -> ctypes.CDLL:
    """The exercise's shared library (kind `ffi`), loaded with ctypes.

    Declare each function's `argtypes` and `restype` before calling it: without them ctypes
    assumes C `int` and silently truncates 64-bit values and pointers.
    """
    return ctypes.CDLL(_required_env("OXIDIZE_LIB", "the exercise's shared library (.so/.dylib/.dll)"))


# --- gRPC (kind `grpc`) -------------------------------------------------------------------------
#
# The server is whatever command OXIDIZE_SERVER names, so the same tests can grade a server
# written in another language. Its contract: bind the address given as its first argument, or
# 127.0.0.1:0 (a free port) without one; print one line on stdout that ends with the address it
# bound, like `listening on 127.0.0.1:50051`; flush; serve until it is terminated.
#
# It runs with TOKIO_WORKER_THREADS=1, which `#[tokio::main]` reads: one runtime thread, on every
# machine alike. A handler that blocks that thread (std::thread::sleep, a blocking read, a long
# computation) then holds up every other call, which the tests that wait in one call while
# another goes on can see without timing anything; with a thread per core it would show only on
# some machines, some of the time. A server in another language ignores the variable.

import importlib
import importlib.resources
import queue
import re
import shlex
import sys
import tempfile
import threading

_ADDRESS_AT_END = re.compile(r"(\S+:\d+)\s*$")


def _server_command() -> list[str]:
    line = _required_env("OXIDIZE_SERVER", "the command that starts the exercise's server")
    if os.name == "nt":
        # POSIX rules would eat the backslashes of a Windows path.
        return [part.strip('"') for part in shlex.split(line, posix=False)]
    return shlex.split(line)


def _start_timeout() -> float:
    return float(os.environ.get("OXIDIZE_SERVER_START_TIMEOUT", "20"))


class GrpcServer:
    """A running server: `address` is `host:port`, ready for `grpc.insecure_channel`."""

    def __init__(self, process: subprocess.Popen, address: str, stderr_file):
        self.process = process
        self.address = address
        self._stderr_file = stderr_file

    def stderr(self) -> str:
        """All the server wrote to stderr so far (a Rust panic message lands here)."""
        self._stderr_file.flush()
        self._stderr_file.seek(0)
        return self._stderr_file.read().decode("utf-8", "replace")


def _read_lines(stream, lines: "queue.Queue[str | None]") -> None:
    # Hands over every line, then None at the end. Reading on until the end also keeps the
    # pipe drained, so a server that prints more never blocks on a full pipe.
    for line in stream:
        lines.put(line)
    lines.put(None)


def _stop(process: subprocess.Popen) -> None:
    """Terminates the server; kills it if it does not go within 5 s."""
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def grpc_server():
    """Starts the exercise's server (OXIDIZE_SERVER), waits for its address line, yields a
    `GrpcServer`, and always stops it afterwards, whatever the test did."""
    command = _server_command()
    timeout = _start_timeout()
    stderr_file = tempfile.TemporaryFile()
    # The server stays in pytest's process group on purpose: when the checker ends a test run
    # (a time limit, a crash), it kills that whole group, so no server outlives it.
    try:
        process = subprocess.Popen(
            command,
            env={**os.environ, "TOKIO_WORKER_THREADS": "1"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr_file,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as error:
        stderr_file.close()
        pytest.fail(f"could not start the server {command!r}: {error}", pytrace=False)

    server = GrpcServer(process, "", stderr_file)
    try:
        lines: "queue.Queue[str | None]" = queue.Queue()
        threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()
        try:
            first = lines.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(
                f"the server did not print its address within {timeout:g} s; "
                f"its stderr was:\n{server.stderr()[-3000:]}",
                pytrace=False,
            )
        if first is None:
            code = process.wait(timeout=5)
            pytest.fail(
                f"the server exited with code {code} before printing its address; "
                f"its stderr was:\n{server.stderr()[-3000:]}",
                pytrace=False,
            )
        match = _ADDRESS_AT_END.search(first)
        if not match:
            pytest.fail(
                f"the server's first line on stdout was {first!r}; it should end with the "
                "address it bound, like `listening on 127.0.0.1:50051`",
                pytrace=False,
            )
        server.address = match.group(1)
        yield server
    finally:
        _stop(process)
        # pytest shows this only when the test failed: often the panic that explains it,
        # which comes first (a backtrace may follow).
        log = server.stderr()
        if log:
            cut = "\n[...]\n" if len(log) > 4000 else ""
            sys.stderr.write(f"--- the server's stderr ---\n{log[:4000]}{cut}")
        stderr_file.close()


@pytest.fixture(scope="session")
def grpc_stubs(exercise_dir, tmp_path_factory):
    """`grpc_stubs("wordstats")` compiles the exercise's `proto/wordstats.proto` with
    grpcio-tools, the same file the Rust server is built from, and returns the two generated
    modules: `(messages, services)`, that is `wordstats_pb2` and `wordstats_pb2_grpc`."""
    from grpc_tools import protoc

    out_dir = tmp_path_factory.mktemp("grpc_stubs")
    proto_dir = os.path.join(exercise_dir, "proto")
    well_known = str(importlib.resources.files("grpc_tools") / "_proto")
    sys.path.insert(0, str(out_dir))
    compiled = {}

    def compile_and_import(proto_name: str):
        if proto_name not in compiled:
            proto_file = os.path.join(proto_dir, f"{proto_name}.proto")
            if not os.path.exists(proto_file):
                pytest.fail(f"there is no {proto_file}", pytrace=False)
            status = protoc.main(
                [
                    "grpc_tools.protoc",
                    f"--proto_path={proto_dir}",
                    f"--proto_path={well_known}",
                    f"--python_out={out_dir}",
                    f"--grpc_python_out={out_dir}",
                    proto_file,
                ]
            )
            if status != 0:
                pytest.fail(f"grpcio-tools could not compile {proto_file}", pytrace=False)
            compiled[proto_name] = (
                importlib.import_module(f"{proto_name}_pb2"),
                importlib.import_module(f"{proto_name}_pb2_grpc"),
            )
        return compiled[proto_name]

    yield compile_and_import
    sys.path.remove(str(out_dir))


@pytest.fixture
def grpc_channel(grpc_server):
    """A channel to the running server, ready (connected) before the test starts, closed after."""
    import grpc

    # A proxy from the environment (http_proxy) must not see loopback traffic.
    channel = grpc.insecure_channel(grpc_server.address, options=[("grpc.enable_http_proxy", 0)])
    try:
        if not _connects(channel):
            pytest.fail(
                f"the server printed {grpc_server.address} but no gRPC connection could be made "
                f"there within {_start_timeout():g} s",
                pytrace=False,
            )
        yield channel
    finally:
        channel.close()


def _connects(channel) -> bool:
    """Waits for the channel to connect: one call, to a method no server has, that waits for
    the connection; any answer (UNIMPLEMENTED, most likely) means it connected.
    `grpc.channel_ready_future` would wait as well, but it leaves a connectivity watch behind
    that makes `channel.close()` wait up to 0.2 s, in every test."""
    import grpc

    probe = channel.unary_unary("/oxidize.checker.Probe/Connected")
    try:
        probe(b"", timeout=_start_timeout(), wait_for_ready=True)
    except grpc.RpcError as error:
        return error.code() != grpc.StatusCode.DEADLINE_EXCEEDED
    return True


_DEADLINE_EXCEEDED = """\
a gRPC call ended with DEADLINE_EXCEEDED ({details}): the server did not answer within the \
call's timeout, which is far longer than a working server needs, so a handler did not return or \
a stream stopped sending. Either it waits for something that never comes (a channel whose last \
Sender is still alive, a message the client never sends), or it blocks its thread: the tests run \
the server on one runtime thread, so a blocking call inside an async handler \
(std::thread::sleep, a blocking read, a long computation) holds up every call. Wait with \
`tokio::time::sleep(...).await`, and move blocking work into `tokio::task::spawn_blocking`. See \
book/ch4-grpc/tonic.md ("async, and who runs it") and book/ch4-grpc/deadlines.md."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A gRPC call that ran out of time, and that its test did not expect to, fails the test with
    the likely causes instead of grpcio's bare `StatusCode.DEADLINE_EXCEEDED`. (A test that
    expects a deadline catches it itself, so it never gets here.)"""
    try:
        return (yield)
    except Exception as error:
        grpc = sys.modules.get("grpc")
        if not (
            grpc
            and isinstance(error, grpc.RpcError)
            and callable(getattr(error, "code", None))
            and error.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        ):
            raise
        details = error.details() or "no details"
    # Failed outside the handler: no chained traceback.
    pytest.fail(_DEADLINE_EXCEEDED.format(details=f"grpcio: {details!r}"), pytrace=False)


# --- Graded performance targets (chapter 5) ----------------------------------------------------
#
# The only timing in the course's tests. The Rust function and its pure-Python reference run in
# the same process, in interleaved rounds of equal length (Python, Rust, Rust, Python, ...), so
# that whatever else the machine does slows both alike; a target is met when the *median* ratio of the rounds
# reaches it. Each exercise's target sits at least five times below what its reference solution
# reaches on a loaded two-core machine: a busy CI runner must never turn a pass into a failure.

import gc
import statistics
import time
from dataclasses import dataclass


@dataclass
class Speedup:
    """How many times faster `rust_fn` ran than `python_fn`, round by round."""

    ratios: list[float]
    python_secs: float  # the median time of one Python call
    rust_secs: float  # the median time of one Rust call

    @property
    def min(self) -> float:
        return min(self.ratios)

    @property
    def median(self) -> float:
        return statistics.median(self.ratios)

    @property
    def max(self) -> float:
        return max(self.ratios)

    def summary(self) -> str:
        return (
            f"{self.median:.1f}x faster (median of {len(self.ratios)} interleaved rounds; "
            f"min {self.min:.1f}x, max {self.max:.1f}x; one call: Python "
            f"{_human_secs(self.python_secs)}, Rust {_human_secs(self.rust_secs)})"
        )

    def require(self, target: float, look_at: str) -> None:
        """Fails the test unless the median ratio reaches `target`; `look_at` says what to check."""
        print(f"speed-up: {self.summary()}; target {target:g}x")
        if self.median < target:
            pytest.fail(
                f"Rust was {self.summary()}; the target is {target:g}x faster than the Python "
                f"reference. What to look at: {look_at}",
                pytrace=False,
            )


def _human_secs(secs: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if secs >= scale:
            return f"{secs / scale:.3g} {unit}"
    return f"{secs / 1e-9:.3g} ns"


def _calls_per_batch(fn, args, batch_secs: float) -> int:
    """How many calls of `fn` last at least `batch_secs` (like timeit's autorange), so that
    reading the clock once per batch costs nothing next to the calls. These calls are also the
    warm-up."""
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            fn(*args)
        if time.perf_counter() - start >= batch_secs:
            return calls
        calls *= 2


def _time_round(fn, args, batch: int, round_secs: float) -> float:
    """The time of one call, from as many batches as fit in `round_secs` of wall time (at least
    one). Every round of either side lasts as long, so that a busy scheduler, which hands out the
    CPU in slices of a few milliseconds, interrupts both sides alike."""
    calls = 0
    start = time.perf_counter()
    while True:
        for _ in range(batch):
            fn(*args)
        calls += batch
        elapsed = time.perf_counter() - start
        if elapsed >= round_secs:
            return elapsed / calls


@pytest.fixture(scope="session")
def speedup():
    """`speedup(python_fn, rust_fn, *args, rounds=15)` times both functions called with `args`,
    interleaved round by round (each round `round_secs` of wall time, as many calls as fit, the
    garbage collector off while it times), and returns a `Speedup`: the ratio Python time / Rust
    time per round, with `.min`, `.median`, `.max`, and `.require(target, look_at)` for a graded
    target."""

    def measure(python_fn, rust_fn, *args, rounds: int = 15, round_secs: float = 0.05):
        python_batch = _calls_per_batch(python_fn, args, round_secs / 20)
        rust_batch = _calls_per_batch(rust_fn, args, round_secs / 20)
        python_times, rust_times = [], []
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for round_number in range(rounds):
                # Python, Rust, Rust, Python, Python, Rust, ...: neither side always goes first.
                if round_number % 2 == 0:
                    python_times.append(_time_round(python_fn, args, python_batch, round_secs))
                    rust_times.append(_time_round(rust_fn, args, rust_batch, round_secs))
                else:
                    rust_times.append(_time_round(rust_fn, args, rust_batch, round_secs))
                    python_times.append(_time_round(python_fn, args, python_batch, round_secs))
        finally:
            if gc_was_enabled:
                gc.enable()
        return Speedup(
            ratios=[p / r for p, r in zip(python_times, rust_times)],
            python_secs=statistics.median(python_times),
            rust_secs=statistics.median(rust_times),
        )

    return measure


def pytest_runtest_logstart(nodeid, location):
    """Tells the checker which test starts (into the file OXIDIZE_NOW_RUNNING names), so that a
    test that runs long is named while it runs, and named when the time limit ends it."""
    path = os.environ.get("OXIDIZE_NOW_RUNNING")
    if path:
        try:
            with open(path, "w", encoding="utf-8") as now_running:
                now_running.write(nodeid.rsplit("::", 1)[-1])
        except OSError:
            pass  # the news is a courtesy: a test never fails for it


@pytest.fixture
def rng() -> random.Random:
    """Random inputs for the hidden tests (`python/hidden/`), drawn from the seed the instructor's
    grading sets (OXIDIZE_SEED, `grade --seed`): one seed a class, so every learner gets the
    same inputs, and the same code the same result. Each test gets its own generator, so its
    inputs do not depend on which tests ran before it."""
    return random.Random(int(os.environ.get("OXIDIZE_SEED", "0")))
