"""A Greeter server in Python (exercise grpc-metadata), graded by the same tests as the Rust one.

Run it as the tests do: `python grpc_metadata_server.py [ADDRESS]`. It binds ADDRESS, or any
free port of 127.0.0.1, prints `listening on HOST:PORT`, and serves until it is terminated. It
compiles the exercise's `proto/greeter.proto` at start, found through OXIDIZE_EXERCISE_DIR (the
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

EXERCISE = Path(__file__).resolve().parents[3] / "exercises" / "34-grpc-metadata"
PROTO_DIR = Path(os.environ.get("OXIDIZE_EXERCISE_DIR", EXERCISE)) / "proto"
OUT_DIR = tempfile.mkdtemp(prefix="greeter-stubs-")
if protoc.main(["protoc", f"-I{PROTO_DIR}", f"--python_out={OUT_DIR}",
                f"--grpc_python_out={OUT_DIR}", str(PROTO_DIR / "greeter.proto")]) != 0:
    sys.exit(f"could not compile {PROTO_DIR / 'greeter.proto'}")
sys.path.insert(0, OUT_DIR)
import greeter_pb2, greeter_pb2_grpc  # noqa: E402 (generated just above)
# Imported: the generated files are no longer needed, and a server that is killed leaves none.
shutil.rmtree(OUT_DIR, ignore_errors=True)

TOKEN = "let-me-in"


def refuse(message):
    """A handler that ends any unary call with UNAUTHENTICATED and `message`."""
    def handler(request, context):
        context.abort(grpc.StatusCode.UNAUTHENTICATED, message)
    return grpc.unary_unary_rpc_method_handler(handler)


class RequireToken(grpc.ServerInterceptor):
    """grpcio's interceptor: sees each call's metadata before the servicer does."""

    def __init__(self, token):
        self.token = token

    def intercept_service(self, continuation, handler_call_details):
        metadata = dict(handler_call_details.invocation_metadata)
        value = metadata.get("authorization")
        if value is None:
            return refuse("no `authorization` metadata: send `authorization: Bearer <token>`")
        if not value.startswith("Bearer "):
            return refuse("the `authorization` metadata must be `Bearer <token>`")
        if value.removeprefix("Bearer ") != self.token:
            return refuse("the bearer token is not the right one")
        return continuation(handler_call_details)


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def Greet(self, request, context):
        request_id = dict(context.invocation_metadata()).get("x-request-id")
        if request_id is not None:
            context.send_initial_metadata([("x-request-id", request_id)])
        return greeter_pb2.Greeting(message=f"Hello, {request.name}!")


server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), interceptors=[RequireToken(TOKEN)])
greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
port = server.add_insecure_port(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:0")
server.start()
print(f"listening on 127.0.0.1:{port}", flush=True)
server.wait_for_termination()
