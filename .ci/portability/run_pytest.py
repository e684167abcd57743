"""Runs pytest in the embeddable Windows CPython, under wine, for the portability check.

That CPython ignores PYTHONPATH (its `._pth` file fixes `sys.path`) and has no venv to install
the exercises' modules into, so this puts the folder of built modules first on `sys.path` and
starts pytest in the same process. Usage: python.exe run_pytest.py MODULES_DIR [pytest args...]
"""

import sys

# pytest's JUnit report asks platform.node(), which asks WMI, which needs a propsys.dll function
# that wine 8 lacks (the process aborts). Without `_wmi`, platform falls back to other calls.
sys.modules["_wmi"] = None

import pytest  # noqa: E402 (after the line above, which must come first)

if __name__ == "__main__":
    modules, *arguments = sys.argv[1:]
    sys.path.insert(0, modules)
    sys.exit(pytest.main(arguments))
