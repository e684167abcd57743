//! Exercise 3.9: a class Python can pickle and copy.
//!
//! `Playlist("road trip", [("Intro", 90)])` is a name and a list of tracks, each a title and a
//! length in seconds. Python programs save objects with `pickle` (to a file, a cache, another
//! process: `multiprocessing` pickles every argument it sends) and duplicate them with
//! `copy.copy` and `copy.deepcopy`. Neither module can look inside a Rust object: pickle needs to
//! be told how to make the object again, and copy is quicker when told how to clone it.

use pyo3::prelude::*;
// What you will need: pyo3::types::{PyDict, PyType}.

/// A named list of tracks.
///
// TODO: pickle saves a class by where it is found: its module and its name. PyO3 says the
// module is `builtins` unless told otherwise, and `builtins.Playlist` does not exist. Name the
// real module, `py_pickle`, in the `#[pyclass]` options below.
#[pyclass(eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Playlist {
    name: String,
    tracks: Vec<(String, u32)>,
}

#[pymethods]
impl Playlist {
    /// `Playlist(name, tracks=[])`: `tracks` a list of `(title, seconds)`.
    #[new]
    #[pyo3(signature = (name, tracks = Vec::new()))]
    pub fn new(name: String, tracks: Vec<(String, u32)>) -> Self {
        Playlist { name, tracks }
    }

    /// The playlist's name; it can be changed.
    #[getter]
    pub fn name(&self) -> &str {
        &self.name
    }

    #[setter]
    pub fn set_name(&mut self, name: String) {
        self.name = name;
    }

    /// The tracks, as a new list of `(title, seconds)` tuples.
    #[getter]
    pub fn tracks(&self) -> Vec<(String, u32)> {
        self.tracks.clone()
    }

    /// Adds a track at the end.
    pub fn add(&mut self, title: String, seconds: u32) {
        self.tracks.push((title, seconds));
    }

    /// The length of the whole playlist, in seconds.
    pub fn total_seconds(&self) -> u64 {
        self.tracks
            .iter()
            .map(|(_, seconds)| u64::from(*seconds))
            .sum()
    }

    fn __repr__(&self) -> String {
        format!("Playlist({:?}, {:?})", self.name, self.tracks)
    }

    // TODO: the methods that pickle and copy call:
    // - `__reduce__`, which pickle calls to save the object: a pair of what to call to make it
    //   again (the class, `py.get_type::<Playlist>()`) and the arguments to call it with
    //   (a tuple of the name and the tracks), which pickle saves in turn;
    // - `__copy__`, which `copy.copy` calls: a new Playlist equal to this one;
    // - `__deepcopy__(memo)`, which `copy.deepcopy` calls with its memo dict: a new Playlist
    //   that shares nothing with this one.
}

/// The Python module `py_pickle`.
#[pymodule]
pub mod py_pickle {
    #[pymodule_export]
    use super::Playlist;
}
