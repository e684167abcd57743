"""Runs pytest in the embeddable Windows CPython, under wine, for the portability check.

That CPython ignores PYTHONPATH (its `._pth` file fixes `sys.path`) and has no venv to install
the exercises' modules into, so this puts the folder of built modules first on `sys.path` and
starts pytest in the same process. Usage: python.exe run_pytest.py MODULES_DIR [pytest args...]
"""

import sys

import pytest

if __name__ == "__main__":
    modules, *arguments = sys.argv[1:]
    sys.path.insert(0, modules)
    sys.exit(pytest.main(arguments))
