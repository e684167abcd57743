//! Rust threads have no GIL: they share the classes the way free-threaded Python does.

use std::sync::Barrier;
use std::thread;

use free_threading::{Counter, Histogram};

const THREADS: usize = 8;

#[test]
fn a_counter_starts_at_zero_and_returns_each_new_count() {
    let counter = Counter::new();
    assert_eq!(counter.value(), 0);
    assert_eq!(counter.add(1), 1);
    assert_eq!(counter.add(5), 6);
    assert_eq!(counter.value(), 6);
}

#[test]
fn a_counter_loses_no_addition_when_eight_threads_add_at_once() {
    // Rounds started together at the barrier, each long enough (thousands of additions) that the
    // threads woken last still find the first ones adding: they overlap on every core there is,
    // even when the machine has only two and other work to do.
    const ROUNDS: u64 = 40;
    const ADDS: u64 = 20_000;
    let counter = Counter::new();
    let round = Barrier::new(THREADS);
    let seen: Vec<u64> = thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    let mut seen = Vec::new();
                    for _ in 0..ROUNDS {
                        round.wait();
                        seen.extend((0..ADDS).map(|_| counter.add(1)));
                    }
                    seen
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let total = THREADS as u64 * ROUNDS * ADDS;
    assert_eq!(counter.value(), total, "additions were lost");
    // Each addition saw a count of its own: no two threads both read 41 and both wrote 42.
    let mut returned = vec![false; total as usize + 1];
    for count in seen {
        let slot = &mut returned[count as usize];
        assert!(!*slot, "two additions returned the same count, {count}");
        *slot = true;
    }
}

#[test]
fn a_histogram_puts_each_value_in_its_bucket() {
    let histogram = Histogram::new(vec![10, 100, 1000]).unwrap();
    for value in [0, 10, 11, 100, 101, 1000, 5000] {
        histogram.observe(value);
    }
    histogram.observe_all(&[7, 2000]);
    assert_eq!(
        histogram.snapshot(),
        (
            vec![3, 2, 2, 2],
            9,
            0 + 10 + 11 + 100 + 101 + 1000 + 5000 + 7 + 2000
        )
    );
}

/// The value the `i`th observation of thread `t` records: spread over every bucket.
fn value(t: usize, i: usize) -> u64 {
    ((t * 7919 + i * 104_729) % 2000) as u64
}

fn expected(bounds: &[u64], values: impl Iterator<Item = u64>) -> (Vec<u64>, u64, u64) {
    let mut counts = vec![0; bounds.len() + 1];
    let (mut count, mut sum) = (0, 0);
    for v in values {
        counts[bounds.iter().take_while(|&&b| b < v).count()] += 1;
        count += 1;
        sum += v;
    }
    (counts, count, sum)
}

#[test]
fn a_histogram_counts_every_value_that_eight_threads_observe_at_once() {
    const EACH: usize = 5_000;
    let bounds = vec![10, 100, 500, 1000];
    let histogram = Histogram::new(bounds.clone()).unwrap();
    let start = Barrier::new(THREADS);
    thread::scope(|scope| {
        for t in 0..THREADS {
            let (histogram, start) = (&histogram, &start);
            scope.spawn(move || {
                start.wait();
                for i in 0..EACH / 2 {
                    histogram.observe(value(t, i));
                }
                let rest: Vec<u64> = (EACH / 2..EACH).map(|i| value(t, i)).collect();
                for chunk in rest.chunks(100) {
                    histogram.observe_all(chunk);
                }
            });
        }
    });
    let all = (0..THREADS).flat_map(|t| (0..EACH).map(move |i| value(t, i)));
    assert_eq!(histogram.snapshot(), expected(&bounds, all));
}

#[test]
fn a_histogram_snapshot_taken_while_threads_write_always_adds_up() {
    let histogram = Histogram::new(vec![100, 1000]).unwrap();
    let start = Barrier::new(THREADS + 1);
    let snapshots = thread::scope(|scope| {
        for t in 0..THREADS {
            let (histogram, start) = (&histogram, &start);
            scope.spawn(move || {
                start.wait();
                for i in 0..5_000 {
                    histogram.observe(value(t, i));
                }
            });
        }
        start.wait();
        (0..2_000).map(|_| histogram.snapshot()).collect::<Vec<_>>()
    });
    let mut last = 0;
    for (counts, count, _) in snapshots {
        assert_eq!(
            counts.iter().sum::<u64>(),
            count,
            "a snapshot's buckets {counts:?} do not add up to its count {count}"
        );
        assert!(count >= last, "the count went back from {last} to {count}");
        last = count;
    }
}
