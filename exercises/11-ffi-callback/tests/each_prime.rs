//! `oxi_each_prime` called the way C calls it: a function pointer and a `void *` of context.
//!
//! Until it is written, its `todo!()` panics inside an `extern "C"` function, which aborts this
//! whole test program ("panic in a function that cannot unwind").
use std::ffi::c_void;
use std::ptr;

use ffi_callback::{OXI_NULL_CALLBACK, oxi_each_prime};

/// What the tests pass as `user_data`: where the callback writes down what it was given.
#[derive(Default)]
struct Seen {
    items: Vec<i64>,
    user_data: Vec<*mut c_void>,
    /// The callback asks to stop (returns 1) once it has seen this many items.
    stop_after: Option<usize>,
}

extern "C" fn remember(user_data: *mut c_void, item: i64) -> i32 {
    // SAFETY: every test passes a `*mut Seen` that outlives the call to oxi_each_prime.
    let seen = unsafe { &mut *user_data.cast::<Seen>() };
    seen.items.push(item);
    seen.user_data.push(user_data);
    i32::from(seen.stop_after == Some(seen.items.len()))
}

fn visit(limit: i64, seen: &mut Seen) -> i64 {
    oxi_each_prime(limit, Some(remember), ptr::from_mut(seen).cast())
}

#[test]
fn the_callback_is_called_with_each_prime_in_order() {
    let mut seen = Seen::default();
    let calls = visit(30, &mut seen);
    assert_eq!(seen.items, [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
    assert_eq!(calls, 10);
}

#[test]
fn user_data_arrives_unchanged_on_every_call() {
    let mut seen = Seen::default();
    let expected: *mut c_void = ptr::from_mut(&mut seen).cast();
    visit(20, &mut seen);
    assert_eq!(seen.user_data.len(), 8);
    assert!(seen.user_data.iter().all(|&p| p == expected));
}

#[test]
fn a_non_zero_return_stops_the_visit() {
    let mut seen = Seen {
        stop_after: Some(3),
        ..Seen::default()
    };
    let calls = visit(100, &mut seen);
    assert_eq!(
        seen.items,
        [2, 3, 5],
        "the callback returned 1 on its third call: no call may follow it"
    );
    assert_eq!(calls, 3, "three calls were made");
}

#[test]
fn no_primes_means_no_calls() {
    let mut seen = Seen::default();
    assert_eq!(visit(1, &mut seen), 0);
    assert!(seen.items.is_empty());
}

#[test]
fn a_null_callback_is_refused() {
    assert_eq!(oxi_each_prime(10, None, ptr::null_mut()), OXI_NULL_CALLBACK);
}
