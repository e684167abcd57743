//! The exported functions, called the way C calls them: a pointer and a length.
//!
//! Until they are written, their `todo!()` panics inside an `extern "C"` function, which aborts
//! this whole test program ("panic in a function that cannot unwind").
use std::ptr;

use ffi_stats::{oxi_scale, oxi_stats};

#[test]
fn stats_reads_the_whole_buffer() {
    let values = [4.0, 8.0, 15.0, 16.0, 23.0, 42.0];
    let s = unsafe { oxi_stats(values.as_ptr(), values.len()) };
    assert_eq!((s.count, s.mean, s.min, s.max), (6, 18.0, 4.0, 42.0));
}

#[test]
fn stats_reads_only_the_first_len_values() {
    let values = [1.0, 3.0, 1000.0];
    let s = unsafe { oxi_stats(values.as_ptr(), 2) };
    assert_eq!((s.count, s.mean, s.max), (2, 2.0, 3.0));
}

#[test]
fn stats_accepts_null_with_a_length_of_zero() {
    let s = unsafe { oxi_stats(ptr::null(), 0) };
    assert_eq!(s.count, 0);
    assert!(s.mean.is_nan());
}

#[test]
fn scale_changes_the_callers_buffer_in_place() {
    let mut values = [1.0, -2.0, 0.5];
    unsafe { oxi_scale(values.as_mut_ptr(), values.len(), 4.0) };
    assert_eq!(values, [4.0, -8.0, 2.0]);
}

#[test]
fn scale_accepts_null_with_a_length_of_zero() {
    unsafe { oxi_scale(ptr::null_mut(), 0, 2.0) };
}
