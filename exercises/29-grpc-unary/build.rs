//! Compiles `proto/wordstats.proto` into Rust at build time, with no `protoc` on the machine:
//! protox (a protobuf compiler written in Rust) parses it, tonic-prost-build writes the code.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let descriptors = protox::compile(["wordstats.proto"], ["proto"])?;
    tonic_prost_build::configure().compile_fds(descriptors)?;
    println!("cargo:rerun-if-changed=proto");
    Ok(())
}
