#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image (Ubuntu), with
# the autograder's files in /autograder/source: the pristine course `cargo checker handout
# --for gradescope` wrote. What it installs and compiles stays in the image, so a submission's
# grade only builds the learner's own code.
set -euo pipefail
source_dir="${AUTOGRADER:-/autograder}/source"

# A C linker for Rust, git (the checker reads the graded commit), and Python with venv:
# Ubuntu's python3 cannot `python3 -m venv` without python3-venv, and the checker makes one.
if command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends \
        build-essential ca-certificates curl git python3 python3-venv
fi

# Rust from rustup: the stable toolchain, its minimal profile, no prompt; the shell profile is
# left alone (run_autograder reads ~/.cargo/env itself).
if ! [ -x "$HOME/.cargo/bin/cargo" ] && ! command -v cargo >/dev/null; then
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
        sh -s -- -y --profile minimal --default-toolchain stable --no-modify-path
fi
# shellcheck source=/dev/null
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

cd "$source_dir"
cargo build --locked --release -p checker
# One grade of the untouched course compiles every dependency (pyo3, tonic, numpy...) and
# makes the Python environment; every exercise scores 0 here, there being nothing to solve them.
args=(--course . grade --tests-from . --jobs 2 --format json --output /tmp/oxidize-warm-up.json)
# exercises.txt (from `handout --only`): the exercises this assignment grades, one id a line.
if [ -f exercises.txt ]; then
    mapfile -t only < <(grep -v -e '^[[:space:]]*$' -e '^#' exercises.txt)
    if [ ${#only[@]} -gt 0 ]; then args+=(--only "${only[@]}"); fi
fi
target/release/checker "${args[@]}" > /dev/null
echo "setup.sh: the checker is built and the course's dependencies are compiled"
