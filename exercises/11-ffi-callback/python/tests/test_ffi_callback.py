"""Rust calls a Python function for each item, with the caller's context, until told to stop."""

from ctypes import CFUNCTYPE, c_int32, c_int64, c_void_p, py_object

OXI_NULL_CALLBACK = -1

# int32_t (*)(void *user_data, int64_t item): the C type of the callback, as ctypes builds it.
VISITOR = CFUNCTYPE(c_int32, c_void_p, c_int64)


def declare(lib):
    lib.oxi_each_prime.argtypes = [c_int64, VISITOR, c_void_p]
    lib.oxi_each_prime.restype = c_int64
    return lib


def reference_primes(limit: int) -> list[int]:
    return [n for n in range(2, limit + 1) if all(n % d for d in range(2, int(n**0.5) + 1))]


# user_data carries a key into this registry: Rust passes the key back, untouched, and the
# callback looks up its context with it. (A key, not the object: Rust holds no Python reference.)
_contexts: dict[int, list[int]] = {}


@VISITOR
def append_to_context(user_data, item):
    _contexts[user_data].append(item)
    return 0


def test_the_callback_sees_every_prime_in_order(ffi_lib):
    lib = declare(ffi_lib)
    _contexts[7] = []
    try:
        calls = lib.oxi_each_prime(1000, append_to_context, 7)
        assert _contexts[7] == reference_primes(1000)
        assert calls == len(reference_primes(1000))
    finally:
        del _contexts[7]


def test_user_data_arrives_unchanged_on_every_call(ffi_lib):
    lib = declare(ffi_lib)
    received = []
    callback = VISITOR(lambda user_data, item: received.append(user_data) or 0)
    address = 0x7F3A_1234_5678  # above 2**32: all 64 bits must come back
    lib.oxi_each_prime(50, callback, address)
    assert received == [address] * len(reference_primes(50))


def test_user_data_can_carry_a_python_object(ffi_lib):
    declare(ffi_lib)
    # A second declaration of the same function, fresh from the library: here user_data is a
    # py_object, so ctypes passes a pointer to the object and the callback gets the object back.
    each_prime = ffi_lib["oxi_each_prime"]
    visitor = CFUNCTYPE(c_int32, py_object, c_int64)
    each_prime.argtypes = [c_int64, visitor, py_object]
    each_prime.restype = c_int64
    context = {"seen": []}
    same_object = []

    def record(user_data, item):
        # No assert in here: an exception cannot leave a ctypes callback, it is only printed.
        same_object.append(user_data is context)
        user_data["seen"].append(item)
        return 0

    each_prime(20, visitor(record), context)  # `context` stays alive during the call: we hold it
    assert context["seen"] == reference_primes(20)
    assert same_object == [True] * len(reference_primes(20))


def test_a_non_zero_return_stops_the_visit(ffi_lib):
    lib = declare(ffi_lib)
    seen = []

    def stop_at_the_fifth(user_data, item):
        seen.append(item)
        return 1 if len(seen) == 5 else 0

    callback = VISITOR(stop_at_the_fifth)
    calls = lib.oxi_each_prime(10_000, callback, None)
    assert seen == reference_primes(11), "the fifth call returned 1: no call may follow it"
    assert calls == 5


def test_no_primes_means_no_calls(ffi_lib):
    lib = declare(ffi_lib)
    seen = []
    callback = VISITOR(lambda user_data, item: seen.append(item) or 0)
    assert lib.oxi_each_prime(1, callback, None) == 0
    assert lib.oxi_each_prime(-5, callback, None) == 0
    assert seen == []


def test_a_null_callback_is_refused(ffi_lib):
    lib = declare(ffi_lib)
    # ctypes refuses None where a CFUNCTYPE is declared; VISITOR() with no function is NULL.
    null_callback = VISITOR()
    assert not null_callback
    assert lib.oxi_each_prime(10, null_callback, None) == OXI_NULL_CALLBACK
