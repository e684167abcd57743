//! Exercise 2.4: a buffer of numbers in, a `#[repr(C)]` struct out.
//!
//! C passes an array as two things: a pointer to its first element and a length. Rust turns the
//! pair back into a slice with `std::slice::from_raw_parts`, and from then on it is ordinary,
//! safe Rust. A struct crosses by value when both sides agree on its layout: `#[repr(C)]` tells
//! Rust to lay the fields out in order, the way C (and ctypes' `Structure`) does.

use std::slice;

/// Summary statistics of a list of numbers, laid out the way C lays out
/// `struct { uint64_t count; double mean; double min; double max; }`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    /// How many numbers there were.
    pub count: u64,
    /// Their arithmetic mean; NaN when there were none.
    pub mean: f64,
    /// The smallest; NaN when there were none.
    pub min: f64,
    /// The largest; NaN when there were none.
    pub max: f64,
}

/// Count, mean, min and max of `values` (which contain no NaN). For no values at all, `count`
/// is 0 and `mean`, `min` and `max` are NaN.
///
/// Plain Rust: the Rust tests call it directly, and `oxi_stats` exports it to C.
pub fn stats(values: &[f64]) -> Stats {
    if values.is_empty() {
        return Stats {
            count: 0,
            mean: f64::NAN,
            min: f64::NAN,
            max: f64::NAN,
        };
    }
    let sum: f64 = values.iter().sum();
    Stats {
        count: values.len() as u64,
        mean: sum / values.len() as f64,
        min: values.iter().copied().fold(f64::INFINITY, f64::min),
        max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    }
}

/// Exported to C as `Stats oxi_stats(const double *values, size_t len)`.
///
/// The statistics of the `len` numbers starting at `values`. `values` may be NULL when `len`
/// is 0 (an empty array); the result is then the same as `stats(&[])`.
///
/// # Safety
/// If `len > 0`, `values` points to `len` initialised `f64`s that stay valid during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_stats(values: *const f64, len: usize) -> Stats {
    if len == 0 {
        return stats(&[]);
    }
    // SAFETY: len > 0, so the caller promised `len` valid f64s at `values`.
    stats(unsafe { slice::from_raw_parts(values, len) })
}

/// Exported to C as `void oxi_scale(double *values, size_t len, double factor)`.
///
/// Multiplies each of the `len` numbers starting at `values` by `factor`, in place: the caller
/// sees its own array changed. Does nothing when `len` is 0 (`values` may then be NULL).
///
/// # Safety
/// If `len > 0`, `values` points to `len` initialised `f64`s that nothing else reads or writes
/// during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_scale(values: *mut f64, len: usize, factor: f64) {
    if len == 0 {
        return;
    }
    // SAFETY: len > 0, so the caller promised `len` valid f64s at `values`, borrowed by us alone.
    let values = unsafe { slice::from_raw_parts_mut(values, len) };
    for value in values {
        *value *= factor;
    }
}
