"""Strings go in as bytes, come back as new C strings, and every one is handed back to Rust."""

import ctypes

from ctypes import c_char_p, c_int64, c_void_p


def declare(lib):
    # Inputs as c_char_p: ctypes passes a pointer to a NUL-terminated copy of the bytes.
    # Results as c_void_p, NOT c_char_p: c_char_p would copy the text into `bytes` and drop the
    # pointer, leaving nothing to hand back to oxi_string_free (a leak on every call).
    lib.oxi_shout.argtypes = [c_char_p]
    lib.oxi_shout.restype = c_void_p
    lib.oxi_string_free.argtypes = [c_void_p]
    lib.oxi_string_free.restype = None
    lib.oxi_live_strings.argtypes = []
    lib.oxi_live_strings.restype = c_int64
    return lib


def call(lib, function, text: bytes | None) -> bytes | None:
    """Calls `function`, copies the C string it returns, and frees the original."""
    pointer = function(text)
    if pointer is None:  # ctypes turns a NULL c_void_p into None
        return None
    try:
        return ctypes.string_at(pointer)
    finally:
        lib.oxi_string_free(pointer)


def reference_shout(text: str) -> str:
    return text.upper() + "!"


def test_shout_agrees_with_python(ffi_lib):
    lib = declare(ffi_lib)
    for text in ["hello", "Hello, World", "déjà vu", "", "straße"]:
        result = call(lib, lib.oxi_shout, text.encode())
        assert result is not None
        assert result.decode() == reference_shout(text)


def test_shout_returns_null_for_null_and_for_bytes_that_are_not_utf8(ffi_lib):
    lib = declare(ffi_lib)
    assert call(lib, lib.oxi_shout, None) is None
    assert call(lib, lib.oxi_shout, "café".encode("latin-1")) is None


def test_every_string_handed_out_is_handed_back(ffi_lib):
    lib = declare(ffi_lib)
    before = lib.oxi_live_strings()
    for i in range(100):
        assert call(lib, lib.oxi_shout, f"string {i}".encode()) is not None
    assert lib.oxi_live_strings() == before


def test_a_string_not_yet_freed_is_still_counted(ffi_lib):
    lib = declare(ffi_lib)
    before = lib.oxi_live_strings()
    pointer = lib.oxi_shout(b"keep me")
    assert lib.oxi_live_strings() == before + 1
    lib.oxi_string_free(pointer)
    assert lib.oxi_live_strings() == before


def test_freeing_null_is_allowed_and_does_nothing(ffi_lib):
    lib = declare(ffi_lib)
    before = lib.oxi_live_strings()
    lib.oxi_string_free(None)
    assert lib.oxi_live_strings() == before
