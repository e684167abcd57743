//! The exported functions, called the way C calls them: raw pointers in and out.
//!
//! Until they are written, their `todo!()` panics inside an `extern "C"` function, which aborts
//! this whole test program ("panic in a function that cannot unwind").
use std::ffi::{CStr, c_char};
use std::ptr;

use ffi_strings::{oxi_shout, oxi_string_free};

/// Copies the string C got back into a Rust `String`, then hands the original back to be freed.
fn take(text: *mut c_char) -> Option<String> {
    if text.is_null() {
        return None;
    }
    let copy = unsafe { CStr::from_ptr(text) }.to_str().unwrap().to_owned();
    unsafe { oxi_string_free(text) };
    Some(copy)
}

#[test]
fn shout_returns_a_new_c_string() {
    assert_eq!(
        take(unsafe { oxi_shout(c"hello".as_ptr()) }).as_deref(),
        Some("HELLO!")
    );
}

#[test]
fn shout_returns_null_for_a_null_pointer() {
    assert!(unsafe { oxi_shout(ptr::null()) }.is_null());
}

#[test]
fn shout_returns_null_for_bytes_that_are_not_utf8() {
    assert!(unsafe { oxi_shout(c"caf\xe9".as_ptr()) }.is_null());
}

#[test]
fn freeing_null_does_nothing() {
    unsafe { oxi_string_free(ptr::null_mut()) };
}
