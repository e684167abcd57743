"""The wheel that `maturin build --release` makes: its tags, its files, its metadata, and that it
installs and works in a fresh virtual environment where there is no Rust and no source.

The first run builds PyO3 with optimisations and takes a minute or two; later runs reuse it.
"""

import ast
import email.parser
import inspect
import os
import pathlib
import re
import subprocess
import sys
import zipfile

import pytest

import ship_a_wheel._native

# maturin is installed in the course's venv, next to the Python running these tests.
MATURIN = pathlib.Path(sys.executable).with_name("maturin.exe" if os.name == "nt" else "maturin")
BUILD_TIMEOUT = 1200
PACKAGE = "ship_a_wheel"


def _fail(what: str, result: subprocess.CompletedProcess) -> None:
    output = (result.stdout + result.stderr)[-4000:]
    pytest.fail(f"{what} (exit code {result.returncode}):\n{output}", pytrace=False)


def _toml_string(path: pathlib.Path, key: str) -> str:
    """The first `key = "value"` at the start of a line of a TOML file (enough for these two)."""
    match = re.search(rf'^{re.escape(key)}\s*=\s*"([^"]*)"', path.read_text(), re.MULTILINE)
    assert match, f"{path.name} has no {key}"
    return match.group(1)


@pytest.fixture(scope="module")
def wheel(exercise_dir, tmp_path_factory) -> pathlib.Path:
    """Builds the wheel as a release would: `maturin build --release`."""
    out = tmp_path_factory.mktemp("wheels")
    # A target directory of its own, kept between runs: the release build of PyO3 is reused,
    # and the checker's debug builds elsewhere in target/ are left alone. Under the checker, the
    # exercise's scratch space is the one place these tests may write besides a temporary one.
    scratch = os.environ.get("OXIDIZE_SCRATCH")
    if scratch:
        target = pathlib.Path(scratch) / "release"
    else:
        root = os.environ.get("CARGO_TARGET_DIR") or pathlib.Path(exercise_dir).parents[1] / "target"
        target = pathlib.Path(root).resolve() / "ship-a-wheel"
    env = {**os.environ, "CARGO_TARGET_DIR": str(target)}
    result = subprocess.run(
        [str(MATURIN), "build", "--release", "--offline", "--interpreter", sys.executable,
         "--out", str(out)],
        cwd=exercise_dir, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )
    if result.returncode != 0:
        _fail("`maturin build --release` failed", result)
    wheels = sorted(out.glob("*.whl"))
    assert len(wheels) == 1, f"expected one wheel, maturin wrote {[w.name for w in wheels]}"
    return wheels[0]


@pytest.fixture(scope="module")
def fresh_python(wheel, tmp_path_factory) -> pathlib.Path:
    """A new virtual environment with nothing but the wheel installed, from the file alone."""
    venv = tmp_path_factory.mktemp("fresh-venv")
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)],
                          capture_output=True, text=True, timeout=300)
    if made.returncode != 0:
        _fail("`python -m venv` failed", made)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-index", "--disable-pip-version-check",
         str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    if installed.returncode != 0:
        _fail(f"`pip install --no-index {wheel.name}` failed", installed)
    return python


