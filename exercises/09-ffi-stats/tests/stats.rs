//! The plain Rust function behind `oxi_stats`.
use ffi_stats::stats;

#[test]
fn counts_and_averages_the_values() {
    let s = stats(&[1.0, 2.0, 3.0, 6.0]);
    assert_eq!(s.count, 4);
    assert_eq!(s.mean, 3.0);
}

#[test]
fn finds_the_smallest_and_the_largest_value() {
    let s = stats(&[2.5, -7.0, 10.25, 0.0]);
    assert_eq!((s.min, s.max), (-7.0, 10.25));
}

#[test]
fn gives_a_count_of_zero_and_nan_for_no_values() {
    let s = stats(&[]);
    assert_eq!(s.count, 0);
    assert!(s.mean.is_nan() && s.min.is_nan() && s.max.is_nan());
}
