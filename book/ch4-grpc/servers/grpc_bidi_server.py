"""A Totals server in Python (exercise grpc-bidi), graded by the same tests as the Rust one.

Run it as the tests do: `python grpc_bidi_server.py [ADDRESS]`. It binds ADDRESS, or any free
port of 127.0.0.1, prints `listening on HOST:PORT`, and serves until it is terminated. It
compiles the exercise's `proto/totals.proto` at start, found through OXIDIZE_EXERCISE_DIR (the
tests set it) or next to this book.
"""
import os
import shutil
import sys
import tempfile
from concurrent import futures
from pathlib import Path

import grpc
from grpc_tools import protoc

EXERCISE = Path(__file__).resolve().parents[3] / "exercises" / "33-grpc-bidi"
PROTO_DIR = Path(os.environ.get("OXIDIZE_EXERCISE_DIR", EXERCISE)) / "proto"
OUT_DIR = tempfile.mkdtemp(prefix="totals-stubs-")
if protoc.main(["protoc", f"-I{PROTO_DIR}", f"--python_out={OUT_DIR}",
                f"--grpc_python_out={OUT_DIR}", str(PROTO_DIR / "totals.proto")]) != 0:
    sys.exit(f"could not compile {PROTO_DIR / 'totals.proto'}")
sys.path.insert(0, OUT_DIR)
import totals_pb2, totals_pb2_grpc  # noqa: E402 (generated just above)
# Imported: the generated files are no longer needed, and a server that is killed leaves none.
shutil.rmtree(OUT_DIR, ignore_errors=True)

I64_MAX, I64_MIN = 2**63 - 1, -(2**63)


class Totals(totals_pb2_grpc.TotalsServicer):
    def Running(self, request_iterator, context):
        # A generator: grpcio sends each yielded total at once, and reading the next number
        # from request_iterator waits until the client sends one, or ends when it closes.
        total, count = 0, 0
        for number in request_iterator:
            if not I64_MIN <= total + number.value <= I64_MAX:
                context.abort(grpc.StatusCode.OUT_OF_RANGE,
                              f"the running total overflows a 64-bit integer: {total} + {number.value}")
            total, count = total + number.value, count + 1
            yield totals_pb2.Total(sum=total, count=count)


# Each open stream holds a worker thread for as long as it lasts: leave room for several.
server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
totals_pb2_grpc.add_TotalsServicer_to_server(Totals(), server)
port = server.add_insecure_port(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:0")
server.start()
print(f"listening on 127.0.0.1:{port}", flush=True)
server.wait_for_termination()
