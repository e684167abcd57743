//! Exercise 5.3: read Python's bytes where they are.
//!
//! A `bytes` object keeps its contents in one block of memory that never changes. A Rust function
//! can read that block in place, as a `&[u8]`, for as long as it holds the object: no copy, no
//! allocation, however large the data. The type of the argument decides it: with `&[u8]` PyO3
//! hands over a slice of the object's own memory; with `Vec<u8>` it first copies every byte into
//! a new Rust buffer.
//!
//! So that the tests can see copies, this module counts the memory its Rust code allocates
//! (`allocation_peak()`), with a global allocator that wraps the system's. That part is given:
//! it is the tests' instrument, not the exercise.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use pyo3::prelude::*;

/// The system allocator, counting on the side, per thread, the bytes allocated and the most
/// allocated at any moment. Per thread, so that other threads (the Rust tests run in parallel)
/// do not count in a measurement.
struct CountingAllocator;

/// What the current thread's counters say: bytes allocated now (minus those it freed, which may
/// have been allocated elsewhere, hence signed), the most at any moment, and the level at the
/// last reset.
#[derive(Clone, Copy)]
struct Counters {
    allocated: isize,
    peak: isize,
    baseline: isize,
}

thread_local! {
    // `const`: a plain cell, no lazy initialisation, so the allocator never allocates for it.
    static COUNTERS: Cell<Counters> = const {
        Cell::new(Counters { allocated: 0, peak: 0, baseline: 0 })
    };
}

fn count(change: isize) {
    // `try_with`: while a thread is being torn down its counters may be gone; then don't count.
    let _ = COUNTERS.try_with(|counters| {
        let mut now = counters.get();
        now.allocated += change;
        now.peak = now.peak.max(now.allocated);
        counters.set(now);
    });
}

// SAFETY: every call goes to `System`, which upholds `GlobalAlloc`'s contract; the counters on
// the side never touch the memory.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Starts a new measurement for `allocation_peak` on this thread.
pub fn reset_allocation_peak() {
    COUNTERS.with(|counters| {
        let mut now = counters.get();
        now.baseline = now.allocated;
        now.peak = now.allocated;
        counters.set(now);
    });
}

/// The most bytes this thread's Rust code held at once since `reset_allocation_peak`, beyond
/// what it held at the reset.
pub fn allocation_peak() -> usize {
    let now = COUNTERS.with(Cell::get);
    (now.peak - now.baseline).max(0) as usize
}

/// `zero_copy.reset_allocation_peak()` in Python.
#[pyfunction(name = "reset_allocation_peak")]
fn py_reset_allocation_peak() {
    reset_allocation_peak();
}

/// `zero_copy.allocation_peak()` in Python.
#[pyfunction(name = "allocation_peak")]
fn py_allocation_peak() -> usize {
    allocation_peak()
}

/// The Adler-32 checksum of `data` (RFC 1950, what `zlib.adler32` computes): `a` is 1 plus the
/// sum of the bytes, `b` the sum of every intermediate `a`, both modulo 65521; the checksum is
/// `b << 16 | a`.
pub fn adler32(data: &[u8]) -> u32 {
    let _ = data;
    todo!(
        "return the Adler-32 checksum of `data`: two running sums modulo 65521, `a` starting at \
         1 and `b` at 0, combined as `b << 16 | a`"
    )
}

/// `zero_copy.adler32(data)` in Python, for a `bytes` object of any size.
// TODO: with `Vec<u8>` as its type, PyO3 copies all of `data` into a new Rust buffer before this
// function even starts: 100 MB of bytes, 100 MB more memory. Change the argument's type so that
// it borrows the bytes object's own memory instead (and pass it on without copying).
#[pyfunction(name = "adler32")]
fn py_adler32(data: Vec<u8>) -> u32 {
    adler32(&data)
}

/// The Python module `zero_copy`.
#[pymodule]
mod zero_copy {
    // TODO: export `py_adler32` here too, once it borrows its argument.
    #[pymodule_export]
    use super::{py_allocation_peak, py_reset_allocation_peak};
}
