#!/usr/bin/env bash
# Runs once when the container is created: what the README asks of a learner's machine, then
# the checker built and `doctor` run, so the first `cargo checker check` starts on the exercise.
set -euo pipefail
sudo apt-get update -q
# python3-dev: the Rust tests of PyO3 exercises link libpython. bubblewrap: the checker's
# sandbox. Inside a container without user namespaces bubblewrap cannot start, and `doctor`
# says what the checker then cannot enforce; a learner's own checks still run.
sudo apt-get install -y -q python3 python3-venv python3-dev bubblewrap
cargo install mdbook --version 0.5.4 --locked
cargo build -p checker
cargo checker doctor || true
