"""A Rust value that behaves like Python's own: equality, hashing, ordering, frozen attributes,
operators that say NotImplemented for operands they do not know, and a repr that round-trips."""

import ast
import pathlib

import pytest

from py_values import Money


def eur(cents: int) -> Money:
    return Money(cents, "EUR")


def answer_of(method, operand):
    """What a dunder method answers for an operand it does not support; fails the test, with the
    reason, if it raises instead."""
    try:
        return method(operand)
    except TypeError as error:
        raised = error
    pytest.fail(
        f"{method.__name__}({operand!r}) raised TypeError({raised}) instead of returning "
        "NotImplemented: raising takes away the other operand's turn (its reflected method), "
        "and Python raises the TypeError itself when both say NotImplemented",
        pytrace=False,
    )


def test_equal_amounts_are_equal_and_different_ones_are_not():
    assert eur(1250) == eur(1250)
    assert not eur(1250) != eur(1250)
    assert eur(1250) != eur(1251)
    assert eur(1250) != Money(1250, "USD")


def test_an_amount_is_simply_unequal_to_a_plain_number():
    assert eur(100) != 100
    assert not eur(100) == 100


def test_equal_amounts_have_equal_hashes():
    assert hash(eur(1250)) == hash(eur(1250))
    assert hash(Money(7, "USD")) == hash(Money(7, "USD"))


def test_a_set_keeps_one_of_each_equal_amount():
    amounts = {eur(100), eur(100), eur(250), Money(100, "USD")}
    assert len(amounts) == 3
    assert eur(250) in amounts


def test_an_equal_amount_finds_the_same_dict_entry():
    prices = {eur(100): "coffee", eur(350): "lunch"}
    assert prices[eur(350)] == "lunch"
    prices[eur(100)] = "espresso"
    assert len(prices) == 2


def test_sorted_orders_amounts_of_one_currency_by_value():
    amounts = [eur(500), eur(-20), eur(120), eur(0)]
    assert sorted(amounts) == [eur(-20), eur(0), eur(120), eur(500)]
    assert (min(amounts), max(amounts)) == (eur(-20), eur(500))
    assert eur(1) < eur(2) <= eur(2) and eur(3) > eur(2) >= eur(2)


def test_ordering_an_amount_against_a_number_raises_type_error():
    with pytest.raises(TypeError):
        eur(100) < 200
    with pytest.raises(TypeError):
        sorted([eur(100), 50])


def test_an_amount_is_frozen_so_no_attribute_can_be_set():
    money = eur(1250)
    for name, value in [("cents", 1), ("currency", "USD"), ("note", "tip")]:
        with pytest.raises(AttributeError):
            setattr(money, name, value)
    assert (money.cents, money.currency) == (1250, "EUR")


def test_repr_reads_like_the_call_that_makes_the_amount():
    assert repr(eur(1250)) == "Money(1250, 'EUR')"
    assert repr(Money(-5, "USD")) == "Money(-5, 'USD')"


def test_repr_round_trips_through_eval():
    for money in [eur(1250), Money(-5, "USD"), Money(0, "JPY"), eur(2**63 - 1)]:
        copy = eval(repr(money), {"Money": Money})
        assert copy == money
        assert copy is not money


def test_adding_amounts_of_one_currency():
    assert eur(150) + eur(275) == eur(425)
    assert sum([eur(1), eur(2), eur(3)], start=eur(0)) == eur(6)


def test_adding_two_currencies_raises_value_error():
    with pytest.raises(ValueError):
        eur(100) + Money(100, "USD")


def test_adding_a_number_raises_type_error_on_either_side():
    with pytest.raises(TypeError):
        eur(100) + 1
    with pytest.raises(TypeError):
        1 + eur(100)


def test_add_returns_not_implemented_for_a_number_instead_of_raising():
    assert answer_of(eur(100).__add__, 1) is NotImplemented
    assert answer_of(eur(100).__add__, "1.00") is NotImplemented


def test_add_answers_not_implemented_so_the_other_operand_can_answer():
    class Tip:
        def __radd__(self, money):
            return ("tipped", money)

    assert eur(100) + Tip() == ("tipped", eur(100))


def test_multiplying_by_an_int_works_on_either_side():
    assert eur(150) * 3 == eur(450)
    assert 3 * eur(150) == eur(450)
    assert eur(150) * -1 == eur(-150)


def test_multiplying_by_a_float_or_an_amount_raises_type_error():
    with pytest.raises(TypeError):
        eur(100) * 1.5
    with pytest.raises(TypeError):
        eur(100) * eur(2)


def test_mul_returns_not_implemented_for_a_float_or_an_amount_instead_of_raising():
    assert answer_of(eur(100).__mul__, 1.5) is NotImplemented
    assert answer_of(eur(100).__mul__, eur(2)) is NotImplemented


def test_an_amount_past_64_bits_of_cents_raises_overflow_error():
    with pytest.raises(OverflowError):
        eur(2**62) * 2
    with pytest.raises(OverflowError):
        eur(2**63 - 1) + eur(1)


def test_the_constructor_rejects_a_currency_that_is_not_three_capital_letters():
    for bad in ["eur", "EURO", "", "E1R"]:
        with pytest.raises(ValueError):
            Money(100, bad)


def test_every_name_in_the_type_stub_exists_on_the_class(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "py_values.pyi").read_text())
    classes = [node for node in stub.body if isinstance(node, ast.ClassDef)]
    assert [cls.name for cls in classes] == ["Money"]
    names = {node.name for node in classes[0].body if isinstance(node, ast.FunctionDef)}
    assert {"cents", "currency", "__add__", "__mul__", "__hash__", "__lt__"} <= names
    # Every class inherits `__lt__`, `__init__`... from `object`: look in the class's own dict.
    # (A class with `__eq__` and no hash gets `__hash__ = None` there: unhashable.)
    own = vars(Money)
    missing = sorted(n for n in names if n != "__init__" and own.get(n) is None)
    assert missing == []
