//! Exercise 2.1: numbers across the C ABI.
//!
//! Every `#[unsafe(no_mangle)] pub extern "C" fn` below is a symbol in the shared library that
//! Python loads with `ctypes`. C has no `Option` and no `Result`: a function that can fail says so
//! with a status code, and hands its answer back through a pointer the caller owns.

/// `oxi_checked_add` stored the sum in `*out`.
pub const OXI_OK: i32 = 0;
/// `oxi_checked_add` did not fit in an `i64`; `*out` was left untouched.
pub const OXI_OVERFLOW: i32 = 1;
/// `oxi_checked_add` was given a NULL `out` pointer; nothing was written.
pub const OXI_NULL_POINTER: i32 = 2;

/// Greatest common divisor of `a` and `b` (Euclid's algorithm), with `gcd(0, 0) == 0`.
///
/// Plain Rust: the Rust tests call it directly, and `oxi_gcd` below exports it to C.
pub fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Exported to C as `uint64_t oxi_gcd(uint64_t a, uint64_t b)`.
///
/// Already written: this is what a thin wrapper looks like. Only C types cross the boundary
/// (`u64` is C's `uint64_t`, ctypes' `c_uint64`).
#[unsafe(no_mangle)]
pub extern "C" fn oxi_gcd(a: u64, b: u64) -> u64 {
    gcd(a, b)
}

/// Exported to C as `int32_t oxi_checked_add(int64_t a, int64_t b, int64_t *out)`.
///
/// Adds `a` and `b` without ever overflowing: on success writes the sum to `*out` and returns
/// [`OXI_OK`]; if the sum does not fit in an `i64` returns [`OXI_OVERFLOW`] and leaves `*out`
/// alone; if `out` is NULL returns [`OXI_NULL_POINTER`].
///
/// # Safety
/// `out` is NULL or points to an `i64` the caller lets us write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_checked_add(a: i64, b: i64, out: *mut i64) -> i32 {
    if out.is_null() {
        return OXI_NULL_POINTER;
    }
    match a.checked_add(b) {
        Some(sum) => {
            // SAFETY: `out` is not NULL, and the caller promised it points to a writable i64.
            unsafe { *out = sum };
            OXI_OK
        }
        None => OXI_OVERFLOW,
    }
}
