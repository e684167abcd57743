"""Inheritance across the bridge: a Rust base class, a Rust subclass, and Python subclasses whose
overrides the Rust code calls."""

import ast
import pathlib

import py_inheritance
from py_inheritance import StrippingTokenizer, Tokenizer


# The Python subclasses are made inside functions, not at the top of this file: while the Rust
# class cannot be subclassed, only the tests that need a subclass fail.
def make_stemmer():
    class Stemmer(Tokenizer):
        """Drops a plural "s", after the Rust base class has lowered the word."""

        def normalize(self, word):
            return super().normalize(word).removesuffix("s")

    return Stemmer


def make_shouter():
    class Shouter(StrippingTokenizer):
        """Upper-cases what the Rust subclass made of the word."""

        def normalize(self, word):
            return super().normalize(word).upper()

    return Shouter


def test_tokens_lower_cases_every_word():
    assert Tokenizer().tokens("The CAT  sat\n") == ["the", "cat", "sat"]


def test_tokens_drops_words_shorter_than_min_len():
    assert Tokenizer(min_len=3).tokens("a cat is on its mat") == ["cat", "its", "mat"]


def test_a_python_class_can_subclass_the_rust_class():
    Stemmer = make_stemmer()
    assert issubclass(Stemmer, Tokenizer)
    assert isinstance(Stemmer(), Tokenizer)


def test_super_in_a_python_subclass_calls_the_rust_method():
    assert make_stemmer()().normalize("DOGS") == "dog"


def test_rust_tokens_calls_the_python_override():
    tokens = make_stemmer()().tokens("Cats chase DOGS")
    assert tokens == ["cat", "chase", "dog"], "tokens should call Stemmer.normalize, found on self"


def test_a_python_subclass_keeps_the_rust_constructor_and_its_state():
    stemmer = make_stemmer()(min_len=4)
    assert stemmer.min_len == 4
    # "cats" becomes "cat" before the length is checked: the override's result counts.
    assert stemmer.tokens("the cats sleep") == ["sleep"]


def test_the_rust_subclass_is_a_tokenizer():
    assert issubclass(StrippingTokenizer, Tokenizer)
    assert isinstance(StrippingTokenizer(), Tokenizer)


def test_the_rust_subclass_sets_up_its_base_part_too():
    tokenizer = StrippingTokenizer(min_len=3, strip="*")
    assert tokenizer.min_len == 3
    assert tokenizer.strip == "*"


def test_the_rust_subclass_normalizes_with_the_base_then_strips():
    assert StrippingTokenizer().normalize('"Hello!"') == "hello"
    assert StrippingTokenizer(strip="*").normalize("**Bold**") == "bold"


def test_the_base_tokens_calls_the_rust_subclass_normalize():
    tokens = StrippingTokenizer(min_len=2).tokens("Hi, I am HERE!")
    assert tokens == ["hi", "am", "here"], "tokens should call the subclass's normalize"


def test_a_python_subclass_of_the_rust_subclass_goes_up_through_both():
    Shouter = make_shouter()
    assert Shouter.__mro__[1:3] == (StrippingTokenizer, Tokenizer)
    assert Shouter().tokens("hello, world!") == ["HELLO", "WORLD"]


def test_every_class_in_the_type_stub_exists_with_its_bases_and_methods(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "py_inheritance.pyi").read_text())
    classes = [node for node in stub.body if isinstance(node, ast.ClassDef)]
    assert classes, "the stub declares no class"
    problems = []
    for declared in classes:
        actual = getattr(py_inheritance, declared.name, None)
        if not isinstance(actual, type):
            problems.append(f"the module has no class {declared.name}")
            continue
        for base in declared.bases:
            base_class = getattr(py_inheritance, ast.unparse(base), None)
            if not (isinstance(base_class, type) and issubclass(actual, base_class)):
                problems.append(f"{declared.name} is not a subclass of {ast.unparse(base)}")
        for item in declared.body:
            if isinstance(item, ast.FunctionDef) and not hasattr(actual, item.name):
                problems.append(f"{declared.name} has no {item.name}")
    assert problems == []
