//! Exercise 2.6: C hands Rust a function to call back, and a pointer to carry along.
//!
//! A C callback is a function pointer plus a `void *user_data`: the caller's context, which
//! Rust never reads and passes back, unchanged, on every call. The callback's return value talks
//! back: here, anything but 0 means "stop". In Rust the parameter is an
//! `Option<extern "C" fn(...)>`, because C may pass NULL, and `None` is how Rust sees it.

use std::ffi::c_void;

/// What the caller passes as the callback: called with the caller's `user_data` and one prime;
/// returns 0 to go on, anything else to stop.
pub type Visitor = extern "C" fn(user_data: *mut c_void, item: i64) -> i32;

/// `oxi_each_prime` was given a NULL callback; nothing was called.
pub const OXI_NULL_CALLBACK: i64 = -1;

/// Exported to C as
/// `int64_t oxi_each_prime(int64_t limit, int32_t (*callback)(void *user_data, int64_t item), void *user_data)`.
///
/// Calls `callback(user_data, p)` for each prime `p <= limit`, in increasing order, with the
/// very `user_data` it was given. Stops right after a call that returns non-zero. Returns how
/// many calls it made, or [`OXI_NULL_CALLBACK`] if `callback` is NULL.
///
/// A safe function: Rust never reads through `user_data`, it only hands it back.
#[unsafe(no_mangle)]
pub extern "C" fn oxi_each_prime(
    limit: i64,
    callback: Option<Visitor>,
    user_data: *mut c_void,
) -> i64 {
    // C's NULL arrives as None: the one bad function pointer we can see.
    let Some(callback) = callback else {
        return OXI_NULL_CALLBACK;
    };
    let mut calls = 0;
    for prime in primes_up_to(limit) {
        calls += 1;
        // Rust only carries `user_data` along; what it points to is the caller's business.
        if callback(user_data, prime) != 0 {
            break;
        }
    }
    calls
}

// ---------------------------------------------------------------------------------------------
// Given: you do not need to change anything below this line.
// ---------------------------------------------------------------------------------------------

/// The primes from 2 to `limit` (inclusive), in increasing order. Plain Rust, by trial division.
pub fn primes_up_to(limit: i64) -> impl Iterator<Item = i64> {
    (2..=limit).filter(|&n| (2..).take_while(|&d| d <= n / d).all(|d| n % d != 0))
}
