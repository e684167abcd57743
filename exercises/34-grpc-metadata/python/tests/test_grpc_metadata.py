"""Python sends metadata with a call: a token that an interceptor in front of the Rust service
checks, and a request id that comes back in the reply's initial metadata."""

import grpc
import pytest

# The token every server of this exercise accepts (see proto/greeter.proto).
TOKEN = "let-me-in"
# A guard against a hang, on every call; nothing is timed.
HANG_GUARD_SECS = 10


@pytest.fixture
def greet(grpc_channel, grpc_stubs):
    messages, services = grpc_stubs("greeter")
    stub = services.GreeterStub(grpc_channel)

    def call(name: str, metadata):
        """`(reply, call)`: the reply and the finished call, whose metadata can be read."""
        return stub.Greet.with_call(
            messages.GreetRequest(name=name), metadata=metadata, timeout=HANG_GUARD_SECS
        )

    return call


def status_of(greet, metadata) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as failure:
        greet("Ada", metadata)
    return failure.value


def test_a_call_without_a_token_is_unauthenticated_and_says_what_is_missing(greet):
    error = status_of(greet, [("x-request-id", "no-token")])
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED, error.details()
    assert "authorization" in error.details()


def test_a_call_with_a_wrong_token_is_unauthenticated(greet):
    error = status_of(greet, [("authorization", "Bearer let-me-out")])
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED, error.details()
    assert "token" in error.details()


def test_the_token_without_the_bearer_scheme_is_unauthenticated(greet):
    for value in [TOKEN, f"Basic {TOKEN}"]:
        error = status_of(greet, [("authorization", value)])
        assert error.code() == grpc.StatusCode.UNAUTHENTICATED, (value, error.details())
        assert "Bearer" in error.details()


def test_a_call_with_the_right_token_gets_its_greeting(greet):
    reply, call = greet("Ada", [("authorization", f"Bearer {TOKEN}")])
    assert reply.message == "Hello, Ada!"
    assert call.code() == grpc.StatusCode.OK


def test_the_request_id_comes_back_in_the_initial_metadata(greet):
    for request_id in ["req-7f3a-01", "req-b2c4-99"]:
        metadata = [("authorization", f"Bearer {TOKEN}"), ("x-request-id", request_id)]
        reply, call = greet("Grace", metadata)
        assert reply.message == "Hello, Grace!"
        echoed = dict(call.initial_metadata()).get("x-request-id")
        assert echoed == request_id, f"initial metadata: {call.initial_metadata()!r}"
