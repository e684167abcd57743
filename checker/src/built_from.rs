//! What a checker binary is built from: the files of the checker's folder that its build reads
//! (`Cargo.toml` and everything under `src/`), each with its SHA-256. The build script records
//! them into the binary; an installed checker compares them with the course's (`installed`).
//! Shared with `build.rs`, so it needs nothing but std and sha2.

use std::path::Path;

use sha2::{Digest, Sha256};

/// The checker's sources in `checker_dir`: (path relative to it, with `/`, SHA-256 in hex), in
/// path order. A file that cannot be read counts as empty.
pub fn sources_of(checker_dir: &Path) -> Vec<(String, String)> {
    let mut relative = vec!["Cargo.toml".to_string()];
    files_beneath(checker_dir, "src", &mut relative);
    relative.sort();
    relative
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(checker_dir.join(&path)).unwrap_or_default();
            let digest = sha256_hex(&bytes);
            (path, digest)
        })
        .collect()
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Every file beneath `checker_dir/folder`, pushed as a path relative to `checker_dir`.
fn files_beneath(checker_dir: &Path, folder: &str, found: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(checker_dir.join(folder)) else {
        return;
    };
    for entry in entries.flatten() {
        let relative = format!("{folder}/{}", entry.file_name().to_string_lossy());
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => files_beneath(checker_dir, &relative, found),
            Ok(kind) if kind.is_file() => found.push(relative),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_manifest_and_every_file_under_src_are_listed_in_path_order_with_their_digest() {
        let checker = tempfile::tempdir().unwrap();
        let src = checker.path().join("src");
        std::fs::create_dir_all(src.join("commands")).unwrap();
        std::fs::create_dir_all(checker.path().join("tests")).unwrap();
        for path in [
            "Cargo.toml",
            "src/main.rs",
            "src/commands/check.rs",
            "tests/t.rs",
        ] {
            std::fs::write(checker.path().join(path), "").unwrap();
        }
        std::fs::write(src.join("main.rs"), "fn main() {}\n").unwrap();
        let sources = super::sources_of(checker.path());
        let paths: Vec<&str> = sources.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            ["Cargo.toml", "src/commands/check.rs", "src/main.rs"]
        );
        // SHA-256 of nothing, and of something else.
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(sources[0].1, empty);
        assert_ne!(sources[2].1, empty);
    }
}
