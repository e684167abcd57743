//! Exercise 3.8: a container, indexed like a list and like a dict.
//!
//! `Row(["id", "x", "y"], [7, 3, -4])` is one row of a table, like `sqlite3.Row`: its values in
//! column order. Python code can ask for a value by position (`row[0]`, `row[-1]`), for several
//! by a slice (`row[::-1]`, a list), or for one by column name (`row["x"]`), and can change
//! one the same ways. `len`, `in`, and even `for` and `list()` work, through the dunder methods
//! of the sequence and mapping protocols.

use pyo3::exceptions::{PyIndexError, PyKeyError, PyTypeError, PyValueError};
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
        let len = self.values.len();
        if index < 0 {
            len.checked_sub(index.unsigned_abs())
        } else {
            let index = index.unsigned_abs();
            (index < len).then_some(index)
        }
    }

    /// The position of the column called `name`, if there is one.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|column| column == name)
    }

    /// The position `key` names, an int or a column name; IndexError or KeyError if there is
    /// none.
    pub fn slot(&self, key: Key<'_>) -> PyResult<usize> {
        match key {
            Key::Index(index) => self
                .position(index)
                .ok_or_else(|| PyIndexError::new_err("Row index out of range")),
            Key::Name(name) => self.column(&name).ok_or_else(|| PyKeyError::new_err(name)),
            Key::Slice(_) => Err(PyTypeError::new_err(
                "a Row has one value per column: it cannot take a slice assignment",
            )),
        }
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

    /// `len(row)`: how many values.
    pub fn __len__(&self) -> usize {
        self.values.len()
    }

    /// `row[i]`, `row[start:stop:step]` or `row["name"]`.
    fn __getitem__(&self, key: Key<'_>) -> PyResult<Item> {
        if let Key::Slice(slice) = &key {
            // A Vec never holds more than isize::MAX items, so the length fits an isize.
            let indices = slice.indices(self.values.len() as isize)?;
            let picked = (0..indices.slicelength)
                .map(|i| {
                    let at = indices.start + indices.step * i as isize;
                    self.values[at as usize]
                })
                .collect();
            return Ok(Item::Many(picked));
        }
        Ok(Item::One(self.values[self.slot(key)?]))
    }

    /// `row[i] = value` or `row["name"] = value`.
    fn __setitem__(&mut self, key: Key<'_>, value: i64) -> PyResult<()> {
        let at = self.slot(key)?;
        self.values[at] = value;
        Ok(())
    }

    /// `value in row`: is it one of the values?
    fn __contains__(&self, value: i64) -> bool {
        self.values.contains(&value)
    }
}

/// The Python module `py_container`.
#[pymodule]
mod py_container {
    #[pymodule_export]
    use super::Row;
}
