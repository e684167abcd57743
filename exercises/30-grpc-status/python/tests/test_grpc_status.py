"""A Rust error reaches Python as a gRPC status: a code to branch on and a message for people."""

import grpc
import pytest


@pytest.fixture
def lookup(grpc_channel, grpc_stubs):
    messages, services = grpc_stubs("elements")
    stub = services.ElementsStub(grpc_channel)
    return lambda symbol: stub.Lookup(messages.LookupRequest(symbol=symbol), timeout=10)


def status_of(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as failure:
        call()
    return failure.value


def test_a_known_symbol_returns_its_element(lookup):
    element = lookup("na")
    assert (element.symbol, element.name, element.number) == ("Na", "Sodium", 11)


def test_a_symbol_with_a_digit_fails_with_invalid_argument(lookup):
    assert status_of(lambda: lookup("H2O")).code() == grpc.StatusCode.INVALID_ARGUMENT


def test_an_empty_symbol_fails_with_a_message_that_says_so(lookup):
    error = status_of(lambda: lookup(""))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "empty" in error.details()


def test_an_unknown_symbol_fails_with_not_found_naming_the_symbol(lookup):
    error = status_of(lambda: lookup("Zz"))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    assert "Zz" in error.details()


def test_the_server_keeps_answering_after_an_error(lookup):
    status_of(lambda: lookup("Zz"))
    assert lookup("Ca").number == 20
