use numpy::ndarray::{Array1, array, s};
use numpy_arrays::{clip, cumulative_sum, row_sums};

#[test]
fn cumulative_sum_adds_up_as_it_goes() {
    let values = array![1.0, 2.0, 3.5, -4.0];
    assert_eq!(cumulative_sum(values.view()), array![1.0, 3.0, 6.5, 2.5]);
}

#[test]
fn cumulative_sum_of_nothing_is_empty() {
    let values: Array1<f64> = array![];
    assert_eq!(cumulative_sum(values.view()).len(), 0);
}

#[test]
fn cumulative_sum_follows_the_strides_of_a_view_that_skips_elements() {
    let values = array![1.0, 100.0, 2.0, 100.0, 3.0];
    let every_second = values.slice(s![..;2]);
    assert_eq!(cumulative_sum(every_second), array![1.0, 3.0, 6.0]);
}

#[test]
fn row_sums_add_up_each_row() {
    let matrix = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    assert_eq!(row_sums(matrix.view()), array![6.0, 15.0]);
}

#[test]
fn row_sums_of_a_transposed_view_add_up_its_rows() {
    let matrix = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    assert_eq!(row_sums(matrix.t()), array![5.0, 7.0, 9.0]);
}

#[test]
fn clip_writes_into_the_array_behind_the_view() {
    let mut values = array![-2.0, 0.5, 3.0, f64::NAN];
    clip(values.view_mut(), 0.0, 1.0);
    assert_eq!(values.slice(s![..3]), array![0.0, 0.5, 1.0]);
    assert!(values[3].is_nan(), "NaN stays NaN, as in numpy.clip");
}

#[test]
fn clip_through_a_strided_view_leaves_the_skipped_elements_alone() {
    let mut values = array![5.0, 5.0, -5.0, -5.0, 5.0];
    clip(values.slice_mut(s![..;2]), -1.0, 1.0);
    assert_eq!(values, array![1.0, 5.0, -1.0, -5.0, 1.0]);
}
