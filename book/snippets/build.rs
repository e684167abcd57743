//! Lets `cargo test` find libpython at run time (the tests embed the interpreter).
fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
