"""The four bridges, loaded from the release builds: a process per call (chapter 1), the C ABI
through ctypes (chapter 2), PyO3 modules (chapter 3), a gRPC server on loopback (chapter 4).
And the parallel control, also through ctypes."""

from __future__ import annotations

import ctypes
import importlib
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .build import Built
from .servers import Process


def cli(exe: Path, text: str) -> str:
    """Bridge one: one process, `text` on its stdin, its stdout back."""
    return subprocess.run([str(exe)], input=text, capture_output=True, text=True, check=True).stdout


class Bridges:
    """Everything the cases call. Use as a context manager: the gRPC server is always stopped."""

    def __init__(self, built: Built):
        self.built = built
        self.first_word = built.program("first-word")
        self.word_tally = built.program("word-tally")
        self._load_ctypes()
        self.modules = self._import_pyo3()
        self.server = None
        self.channel = None
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bench")

    def __enter__(self) -> "Bridges":
        import grpc

        sys.path.insert(0, str(self.built.stubs))
        import wordstats_pb2
        import wordstats_pb2_grpc

        self.pb2 = wordstats_pb2
        # The release build of grpc-unary, on 127.0.0.1 and a port the system picks.
        self.server = Process([str(self.built.program("grpc-unary")), "127.0.0.1:0"], dict(os.environ))
        self.channel = grpc.insecure_channel(self.server.address, options=[("grpc.enable_http_proxy", 0)])
        grpc.channel_ready_future(self.channel).result(timeout=20)
        stub = wordstats_pb2_grpc.WordStatsStub(self.channel)

        def count(text: str) -> tuple[int, int, int]:
            reply = stub.Count(wordstats_pb2.CountRequest(text=text), timeout=30)
            return reply.lines, reply.words, reply.chars

        self.count = count
        return self

    def __exit__(self, *exc) -> None:
        if self.channel is not None:
            self.channel.close()
        if self.server is not None:
            self.server.stop()
        self.pool.shutdown()

    def _import_pyo3(self) -> dict:
        site = self.built.site_release
        sys.path.insert(0, str(site))
        modules = {}
        for name in self.built.modules:
            module = importlib.import_module(name)
            if not Path(module.__file__).is_relative_to(site):
                sys.exit(f"imported {name} from {module.__file__}, not the release build")
            modules[name] = module
        return modules

    def _load_ctypes(self) -> None:
        from ctypes import POINTER, Structure, c_char_p, c_double, c_size_t, c_uint32, c_uint64, c_void_p

        numbers = ctypes.CDLL(str(self.built.library("ffi_numbers")))
        numbers.oxi_gcd.argtypes = [c_uint64, c_uint64]
        numbers.oxi_gcd.restype = c_uint64
        # The same library loaded a second time as a PyDLL: ctypes then keeps the GIL during
        # calls (a CDLL releases it before every call and takes it back after).
        numbers_gil = ctypes.PyDLL(str(self.built.library("ffi_numbers")))
        numbers_gil.oxi_gcd.argtypes = [c_uint64, c_uint64]
        numbers_gil.oxi_gcd.restype = c_uint64

        strings = ctypes.CDLL(str(self.built.library("ffi_strings")))
        strings.oxi_shout.argtypes = [c_char_p]
        strings.oxi_shout.restype = c_void_p  # not c_char_p: we need the pointer back, to free it
        strings.oxi_string_free.argtypes = [c_void_p]
        strings.oxi_string_free.restype = None

        class Stats(Structure):
            _fields_ = [("count", c_uint64), ("mean", c_double), ("min", c_double), ("max", c_double)]

        stats = ctypes.CDLL(str(self.built.library("ffi_stats")))
        stats.oxi_stats.argtypes = [POINTER(c_double), c_size_t]
        stats.oxi_stats.restype = Stats

        control = ctypes.CDLL(str(self.built.control))
        control.oxi_spin.argtypes = [c_uint64]
        control.oxi_spin.restype = c_uint64
        control.oxi_spin_threads.argtypes = [c_uint64, c_uint32]
        control.oxi_spin_threads.restype = c_uint64

        def shout(text: str) -> str:
            pointer = strings.oxi_shout(text.encode())
            try:
                return ctypes.string_at(pointer).decode()
            finally:
                strings.oxi_string_free(pointer)

        self.numbers, self.numbers_gil, self.shout, self.stats_lib = numbers, numbers_gil, shout, stats
        self.control = control

    # --- threads, for the parallel claims --------------------------------------------------

    def one_after_another(self, function, argument, times: int = 2):
        """`times` calls on this thread."""
        return [function(argument) for _ in range(times)]

    def in_threads(self, function, argument, times: int = 2):
        """`times` calls at once, one per thread of a pool of two (started once, not per call)."""
        futures = [self.pool.submit(function, argument) for _ in range(times)]
        return [future.result() for future in futures]
