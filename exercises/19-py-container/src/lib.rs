//! Exercise 3.8: a container, indexed like a list and like a dict.
//!
//! `Row(["id", "x", "y"], [7, 3, -4])` is one row of a table, like `sqlite3.Row`: its values in
//! column order. Python code can ask for a value by position (`row[0]`, `row[-1]`), for several
//! by a slice (`row[::-1]`, a list), or for one by column name (`row["x"]`), and can change
//! one the same ways. `len`, `in`, and even `for` and `list()` work, through the dunder methods
//! of the sequence and mapping protocols.

// What you will need: pyo3::exceptions::{PyIndexError, PyKeyError, PyTypeError}.
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PySlice;

/// What Python put between the brackets of `row[...]`. PyO3 tries the variants in order, and
/// raises `TypeError` for anything that is none of them (a float, a tuple...).
#[derive(FromPyObject)]
pub enum Key<'py> {
    /// An int: a position, counted from the end when negative.
    Index(isize),
    /// A slice, `start:stop:step`: several positions.
    Slice(Bound<'py, PySlice>),
    /// A str: a column name.
    Name(String),
}

/// What `row[...]` gives back: one value (an int), or a list of them for a slice.
#[derive(IntoPyObject)]
pub enum Item {
    One(i64),
    Many(Vec<i64>),
}

/// One row of a table: a value for each column, in column order.
#[pyclass(module = "py_container")]
pub struct Row {
    columns: Vec<String>,
    values: Vec<i64>,
}

impl Row {
    /// The position of `index` among the values, counting from the end when it is negative as
    /// Python does (`-1` is the last), or `None` when it is out of range either way.
    pub fn position(&self, index: isize) -> Option<usize> {
        let _ = (index, &self.values);
        todo!(
            "turn a Python index into a position among the values: 0 to len-1 are themselves, -1 \
             is the last value and -len the first; anything further either way is None"
        )
    }

    /// The position of the column called `name`, if there is one.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|column| column == name)
    }

    /// The position `key` names, an int or a column name; IndexError or KeyError if there is
    /// none.
    pub fn slot(&self, key: Key<'_>) -> PyResult<usize> {
        let _ = key;
        todo!(
            "match the key: an Index is its position (IndexError \"Row index out of range\" \
             when there is none), a Name is its column's position (KeyError with the name when \
             there is none); a Slice names no single position: TypeError"
        )
    }
}

#[pymethods]
impl Row {
    /// `Row(columns, values)`: as many values as columns.
    #[new]
    pub fn new(columns: Vec<String>, values: Vec<i64>) -> PyResult<Self> {
        if columns.len() != values.len() {
            return Err(PyValueError::new_err(format!(
                "{} columns but {} values",
                columns.len(),
                values.len()
            )));
        }
        Ok(Row { columns, values })
    }

    /// The column names, in order.
    #[getter]
    pub fn columns(&self) -> Vec<String> {
        self.columns.clone()
    }

    // TODO: make `Row` a container, with the methods of Python's sequence and mapping protocols:
    // - `__len__`, which `len(row)` calls: how many values;
    // - `__getitem__`, which `row[key]` calls, taking a `Key`: one value (`Item::One`) at the
    //   position `slot` finds for an int or a column name; for a slice, the list of the values
    //   at the positions `PySlice::indices` gives for this length (`Item::Many`);
    // - `__setitem__`, which `row[key] = value` calls: the value at the position `slot` finds;
    // - `__contains__`, which `value in row` calls: whether `value` is one of the values.
}

/// The Python module `py_container`.
#[pymodule]
mod py_container {
    #[pymodule_export]
    use super::Row;
}
