use zero_copy::{adler32, allocation_peak, reset_allocation_peak};

#[test]
fn the_checksum_of_nothing_is_one() {
    assert_eq!(adler32(b""), 1);
}

#[test]
fn matches_the_checksums_of_rfc_1950() {
    // The example everyone quotes, and a single byte: a = 1 + 97, b = a.
    assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    assert_eq!(adler32(b"a"), 0x0062_0062);
}

#[test]
fn keeps_both_sums_below_the_modulus_over_a_megabyte() {
    let data = vec![0xFF_u8; 1 << 20];
    let checksum = adler32(&data);
    assert!((checksum & 0xFFFF) < 65521 && (checksum >> 16) < 65521);
    // Computed with Python's zlib.adler32(b"\xff" * 2**20).
    assert_eq!(checksum, 0x8E88_EF11);
}

#[test]
fn reads_a_slice_without_allocating() {
    let data = vec![7_u8; 4 << 20];
    reset_allocation_peak();
    let checksum = adler32(&data);
    assert!(
        allocation_peak() < 4096,
        "adler32 allocated {} bytes",
        allocation_peak()
    );
    assert_ne!(checksum, 0);
}
