"""The benchmark's own virtual environment, so that `python3 bench/run.py` is the whole command.

Only the standard library here: this runs under whatever `python3` the reader has, creates
`target/bench-venv` the first time (and whenever bench/requirements.txt changes), installs the
pinned requirements into it, and runs the benchmark again with that venv's interpreter.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV = REPO / "target" / "bench-venv"
REQUIREMENTS = REPO / "bench" / "requirements.txt"
STAMP = VENV / "bench-requirements.sha256"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def inside_venv() -> bool:
    try:
        return Path(sys.prefix).resolve() == VENV.resolve()
    except OSError:
        return False


def ensure() -> None:
    """Returns only when running inside the benchmark's venv with its requirements installed;
    otherwise prepares the venv and runs this same command there, exiting with its status."""
    if sys.version_info < (3, 10):
        sys.exit(f"the benchmark needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    up_to_date = STAMP.exists() and STAMP.read_text().strip() == wanted
    if inside_venv() and up_to_date:
        return
    python = venv_python()
    if not python.exists():
        print(f"creating the benchmark's venv in {VENV} (once)", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not up_to_date:
        print(f"installing {REQUIREMENTS.relative_to(REPO)} into it", file=sys.stderr, flush=True)
        result = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "-r", str(REQUIREMENTS)]
        )
        if result.returncode != 0:
            sys.exit(f"pip could not install {REQUIREMENTS} (exit code {result.returncode}); "
                     "the lines above say why")
        STAMP.write_text(wanted + "\n")
    if inside_venv():
        return
    command = [str(python), *sys.argv]
    if os.name == "nt":  # no exec on Windows: run it and pass its exit code on
        sys.exit(subprocess.run(command).returncode)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(str(python), command)
