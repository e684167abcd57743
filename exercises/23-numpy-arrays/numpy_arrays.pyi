# Type stub for the `numpy_arrays` extension module: what editors and type checkers (mypy,
# pyright) read, since they cannot look inside the compiled `.so`. maturin finds this file next
# to pyproject.toml and installs it with the module (plus a `py.typed` marker).
# Keep it in sync with the `#[pyfunction]` signatures in src/lib.rs by hand.

import numpy as np
import numpy.typing as npt

def cumulative_sum(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The running total of a 1-D float64 array, as a new array (like numpy.cumsum)."""
    ...

def row_sums(matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The sum of each row of a 2-D float64 array, as a new array (like matrix.sum(axis=1))."""
    ...

def clip_in_place(values: npt.NDArray[np.float64], low: float, high: float) -> None:
    """Limits every element of a 1-D float64 array to low..high, in the array itself."""
    ...
