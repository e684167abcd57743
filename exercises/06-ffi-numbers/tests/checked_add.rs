//! `oxi_checked_add` called the way C calls it: raw pointer in, status code out.
//!
//! Until it is written, its `todo!()` panics inside an `extern "C"` function, which aborts this
//! whole test program ("panic in a function that cannot unwind"). That is chapter 2's lesson
//! about panics, seen early.
use ffi_numbers::{OXI_NULL_POINTER, OXI_OK, OXI_OVERFLOW, oxi_checked_add};

#[test]
fn writes_the_sum_through_the_out_pointer() {
    let mut sum = 0_i64;
    let status = unsafe { oxi_checked_add(1 << 40, 2, &mut sum) };
    assert_eq!(status, OXI_OK);
    assert_eq!(sum, (1 << 40) + 2);
}

#[test]
fn reports_overflow_and_leaves_the_out_value_alone() {
    let mut sum = 42_i64;
    let status = unsafe { oxi_checked_add(i64::MAX, 1, &mut sum) };
    assert_eq!(status, OXI_OVERFLOW);
    assert_eq!(sum, 42);
}

#[test]
fn rejects_a_null_out_pointer() {
    let status = unsafe { oxi_checked_add(1, 2, std::ptr::null_mut()) };
    assert_eq!(status, OXI_NULL_POINTER);
}
