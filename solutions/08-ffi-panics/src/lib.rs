//! Exercise 2.3: a panic must never unwind into C.
//!
//! A panic that reaches the edge of an `extern "C"` function aborts the whole process, and the
//! Python interpreter that called it dies with it. `std::panic::catch_unwind` stops the panic
//! at the boundary and hands it to you as an `Err`, which you turn into an error code C can read.
//!
//! The bottom of this file (below "Given") is "a library you cannot change": `collatz_steps`,
//! which panics on some inputs. You do not need to change it.

use std::panic;

/// `oxi_collatz_steps` wrote the number of steps to `*steps`.
pub const OXI_OK: i32 = 0;
/// `oxi_collatz_steps` was given a NULL `steps` pointer; nothing was written.
pub const OXI_NULL_POINTER: i32 = 2;
/// `collatz_steps` panicked; the panic was caught, and `*steps` was left untouched.
pub const OXI_PANICKED: i32 = -1;

/// Exported to C as `int32_t oxi_collatz_steps(uint64_t n, uint64_t *steps)`.
///
/// Computes [`collatz_steps`] of `n`. On success writes it to `*steps` and returns [`OXI_OK`].
/// If `collatz_steps` panics (for 0, and when the sequence outgrows a `u64`), returns
/// [`OXI_PANICKED`] and leaves `*steps` alone: the panic never reaches C.
///
/// # Safety
/// `steps` is NULL or points to a `u64` the caller lets us write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_collatz_steps(n: u64, steps: *mut u64) -> i32 {
    if steps.is_null() {
        return OXI_NULL_POINTER;
    }
    // The work inside the wall; only the translation to C outside it, and that cannot panic.
    match panic::catch_unwind(|| collatz_steps(n)) {
        Ok(count) => {
            // SAFETY: not NULL, and the caller promised it points to a writable u64.
            unsafe { *steps = count };
            OXI_OK
        }
        Err(_) => OXI_PANICKED,
    }
}

// ---------------------------------------------------------------------------------------------
// Given: you do not need to change anything below this line.
// ---------------------------------------------------------------------------------------------

/// How many steps the Collatz sequence of `n` takes to reach 1: halve an even number, turn an
/// odd one into `3 * n + 1`, and count. `collatz_steps(6) == 8` (6 3 10 5 16 8 4 2 1).
///
/// From a library you cannot change, and it panics: on 0 (whose sequence never reaches 1), and
/// when `3 * n + 1` no longer fits in a `u64`. Which large numbers do that, nobody can tell
/// without running the sequence, so the caller cannot check its input first.
pub fn collatz_steps(n: u64) -> u64 {
    assert!(
        n != 0,
        "collatz_steps(0): the sequence of 0 never reaches 1"
    );
    let (mut value, mut steps) = (n, 0);
    while value != 1 {
        value = if value % 2 == 0 {
            value / 2
        } else {
            value
                .checked_mul(3)
                .and_then(|tripled| tripled.checked_add(1))
                .unwrap_or_else(|| panic!("collatz_steps({n}): 3 * {value} + 1 overflows a u64"))
        };
        steps += 1;
    }
    steps
}
