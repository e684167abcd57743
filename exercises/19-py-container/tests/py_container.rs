//! `position`, plain Rust: Python's indices, negative ones too, as positions among the values.

use py_container::Row;

/// A row of `len` values.
fn row_of(len: usize) -> Row {
    let columns = (0..len).map(|i| format!("c{i}")).collect();
    let values = (0..len as i64).collect();
    Row::new(columns, values).expect("as many values as columns")
}

#[test]
fn an_index_from_zero_to_len_minus_one_is_its_own_position() {
    let row = row_of(4);
    for index in 0..4 {
        assert_eq!(row.position(index), Some(index as usize));
    }
}

#[test]
fn a_negative_index_counts_from_the_end() {
    let row = row_of(4);
    assert_eq!(row.position(-1), Some(3), "-1 is the last value");
    assert_eq!(row.position(-4), Some(0), "-len is the first value");
}

#[test]
fn an_index_past_either_end_has_no_position() {
    let row = row_of(4);
    for index in [4, 5, -5, -100, isize::MAX, isize::MIN] {
        assert_eq!(row.position(index), None, "index {index} of 4 values");
    }
    for index in [0, -1] {
        assert_eq!(
            row_of(0).position(index),
            None,
            "index {index} of no values"
        );
    }
}
