"""The Python row of the benchmark's "Rust or Go?" section: WordStats (grpc-unary's service) and
Countdown (grpc-stream's), in one grpcio server.

It keeps the contract of the chapter 4 tests (book/ch4-grpc/other-servers.md): binds the address
given as its first argument, or 127.0.0.1:0, prints `listening on ADDRESS` first, serves until
terminated. The generated modules (wordstats_pb2, countdown_pb2 and their _grpc) must be
importable: bench/oxbench/servers.py generates them once and puts their folder on PYTHONPATH,
so that the server's start-up time is Python's and grpcio's, not protoc's.

OXBENCH_WORKERS (default 2) sizes the thread pool that runs the handlers: the same limit the
Rust server gets as TOKIO_WORKER_THREADS and the Go one as GOMAXPROCS.
"""

import os
import sys
import time
from concurrent import futures

import grpc

import countdown_pb2
import countdown_pb2_grpc
import wordstats_pb2
import wordstats_pb2_grpc


def line_count(text: str) -> int:
    """Lines as Rust's str::lines counts them (str.splitlines also splits at \\r, \\v, \\x1c...)."""
    return text.count("\n") + (1 if text and not text.endswith("\n") else 0)


class WordStats(wordstats_pb2_grpc.WordStatsServicer):
    def Count(self, request, context):
        if request.delay_ms:
            time.sleep(request.delay_ms / 1000)  # holds this call's pool thread only
        text = request.text
        return wordstats_pb2.CountReply(lines=line_count(text), words=len(text.split()), chars=len(text))


class Countdown(countdown_pb2_grpc.CountdownServicer):
    def Count(self, request, context):
        for remaining in range(request.start, -1, -1):
            if remaining != request.start and request.interval_ms:
                time.sleep(request.interval_ms / 1000)
                if not context.is_active():  # the client hung up or its deadline passed
                    return
            yield countdown_pb2.Tick(remaining=remaining)


def main() -> None:
    workers = int(os.environ.get("OXBENCH_WORKERS", "2"))
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=workers))
    wordstats_pb2_grpc.add_WordStatsServicer_to_server(WordStats(), server)
    countdown_pb2_grpc.add_CountdownServicer_to_server(Countdown(), server)
    address = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OXIDIZE_ADDR", "127.0.0.1:0")
    port = server.add_insecure_port(address)
    server.start()
    print(f"listening on {address.rsplit(':', 1)[0]}:{port}", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
