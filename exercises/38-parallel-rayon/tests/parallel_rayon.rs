use std::time::Duration;

use parallel_rayon::{Checkpoint, count_primes_in, count_primes_parallel};

#[test]
fn counts_the_primes_below_small_limits() {
    let counts: Vec<u64> = [0, 1, 2, 3, 5, 10, 100]
        .map(|limit| count_primes_parallel(limit, None))
        .to_vec();
    assert_eq!(counts, [0, 0, 0, 1, 2, 4, 25]);
}

#[test]
fn gives_the_same_count_as_one_thread() {
    for limit in [1_000, 12_345, 100_000] {
        assert_eq!(
            count_primes_parallel(limit, None),
            count_primes_in(0..limit, None)
        );
    }
}

#[test]
fn two_pieces_run_at_the_same_time() {
    let checkpoint = Checkpoint::new(2, false, Duration::from_secs(10));
    assert_eq!(count_primes_parallel(50_000, Some(&checkpoint)), 5_133);
    assert!(
        checkpoint.met(),
        "the first piece waited 10 s at the checkpoint for a second one that never came: \
         are the pieces counted in parallel (into_par_iter) on pool()?"
    );
}
