"""Release builds of the course's reference solutions, in a copy of the repository.

The reader's own exercises are neither used nor touched: the repository is copied to
target/bench-src (without target/, .venv/, .git/), every `solutions/NN-id/` laid over its
exercise, and that copy is built. Compiled dependencies stay in target/bench (cargo) and
target/bench-maturin (maturin), so only the first run compiles them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
CARGO_TARGET = REPO / "target" / "bench"
MATURIN_TARGET = REPO / "target" / "bench-maturin"
SOURCES = REPO / "target" / "bench-src"  # the copy that is built
SKIP_WHEN_COPYING = {"target", ".venv", ".git", "__pycache__", ".pytest_cache", ".oxidize"}
EXE = ".exe" if os.name == "nt" else ""

# The crates the bridges of chapters 1, 2 and 4 need, built with `cargo build --release`
# (grpc-stream: the Rust row of the "Rust or Go?" section, oxbench/servers.py).
CARGO_PACKAGES = ["first-word", "word-tally", "ffi-numbers", "ffi-strings", "ffi-stats", "grpc-unary", "grpc-stream"]
# The parallel control: a crate of the benchmark's own (bench/control), pure Rust, no deps.
CONTROL = Path("bench") / "control" / "Cargo.toml"


def progress(message: str) -> None:
    """Progress goes to stderr, so that stdout holds only the Markdown report."""
    print(message, file=sys.stderr, flush=True)


def shared_library(name: str) -> str:
    """The file name cargo gives a cdylib called `name` on this platform."""
    if sys.platform == "win32":
        return f"{name}.dll"
    if sys.platform == "darwin":
        return f"lib{name}.dylib"
    return f"lib{name}.so"


def run_checked(command: list, **kwargs) -> subprocess.CompletedProcess:
    progress("$ " + " ".join(str(part) for part in command))
    result = subprocess.run(command, **kwargs)
    if result.returncode != 0:
        sys.exit(f"failed (exit code {result.returncode}): {' '.join(map(str, command))}")
    return result


def find_maturin() -> str:
    here = Path(sys.executable).parent / f"maturin{EXE}"
    found = str(here) if here.exists() else shutil.which("maturin")
    if not found:
        sys.exit("maturin not found: bench/requirements.txt installs it into target/bench-venv; "
                 "run the benchmark as `python3 bench/run.py`, which sets that venv up")
    return found


def exercise_folders() -> dict[str, str]:
    """Exercise id -> its folder under exercises/, from course.toml (the one list of exercises)."""
    manifest = tomllib.loads((REPO / "course.toml").read_text(encoding="utf-8"))
    return {ex["id"]: Path(ex["path"]).name for ex in manifest.get("exercises", [])}


@dataclass
class Built:
    """Where each built piece is."""

    release: Path  # cargo's release directory: CLI programs and C-ABI libraries
    site_release: Path  # the PyO3 modules, release builds, unpacked wheels
    site_debug: Path  # word_tools, debug build
    stubs: Path  # Python code generated from the gRPC .proto
    control: Path  # the control library (bench/control)
    modules: list[str] = field(default_factory=list)  # PyO3 modules built (import names)
    seconds: float = 0.0

    def program(self, name: str) -> Path:
        return self.release / f"{name}{EXE}"

    def library(self, name: str) -> Path:
        return self.release / shared_library(name)


def desired_files() -> dict[Path, Path]:
    """Relative path in the copy -> the file it comes from: the repository, with every
    `solutions/NN-id/...` file laid over `exercises/NN-id/...`."""
    files: dict[Path, Path] = {}
    for directory, names, filenames in os.walk(REPO):
        names[:] = [n for n in names if n not in SKIP_WHEN_COPYING]
        for name in filenames:
            path = Path(directory) / name
            files[path.relative_to(REPO)] = path
    for path in list(files.values()):
        relative = path.relative_to(REPO)
        if relative.parts[0] == "solutions" and len(relative.parts) > 2:
            files[Path("exercises", *relative.parts[1:])] = path
    return files


def prepare_sources() -> Path:
    """The repository in target/bench-src, the reference solutions laid over the exercises.

    The copy is kept between runs and only files whose content differs are written, so their
    modification time says when they changed: cargo decides what to rebuild by those times, and
    a copy made fresh (or with the original times) could pass off artifacts built from other
    sources, e.g. the untouched exercise, as up to date.
    """
    files = desired_files()
    for relative, origin in files.items():
        target = SOURCES / relative
        data = origin.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    for directory, _names, filenames in os.walk(SOURCES):
        for name in filenames:
            path = Path(directory) / name
            if path.relative_to(SOURCES) not in files:
                path.unlink()
    return SOURCES


def build(work: Path, pyo3_modules: dict[str, str]) -> Built:
    """Builds what the benchmark calls. `pyo3_modules`: import name -> exercise id."""
    started = time.perf_counter()
    progress(f"copying the sources, the solutions laid over the exercises, to {SOURCES}")
    src = prepare_sources()
    env = dict(os.environ, CARGO_TARGET_DIR=str(CARGO_TARGET))
    command = ["cargo", "build", "--release", "--quiet"]
    for package in CARGO_PACKAGES:
        command += ["-p", package]
    run_checked(command, cwd=src, env=env)
    run_checked(["cargo", "build", "--release", "--quiet", "--manifest-path", str(src / CONTROL)],
                cwd=src, env=env)

    folders = exercise_folders()
    maturin = find_maturin()
    env = dict(os.environ, CARGO_TARGET_DIR=str(MATURIN_TARGET))
    env.pop("VIRTUAL_ENV", None)  # maturin build installs nothing; keep it from looking around
    built_modules, sites = [], {}
    wanted = {"release": pyo3_modules, "debug": {"word_tools": "word-tools"}}
    for profile, modules in wanted.items():
        wheels, site = work / "wheels" / profile, work / f"site-{profile}"
        for module, exercise in modules.items():
            if exercise not in folders:
                progress(f"  ({exercise} is not in course.toml: its cases are skipped)")
                continue
            manifest = src / "exercises" / folders[exercise] / "Cargo.toml"
            command = [maturin, "build", "--quiet", "-m", str(manifest), "--interpreter",
                       sys.executable, "--out", str(wheels)]
            command += ["--release"] if profile == "release" else []
            run_checked(command, cwd=src, env=env, stdout=subprocess.DEVNULL)
            if profile == "release":
                built_modules.append(module)
        for wheel in wheels.glob("*.whl"):
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(site)
        sites[profile] = site

    stubs = work / "stubs"
    stubs.mkdir()
    proto = src / "exercises" / folders["grpc-unary"] / "proto"
    run_checked([sys.executable, "-m", "grpc_tools.protoc", f"-I{proto}", f"--python_out={stubs}",
                 f"--grpc_python_out={stubs}", str(proto / "wordstats.proto")])
    release = CARGO_TARGET / "release"
    built = Built(release=release, site_release=sites["release"], site_debug=sites["debug"],
                  stubs=stubs, control=release / shared_library("bench_control"),
                  modules=built_modules)
    built.seconds = time.perf_counter() - started
    progress(f"built in {built.seconds:.0f} s")
    return built
