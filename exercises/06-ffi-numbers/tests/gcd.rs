//! The plain Rust function behind `oxi_gcd`.
use ffi_numbers::gcd;

#[test]
fn finds_the_greatest_common_divisor_of_small_numbers() {
    assert_eq!(gcd(12, 18), 6);
}

#[test]
fn treats_zero_as_divisible_by_everything() {
    assert_eq!(gcd(0, 7), 7);
    assert_eq!(gcd(7, 0), 7);
    assert_eq!(gcd(0, 0), 0);
}

#[test]
fn works_on_numbers_that_need_all_64_bits() {
    assert_eq!(gcd(3 << 62, 2 << 62), 1 << 62);
}
