"""A Rust class that pickle can save and load, and copy can copy."""

import ast
import copy
import pathlib
import pickle
import subprocess
import sys

import pytest

import py_pickle
from py_pickle import Playlist


def road_trip():
    return Playlist("road trip", [("Intro", 90), ("Highway", 241), ("Tunnel", 180)])


def test_the_class_says_it_lives_in_the_py_pickle_module():
    assert Playlist.__module__ == "py_pickle", (
        f"Playlist says it is from {Playlist.__module__!r}, where pickle will look for it: "
        "name the module in #[pyclass(module = ...)]"
    )


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_playlist_survives_a_round_trip_through_every_pickle_protocol(protocol):
    original = road_trip()
    loaded = pickle.loads(pickle.dumps(original, protocol=protocol))
    assert type(loaded) is Playlist
    assert loaded == original
    assert loaded is not original
    assert loaded.name == "road trip" and loaded.tracks == original.tracks


def test_an_empty_playlist_and_odd_titles_survive_too():
    for original in [Playlist(""), Playlist("ünïcode ♫", [("", 0), ("a\nb", 2**32 - 1)])]:
        assert pickle.loads(pickle.dumps(original)) == original


def test_a_playlist_inside_other_objects_is_pickled_with_them():
    saved = {"mine": [road_trip(), Playlist("quiet")], "count": 2}
    assert pickle.loads(pickle.dumps(saved)) == saved


def test_a_playlist_unpickled_in_another_python_process_equals_the_original(tmp_path):
    original = road_trip()
    original.add("Outro", 60)
    # The child looks for py_pickle where this process found it, however the module was
    # installed (a venv, or a folder put on sys.path by a Python that ignores PYTHONPATH).
    child = (
        f"import pickle, sys\nsys.path[:0] = {sys.path!r}\n"
        "playlist = pickle.loads(sys.stdin.buffer.read())\n"
        "playlist.add('Encore', 200)\n"
        "sys.stdout.buffer.write(pickle.dumps(playlist))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child], input=pickle.dumps(original), capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    returned = pickle.loads(done.stdout)
    original.add("Encore", 200)
    assert returned == original


def test_copy_gives_an_equal_playlist_that_is_another_object():
    original = road_trip()
    copied = copy.copy(original)
    assert copied == original
    assert copied is not original
    assert "__copy__" in vars(Playlist), "copy.copy should find a __copy__ method on the class"


def test_changing_a_copy_leaves_the_original_as_it_was():
    original = road_trip()
    copied = copy.copy(original)
    copied.add("Bonus", 30)
    copied.name = "changed"
    assert original == road_trip()
    original.add("Mine only", 10)
    assert len(copied.tracks) == 4


def test_deepcopy_copies_the_tracks_and_leaves_the_original_as_it_was():
    original = road_trip()
    deep = copy.deepcopy(original)
    assert deep == original and deep is not original
    deep.add("Bonus", 30)
    assert original == road_trip()
    assert "__deepcopy__" in vars(Playlist), "copy.deepcopy should find a __deepcopy__ method"


def test_deepcopy_of_a_structure_copies_each_playlist_once():
    shared = road_trip()
    outer = {"a": [shared], "b": [shared]}
    deep = copy.deepcopy(outer)
    assert deep == outer
    assert deep["a"][0] is not shared
    # deepcopy's memo: the one playlist both lists held is copied once, and shared in the copy.
    assert deep["a"][0] is deep["b"][0]
    deep["a"][0].add("Bonus", 30)
    assert shared == road_trip()


def test_every_method_in_the_type_stub_exists_in_the_module(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "py_pickle.pyi").read_text())
    classes = [node for node in stub.body if isinstance(node, ast.ClassDef)]
    assert classes, "the stub declares no class"
    missing = []
    for declared in classes:
        actual = getattr(py_pickle, declared.name, None)
        if not isinstance(actual, type):
            missing.append(declared.name)
            continue
        for item in declared.body:
            # Defined on the class itself: object has a __reduce__, __init__ comes from #[new].
            named = isinstance(item, ast.FunctionDef) and item.name != "__init__"
            if named and item.name not in vars(actual):
                missing.append(f"{declared.name}.{item.name}")
    assert missing == []
