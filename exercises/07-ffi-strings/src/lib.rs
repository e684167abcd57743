//! Exercise 2.2: strings across the C ABI, and who frees them.
//!
//! A C string is a pointer to bytes ending in a NUL byte. Rust borrows one it is given with
//! `CStr::from_ptr`, and hands out one it made with `CString::into_raw`. Memory Rust allocated
//! must come back to Rust to be freed: every function that returns a string has a partner,
//! `oxi_string_free`, and the caller must call it exactly once per string.
//!
//! The bottom of this file (below "Given") counts the strings that are out, so the tests can
//! check that every one is handed back. You do not need to change it.

use std::ffi::c_char;
use std::ptr;

/// `text` in capitals, followed by one `!`: `"hello"` becomes `"HELLO!"`.
///
/// Plain Rust: the Rust tests call it directly, and `oxi_shout` exports it to C.
pub fn shout(text: &str) -> String {
    let _ = text;
    todo!("return `text` in capitals followed by one '!': \"hello\" becomes \"HELLO!\"")
}

/// Exported to C as `char *oxi_shout(const char *text)`.
///
/// Returns a new string, [`shout`] of `text`, that the caller must free with
/// [`oxi_string_free`]. Returns NULL if `text` is NULL or is not valid UTF-8.
///
/// # Safety
/// `text` is NULL or points to a NUL-terminated string that stays valid during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_shout(text: *const c_char) -> *mut c_char {
    let _ = text;
    todo!(
        "return NULL when `text` is NULL or not valid UTF-8; otherwise read it as a &str, shout \
         it, and give the new string to C through the given `hand_out`"
    )
}

/// Exported to C as `void oxi_string_free(char *text)`.
///
/// Takes back a string that `oxi_shout` handed out, and frees it. NULL is
/// accepted and does nothing, like C's `free(NULL)`.
///
/// # Safety
/// `text` is NULL or a pointer this library handed out and that has not been freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_string_free(text: *mut c_char) {
    let _ = text;
    todo!(
        "do nothing for NULL; otherwise give the string back to Rust with the given `take_back`, \
         so that it is freed"
    )
}

// ---------------------------------------------------------------------------------------------
// Given: you do not need to change anything below this line.
// ---------------------------------------------------------------------------------------------

use std::ffi::CString;
use std::sync::atomic::{AtomicI64, Ordering};

/// How many strings this library has handed out and not yet taken back.
static LIVE_STRINGS: AtomicI64 = AtomicI64::new(0);

/// Exported to C as `int64_t oxi_live_strings(void)`: the strings handed out and not yet freed.
#[unsafe(no_mangle)]
pub extern "C" fn oxi_live_strings() -> i64 {
    LIVE_STRINGS.load(Ordering::SeqCst)
}

/// Hands `text` to C as a NUL-terminated string that C must give back to [`oxi_string_free`].
/// Returns NULL if `text` contains a NUL byte (C would cut the string there).
pub fn hand_out(text: String) -> *mut c_char {
    match CString::new(text) {
        Ok(c_string) => {
            LIVE_STRINGS.fetch_add(1, Ordering::SeqCst);
            // Rust forgets the string here; the memory lives on until `take_back` reclaims it.
            c_string.into_raw()
        }
        Err(_) => ptr::null_mut(),
    }
}

/// Takes back a string that [`hand_out`] gave to C. Dropping the result frees it.
///
/// # Safety
/// `text` came from [`hand_out`] and has not been taken back before. Not NULL.
pub unsafe fn take_back(text: *mut c_char) -> CString {
    LIVE_STRINGS.fetch_sub(1, Ordering::SeqCst);
    // SAFETY: the caller promises `text` came from `CString::into_raw` in `hand_out`, once.
    unsafe { CString::from_raw(text) }
}
