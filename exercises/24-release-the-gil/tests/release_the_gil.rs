use release_the_gil::count_primes;

#[test]
fn finds_no_prime_below_two() {
    assert_eq!(count_primes(0), 0);
    assert_eq!(count_primes(1), 0);
    assert_eq!(count_primes(2), 0);
}

#[test]
fn counts_the_primes_below_small_limits() {
    assert_eq!(count_primes(3), 1);
    assert_eq!(count_primes(10), 4);
    assert_eq!(count_primes(11), 4);
    assert_eq!(count_primes(12), 5);
    assert_eq!(count_primes(100), 25);
}

#[test]
fn counts_the_primes_below_a_million() {
    assert_eq!(count_primes(1_000_000), 78_498);
}
