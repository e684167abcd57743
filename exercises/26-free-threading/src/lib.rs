//! Exercise 3.15: classes that many threads may use at once, with or without a GIL.
//!
//! On free-threaded CPython (3.13t, 3.14t) no GIL takes turns between Python threads: two
//! threads can be inside the same method of the same object at the same moment, exactly like
//! two Rust threads sharing a `&T`. So a class shared by threads protects its own state:
//! `#[pyclass(frozen)]` (Python gets only `&self`, never `&mut self`) with atomics or a `Mutex`
//! inside. The Rust tests in `tests/` hammer these classes from Rust threads, which never had a
//! GIL: what they check is what free-threaded Python does to your class.

// What you will need: std::sync::Mutex and std::sync::atomic::{AtomicU64, Ordering}.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A count that many threads add to at once: requests served, bytes read.
// TODO: make the class `frozen`, so that Python only ever hands out `&self`.
#[pyclass(module = "free_threading")]
pub struct Counter {
    // TODO: the count, in a type that many threads can add to through `&self` at once.
}

#[pymethods]
impl Counter {
    /// `Counter()` in Python: starts at 0.
    #[new]
    pub fn new() -> Self {
        todo!("return a Counter whose count starts at 0")
    }

    /// Adds `n` (1 unless given) and returns the count just after this addition.
    #[pyo3(signature = (n = 1))]
    pub fn add(&self, n: u64) -> u64 {
        let _ = n;
        todo!(
            "add `n` to the count as one indivisible step (no other thread's addition may slip \
             in between reading and writing it) and return the count just after this addition"
        )
    }

    /// The count now: `counter.value` in Python.
    #[getter]
    pub fn value(&self) -> u64 {
        todo!("return the count as it is now")
    }
}

impl Default for Counter {
    fn default() -> Self {
        Self::new()
    }
}

/// What a histogram has counted so far. Plain data: the `Histogram` keeps it behind a lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// How many values fell in each bucket.
    pub counts: Vec<u64>,
    /// How many values were observed: always the sum of `counts`.
    pub count: u64,
    /// The sum of the values observed.
    pub sum: u64,
}

impl Tally {
    /// Nothing counted yet, in `buckets` buckets.
    pub fn new(buckets: usize) -> Tally {
        Tally {
            counts: vec![0; buckets],
            count: 0,
            sum: 0,
        }
    }
}

/// Counts values (latencies in microseconds, say) by bucket, with their number and sum.
///
/// Bucket `i` holds the values up to `bounds[i]` (and above the bound before it); one more
/// bucket at the end holds the values above the last bound.
// TODO: make the class `frozen`, as `Counter`.
#[pyclass(module = "free_threading")]
pub struct Histogram {
    bounds: Vec<u64>,
    // TODO: the `Tally` (one bucket more than there are bounds), behind a lock: its three fields
    // change together, and no reader may ever see a value counted in its bucket but not yet in
    // `count`.
}

impl Histogram {
    /// Which bucket `value` falls in.
    pub fn bucket_of(&self, value: u64) -> usize {
        self.bounds.partition_point(|&bound| bound < value)
    }

    /// Counts every value of `values`. Plain Rust: it runs with the GIL released.
    pub fn observe_all(&self, values: &[u64]) {
        let _ = values;
        todo!(
            "count every value of `values` (its bucket, the count, the sum) while other threads \
             do the same: take the lock once for the whole batch, or once per value"
        )
    }
}

#[pymethods]
impl Histogram {
    /// `Histogram([10, 100, 1000])` in Python: the bucket bounds, strictly increasing.
    #[new]
    pub fn new(bounds: Vec<u64>) -> PyResult<Self> {
        if bounds.windows(2).any(|pair| pair[0] >= pair[1]) {
            return Err(PyValueError::new_err(
                "the bucket bounds must be strictly increasing",
            ));
        }
        // TODO: also the locked `Tally`, with `bounds.len() + 1` buckets.
        Ok(Histogram { bounds })
    }

    /// The upper bounds of the buckets, as given.
    #[getter]
    pub fn bounds(&self) -> Vec<u64> {
        self.bounds.clone()
    }

    /// Counts one value.
    pub fn observe(&self, value: u64) {
        let _ = (value, self.bucket_of(value));
        todo!("count one value: one more in its bucket (bucket_of), in the count, and in the sum")
    }

    /// Counts every value of a list, with the GIL released meanwhile: other Python threads run,
    /// and other threads' calls run in parallel with this one even on a GIL-enabled Python.
    pub fn observe_many(&self, py: Python<'_>, values: Vec<u64>) {
        py.detach(|| self.observe_all(&values))
    }

    /// `(counts, count, sum)`, all three as of one moment.
    pub fn snapshot(&self) -> (Vec<u64>, u64, u64) {
        todo!(
            "return (counts, count, sum) as of one moment: copies taken while no other thread \
             can change them"
        )
    }
}

/// The Python module `free_threading`.
// TODO: export Counter and Histogram. Then, once their state is safe to share, say so:
// `gil_used = true` declares that this module needs the GIL, which makes a free-threaded Python
// turn the GIL back on (with a RuntimeWarning) when it imports the module.
#[pymodule(gil_used = true)]
mod free_threading {}
