"""Hidden tests: arrays the visible tests do not try, so that a library shaped to their handful
of arrays fails. Every visible array holds a positive number and most a negative one; here
arrays of random length and sign (all negative, all positive, one value, huge and tiny
magnitudes) are compared with Python, a length shorter than the array is passed, and the
extremes are infinite."""

import math

from ctypes import POINTER, Structure, c_double, c_size_t, c_uint64


class Stats(Structure):
    _fields_ = [("count", c_uint64), ("mean", c_double), ("min", c_double), ("max", c_double)]


def declare(lib):
    lib.oxi_stats.argtypes = [POINTER(c_double), c_size_t]
    lib.oxi_stats.restype = Stats
    lib.oxi_scale.argtypes = [POINTER(c_double), c_size_t, c_double]
    lib.oxi_scale.restype = None
    return lib


def as_c_array(values: list[float]):
    return (c_double * len(values))(*values)


def reference_stats(values: list[float]) -> tuple[int, float, float, float]:
    if not values:
        return (0, math.nan, math.nan, math.nan)
    return (len(values), math.fsum(values) / len(values), min(values), max(values))


def random_values(rng) -> list[float]:
    scale = 10.0 ** rng.randint(-3, 12)
    sign = rng.choice([-1.0, 1.0, None])  # None: either sign
    return [(sign or rng.choice([-1.0, 1.0])) * rng.random() * scale
            for _ in range(rng.randint(1, 40))]


def test_random_arrays_of_either_sign_agree_with_python(rng, ffi_lib):
    lib = declare(ffi_lib)
    for _ in range(300):
        values = random_values(rng)
        # Sometimes only a prefix: the library must read `len` values, not the whole array.
        used = rng.randint(1, len(values))
        s = lib.oxi_stats(as_c_array(values), used)
        count, mean, low, high = reference_stats(values[:used])
        assert (s.count, s.min, s.max) == (count, low, high), values[:used]
        # Any order of summation is fine: allow a few rounding errors of the largest value.
        tolerance = 1e-12 * max(abs(v) for v in values[:used])
        assert math.isclose(s.mean, mean, rel_tol=1e-9, abs_tol=tolerance), values[:used]

        factor = rng.uniform(-4.0, 4.0)
        array = as_c_array(values)
        lib.oxi_scale(array, used, factor)
        assert list(array) == [v * factor for v in values[:used]] + values[used:]


def test_one_negative_value_is_its_own_mean_min_and_max(ffi_lib):
    lib = declare(ffi_lib)
    for value in [-3.5, -1e-300, -1e300]:
        s = lib.oxi_stats(as_c_array([value]), 1)
        assert (s.count, s.mean, s.min, s.max) == (1, value, value, value)


def test_infinite_values_are_the_min_and_max(ffi_lib):
    lib = declare(ffi_lib)
    s = lib.oxi_stats(as_c_array([-math.inf]), 1)
    assert (s.count, s.min, s.max) == (1, -math.inf, -math.inf)
    s = lib.oxi_stats(as_c_array([math.inf, 1.0, -math.inf]), 3)
    assert (s.count, s.min, s.max) == (3, -math.inf, math.inf)
