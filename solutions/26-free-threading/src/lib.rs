//! Exercise 3.15: classes that many threads may use at once, with or without a GIL.
//!
//! On free-threaded CPython (3.13t, 3.14t) no GIL takes turns between Python threads: two
//! threads can be inside the same method of the same object at the same moment, exactly like
//! two Rust threads sharing a `&T`. So a class shared by threads protects its own state:
//! `#[pyclass(frozen)]` (Python gets only `&self`, never `&mut self`) with atomics or a `Mutex`
//! inside. The Rust tests in `tests/` hammer these classes from Rust threads, which never had a
//! GIL: what they check is what free-threaded Python does to your class.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A count that many threads add to at once: requests served, bytes read.
#[pyclass(frozen, module = "free_threading")]
pub struct Counter {
    value: AtomicU64,
}

#[pymethods]
impl Counter {
    /// `Counter()` in Python: starts at 0.
    #[new]
    pub fn new() -> Self {
        Counter {
            value: AtomicU64::new(0),
        }
    }

    /// Adds `n` (1 unless given) and returns the count just after this addition.
    #[pyo3(signature = (n = 1))]
    pub fn add(&self, n: u64) -> u64 {
        // One indivisible read-add-write: no other thread's addition can slip in between.
        self.value.fetch_add(n, Ordering::Relaxed).wrapping_add(n)
    }

    /// The count now: `counter.value` in Python.
    #[getter]
    pub fn value(&self) -> u64 {
        self.value.load(Ordering::Relaxed)
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
#[pyclass(frozen, module = "free_threading")]
pub struct Histogram {
    bounds: Vec<u64>,
    // One lock around everything that changes together, so that no reader ever sees a value
    // counted in its bucket but not yet in `count`.
    tally: Mutex<Tally>,
}

impl Histogram {
    /// Which bucket `value` falls in.
    pub fn bucket_of(&self, value: u64) -> usize {
        self.bounds.partition_point(|&bound| bound < value)
    }

    /// Counts every value of `values`. Plain Rust: it runs with the GIL released.
    pub fn observe_all(&self, values: &[u64]) {
        // Work out the buckets first, then hold the lock only to add the results in.
        let mut batch = Tally::new(self.bounds.len() + 1);
        for &value in values {
            batch.counts[self.bucket_of(value)] += 1;
            batch.sum = batch.sum.wrapping_add(value);
        }
        batch.count = values.len() as u64;
        let mut tally = self.tally.lock().unwrap();
        for (total, added) in tally.counts.iter_mut().zip(&batch.counts) {
            *total += added;
        }
        tally.count += batch.count;
        tally.sum = tally.sum.wrapping_add(batch.sum);
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
        let buckets = bounds.len() + 1;
        Ok(Histogram {
            bounds,
            tally: Mutex::new(Tally::new(buckets)),
        })
    }

    /// The upper bounds of the buckets, as given.
    #[getter]
    pub fn bounds(&self) -> Vec<u64> {
        self.bounds.clone()
    }

    /// Counts one value.
    pub fn observe(&self, value: u64) {
        let bucket = self.bucket_of(value);
        let mut tally = self.tally.lock().unwrap();
        tally.counts[bucket] += 1;
        tally.count += 1;
        tally.sum = tally.sum.wrapping_add(value);
    }

    /// Counts every value of a list, with the GIL released meanwhile: other Python threads run,
    /// and other threads' calls run in parallel with this one even on a GIL-enabled Python.
    pub fn observe_many(&self, py: Python<'_>, values: Vec<u64>) {
        py.detach(|| self.observe_all(&values))
    }

    /// `(counts, count, sum)`, all three as of one moment.
    pub fn snapshot(&self) -> (Vec<u64>, u64, u64) {
        let tally = self.tally.lock().unwrap();
        (tally.counts.clone(), tally.count, tally.sum)
    }
}

/// The Python module `free_threading`. `gil_used = false` tells a free-threaded Python that
/// this module is safe without the GIL, so importing it leaves the GIL off.
#[pymodule(gil_used = false)]
mod free_threading {
    #[pymodule_export]
    use super::{Counter, Histogram};
}
