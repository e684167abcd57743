"""A Readings server in Python (exercise grpc-client-stream), graded by the same tests as the Rust one.

Usage: python grpc_client_stream_server.py [ADDRESS]   (default 127.0.0.1:0, any free port)

It compiles the exercise's proto/readings.proto with grpcio-tools when it starts: from
$OXIDIZE_EXERCISE_DIR when that is set (the tests set it), else from the course next to this book.
"""

import math
import os
import shutil
import sys
import tempfile
from concurrent import futures
from pathlib import Path

import grpc
from grpc_tools import protoc

COURSE = Path(__file__).resolve().parents[3]
EXERCISE = Path(os.environ.get("OXIDIZE_EXERCISE_DIR") or COURSE / "exercises" / "32-grpc-client-stream")
PROTO_DIR = EXERCISE / "proto"

generated = tempfile.mkdtemp(prefix="readings_stubs_")
status = protoc.main(
    ["protoc", f"-I{PROTO_DIR}", f"--python_out={generated}", f"--grpc_python_out={generated}",
     str(PROTO_DIR / "readings.proto")]
)
if status != 0:
    sys.exit(f"grpcio-tools could not compile {PROTO_DIR / 'readings.proto'}")
sys.path.insert(0, generated)
import readings_pb2, readings_pb2_grpc  # noqa: E402  (generated just above)

shutil.rmtree(generated)  # both modules are loaded: the files are no longer needed


class Readings(readings_pb2_grpc.ReadingsServicer):
    def Upload(self, request_iterator, context):
        chunks = count = 0
        total = 0.0
        # The loop ends when the client closes its side; a cancelled client raises out of it,
        # which ends this call only.
        for chunk in request_iterator:
            chunks += 1
            for value in chunk.values:
                if not math.isfinite(value):
                    context.abort(
                        grpc.StatusCode.INVALID_ARGUMENT,
                        f"chunk {chunks} holds {value}, which is not a finite number",
                    )
                count += 1
                total += value
        return readings_pb2.Summary(chunks=chunks, count=count, sum=total)


server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
readings_pb2_grpc.add_ReadingsServicer_to_server(Readings(), server)
address = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:0"
port = server.add_insecure_port(address)  # the port it really got, for port 0 too
server.start()
print(f"listening on {address.rsplit(':', 1)[0]}:{port}", flush=True)
server.wait_for_termination()