def _dist_info(wheel: pathlib.Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        [path] = [n for n in archive.namelist() if re.fullmatch(rf"[^/]+\.dist-info/{name}", n)]
        return archive.read(path).decode()


def test_the_wheel_is_tagged_for_every_cpython_from_3_9_and_works_in_a_fresh_venv(
    wheel, fresh_python, tmp_path
):
    # name-version-python-abi-platform.whl: cp39-abi3 means CPython 3.9 or later, stable ABI.
    assert "-cp39-abi3-" in wheel.name
    tags = [line.split(":", 1)[1].strip() for line in _dist_info(wheel, "WHEEL").splitlines()
            if line.startswith("Tag:")]
    assert tags and all(tag.startswith("cp39-abi3-") for tag in tags), tags
    # A clean environment, run from an empty directory: only the installed wheel can answer.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    ran = subprocess.run(
        [str(fresh_python), "-c",
         "import ship_a_wheel; print(ship_a_wheel.__file__); "
         "print(ship_a_wheel.slugify('Ship It, Now!')); print(ship_a_wheel.__version__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    if ran.returncode != 0:
        _fail("importing ship_a_wheel from the installed wheel failed", ran)
    where, slug, version = ran.stdout.split("\n")[:3]
    # (resolved: on Windows a temporary path may come back in its short 8.3 form)
    assert pathlib.Path(where).resolve().is_relative_to(fresh_python.parents[1].resolve()), where
    assert (slug, version) == ("ship-it-now", ship_a_wheel._native.__version__)


def test_the_wheel_holds_the_package_its_compiled_module_the_stub_and_py_typed(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    native = [n for n in names if re.fullmatch(rf"{PACKAGE}/_native\.(abi3\.so|pyd)", n)]
    assert native, f"no compiled {PACKAGE}/_native module in the wheel: {sorted(names)}"
    missing = {f"{PACKAGE}/__init__.py", f"{PACKAGE}/_native.pyi", f"{PACKAGE}/py.typed"} - names
    assert missing == set(), f"the wheel lacks these files; it holds {sorted(names)}"


def test_the_metadata_and_the_module_both_give_the_version_of_cargo_toml(wheel, exercise_dir):
    root = pathlib.Path(exercise_dir)
    metadata = email.parser.Parser().parsestr(_dist_info(wheel, "METADATA"))
    assert metadata["Name"] == _toml_string(root / "pyproject.toml", "name")
    assert metadata["Requires-Python"] == _toml_string(root / "pyproject.toml", "requires-python")
    version = _toml_string(root / "Cargo.toml", "version")
    assert metadata["Version"] == version
    assert getattr(ship_a_wheel, "__version__", None) == version, (
        "ship_a_wheel.__version__ should be the version in Cargo.toml, "
        f"but it is {getattr(ship_a_wheel, '__version__', None)!r}"
    )


def test_the_version_is_written_only_in_cargo_toml(exercise_dir):
    # A version typed a second time in the code goes stale at the next release: the module
    # must read Cargo.toml's at compile time instead.
    root = pathlib.Path(exercise_dir)
    version = _toml_string(root / "Cargo.toml", "version")
    sources = [p for p in (root / "src").rglob("*") if p.suffix in (".rs", ".py", ".pyi")]
    typed = [p.relative_to(root).as_posix() for p in sources if version in p.read_text()]
    assert typed == [], (
        f"the version {version} is typed in {typed}: take it from Cargo.toml at compile time"
    )
    assert getattr(ship_a_wheel, "__version__", None) == version


def _stub(exercise_dir) -> ast.Module:
    path = pathlib.Path(exercise_dir, "src", PACKAGE, "_native.pyi")
    assert path.is_file(), f"there is no stub {path}"
    return ast.parse(path.read_text())


def test_every_name_in_the_stub_exists_in_the_native_module(exercise_dir):
    names = []
    for node in _stub(exercise_dir).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    assert "slugify" in names and "__version__" in names, f"the stub declares only {names}"
    assert [n for n in names if not hasattr(ship_a_wheel._native, n)] == []


def test_the_stub_gives_each_function_the_parameters_it_really_takes(exercise_dir):
    functions = [n for n in _stub(exercise_dir).body if isinstance(n, ast.FunctionDef)]
    assert functions, "the stub declares no function"
    for function in functions:
        stubbed = [(arg.arg, i >= len(function.args.args) - len(function.args.defaults))
                   for i, arg in enumerate(function.args.args)]
        signature = inspect.signature(getattr(ship_a_wheel._native, function.name))
        real = [(p.name, p.default is not inspect.Parameter.empty)
                for p in signature.parameters.values()]
        assert stubbed == real, f"{function.name}: (name, has a default) per parameter"
