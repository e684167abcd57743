//! Lets `cargo test` find libpython at run time: the Rust tests are ordinary executables that
//! link the Python interpreter, unlike the extension module that Python itself loads.
fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
