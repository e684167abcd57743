//! The handle's functions, called the way C calls them: a pointer in, a pointer back.
//!
//! Until they are written, their `todo!()` panics inside an `extern "C"` function, which aborts
//! this whole test program ("panic in a function that cannot unwind").
use std::ptr;

use ffi_handle::{
    OXI_NULL_POINTER, OXI_OK, oxi_summary_count, oxi_summary_free, oxi_summary_mean,
    oxi_summary_new, oxi_summary_push,
};

#[test]
fn a_new_handle_is_not_null_and_starts_empty() {
    let summary = oxi_summary_new();
    assert!(!summary.is_null());
    unsafe {
        assert_eq!(oxi_summary_count(summary), 0);
        assert!(oxi_summary_mean(summary).is_nan());
        oxi_summary_free(summary);
    }
}

#[test]
fn pushing_through_the_handle_changes_the_object_behind_it() {
    let summary = oxi_summary_new();
    unsafe {
        for value in [1.0, 2.0, 6.0] {
            assert_eq!(oxi_summary_push(summary, value), OXI_OK);
        }
        assert_eq!(oxi_summary_count(summary), 3);
        assert_eq!(oxi_summary_mean(summary), 3.0);
        oxi_summary_free(summary);
    }
}

#[test]
fn two_handles_are_two_separate_objects() {
    let (a, b) = (oxi_summary_new(), oxi_summary_new());
    assert_ne!(a, b);
    unsafe {
        oxi_summary_push(a, 10.0);
        assert_eq!((oxi_summary_count(a), oxi_summary_count(b)), (1, 0));
        oxi_summary_free(a);
        oxi_summary_free(b);
    }
}

#[test]
fn a_null_handle_is_refused_and_freeing_null_does_nothing() {
    unsafe {
        assert_eq!(oxi_summary_push(ptr::null_mut(), 1.0), OXI_NULL_POINTER);
        assert_eq!(oxi_summary_count(ptr::null()), 0);
        assert!(oxi_summary_mean(ptr::null()).is_nan());
        oxi_summary_free(ptr::null_mut());
    }
}
