//! Records what this checker is built from (see `src/built_from.rs`), for an installed checker
//! to tell whether the course's checker is still the one it was built from.

#[path = "src/built_from.rs"]
mod built_from;

fn main() {
    let checker_dir = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let entries: String = built_from::sources_of(&checker_dir)
        .into_iter()
        .map(|(path, digest)| format!("    ({path:?}, {digest:?}),\n"))
        .collect();
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    std::fs::write(
        out.join("built_from.rs"),
        format!("pub const BUILT_FROM: &[(&str, &str)] = &[\n{entries}];\n"),
    )
    .unwrap();
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed=Cargo.toml");
}
