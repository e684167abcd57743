//! `oxi_collatz_steps` called the way C calls it: a status code out, the answer through a pointer.
//!
//! Until it is written, its `todo!()` panics inside an `extern "C"` function, which aborts this
//! whole test program ("panic in a function that cannot unwind"): the very thing this exercise
//! is about.
use ffi_panics::{OXI_OK, OXI_PANICKED, oxi_collatz_steps};

/// Calls `oxi_collatz_steps(n)`; returns its status and what `*steps` holds afterwards, starting
/// from `start`.
fn call(n: u64, start: u64) -> (i32, u64) {
    let mut steps = start;
    let status = unsafe { oxi_collatz_steps(n, &mut steps) };
    (status, steps)
}

#[test]
fn counts_the_steps_to_one() {
    assert_eq!(call(6, 0), (OXI_OK, 8));
    assert_eq!(call(27, 0), (OXI_OK, 111));
    assert_eq!(call(1, 99), (OXI_OK, 0));
}

#[test]
fn returns_panicked_for_zero_instead_of_unwinding_into_c() {
    assert_eq!(call(0, 7).0, OXI_PANICKED);
}

#[test]
fn returns_panicked_when_the_sequence_outgrows_a_u64() {
    assert_eq!(call(u64::MAX, 7).0, OXI_PANICKED);
    assert_eq!(call(u64::MAX - 1, 7).0, OXI_PANICKED);
}

#[test]
fn leaves_the_out_value_alone_when_it_panics() {
    assert_eq!(call(0, 42), (OXI_PANICKED, 42));
}

#[test]
fn keeps_working_after_a_caught_panic() {
    assert_eq!(call(0, 0).0, OXI_PANICKED);
    assert_eq!(call(97, 0), (OXI_OK, 118));
}
