//! Exercise 2.5: a Rust object that C holds by an opaque handle.
//!
//! C cannot see inside a Rust struct, and need not: it holds a pointer to one, a *handle*, and
//! passes it back to every function that works on the object. `oxi_summary_new` moves a
//! `Summary` to the heap and gives up ownership with `Box::into_raw`; the methods borrow it
//! through the pointer; `oxi_summary_free` takes ownership back with `Box::from_raw`, and the
//! drop frees it. Between new and free, the caller owns the object and must free it once.
//!
//! The bottom of this file (below "Given") is the plain Rust `Summary`, and it counts the live
//! ones, so the tests can check that every handle is freed. You do not need to change it.

/// A method was called on the handle.
pub const OXI_OK: i32 = 0;
/// A method was given a NULL handle; nothing happened.
pub const OXI_NULL_POINTER: i32 = 2;

/// Exported to C as `Summary *oxi_summary_new(void)`.
///
/// A new, empty [`Summary`] on the heap. The caller owns it and must give it back to
/// [`oxi_summary_free`] exactly once.
#[unsafe(no_mangle)]
pub extern "C" fn oxi_summary_new() -> *mut Summary {
    // Ownership goes to the caller: Rust forgets the Box without dropping it.
    Box::into_raw(Box::new(Summary::new()))
}

/// Exported to C as `int32_t oxi_summary_push(Summary *summary, double value)`.
///
/// Adds `value` to the summary behind the handle and returns [`OXI_OK`], or returns
/// [`OXI_NULL_POINTER`] for a NULL handle.
///
/// # Safety
/// `summary` is NULL or a live handle from [`oxi_summary_new`], used by no one else during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_summary_push(summary: *mut Summary, value: f64) -> i32 {
    if summary.is_null() {
        return OXI_NULL_POINTER;
    }
    // SAFETY: not NULL, and the caller promised a live handle that no one else uses meanwhile.
    let summary = unsafe { &mut *summary };
    summary.push(value);
    OXI_OK
}

/// Exported to C as `uint64_t oxi_summary_count(const Summary *summary)`.
///
/// How many values were pushed; 0 for a NULL handle.
///
/// # Safety
/// `summary` is NULL or a live handle from [`oxi_summary_new`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_summary_count(summary: *const Summary) -> u64 {
    if summary.is_null() {
        return 0;
    }
    // SAFETY: not NULL, and the caller promised a live handle.
    unsafe { &*summary }.count()
}

/// Exported to C as `double oxi_summary_mean(const Summary *summary)`.
///
/// The mean of the values pushed; NaN when there are none, and for a NULL handle.
///
/// # Safety
/// `summary` is NULL or a live handle from [`oxi_summary_new`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_summary_mean(summary: *const Summary) -> f64 {
    if summary.is_null() {
        return f64::NAN;
    }
    // SAFETY: not NULL, and the caller promised a live handle.
    unsafe { &*summary }.mean()
}

/// Exported to C as `void oxi_summary_free(Summary *summary)`.
///
/// Takes back a summary that [`oxi_summary_new`] handed out, and frees it. NULL is accepted
/// and does nothing, like C's `free(NULL)`.
///
/// # Safety
/// `summary` is NULL or a handle from [`oxi_summary_new`] that has not been freed yet. It must
/// not be used after this call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oxi_summary_free(summary: *mut Summary) {
    if !summary.is_null() {
        // SAFETY: the caller promised the handle came from oxi_summary_new and is freed once.
        // The Box owns the Summary again; dropping it runs Summary's drop and frees the memory.
        drop(unsafe { Box::from_raw(summary) });
    }
}

// ---------------------------------------------------------------------------------------------
// Given: you do not need to change anything below this line.
// ---------------------------------------------------------------------------------------------

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many `Summary` values exist right now: one more in `new`, one fewer in `drop`.
static LIVE_SUMMARIES: AtomicUsize = AtomicUsize::new(0);

/// Exported to C as `size_t oxi_live_summaries(void)`: the summaries made and not yet dropped.
#[unsafe(no_mangle)]
pub extern "C" fn oxi_live_summaries() -> usize {
    LIVE_SUMMARIES.load(Ordering::SeqCst)
}

/// The running count and mean of the numbers pushed into it. Plain Rust: C sees only a pointer
/// to one (an opaque handle), never its fields, so it needs no `#[repr(C)]`.
#[derive(Debug)]
pub struct Summary {
    count: u64,
    total: f64,
}

impl Summary {
    /// An empty summary (counted in [`oxi_live_summaries`] until it is dropped).
    pub fn new() -> Summary {
        LIVE_SUMMARIES.fetch_add(1, Ordering::SeqCst);
        Summary {
            count: 0,
            total: 0.0,
        }
    }

    /// Adds one value.
    pub fn push(&mut self, value: f64) {
        self.count += 1;
        self.total += value;
    }

    /// How many values were pushed.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The mean of the values pushed; NaN when there are none.
    pub fn mean(&self) -> f64 {
        if self.count == 0 {
            f64::NAN
        } else {
            self.total / self.count as f64
        }
    }
}

impl Default for Summary {
    fn default() -> Self {
        Summary::new()
    }
}

impl Drop for Summary {
    fn drop(&mut self) {
        LIVE_SUMMARIES.fetch_sub(1, Ordering::SeqCst);
    }
}
