use pyo3::prelude::*;

#[test]
fn the_native_module_says_the_version_that_cargo_toml_gives() {
    Python::initialize();
    Python::attach(|py| {
        let module = pyo3::wrap_pymodule!(ship_a_wheel::_native)(py).into_bound(py);
        let version = module
            .getattr("__version__")
            .expect("the module has no __version__ attribute");
        assert_eq!(
            version.extract::<String>().unwrap(),
            env!("CARGO_PKG_VERSION")
        );
    });
}
