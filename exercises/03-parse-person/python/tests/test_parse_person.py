"""The Rust CLI accepts and rejects the same lines as a Python parser that raises ValueError."""

import re


def reference_parse_person(line: str) -> tuple[str, int]:
    if "," not in line:
        raise ValueError('expected "name,age" but found no comma')
    name, age = (part.strip() for part in line.split(",", 1))
    if not name:
        raise ValueError("the name is empty")
    if not re.fullmatch(r"\+?[0-9]+", age) or int(age) > 255:
        raise ValueError(f'the age "{age}" is not a whole number from 0 to 255')
    return name, int(age)


def test_the_cli_prints_every_good_line_like_python(run_cli):
    lines = ["Ada,36", "  Grace Hopper ,  85 ", "Guido,+70", "Baby,0"]
    expected = [
        f"{name} is {age}" for name, age in (reference_parse_person(line) for line in lines)
    ]
    assert run_cli(input="\n".join(lines) + "\n").stdout.splitlines() == expected


def test_a_bad_line_exits_with_code_1_and_pythons_message(run_cli):
    for bad in ["Ada 36", " ,36", "Ada,thirty-six", "Ada,-1", "Methuselah,969", "Ada,", " ,abc"]:
        try:
            reference_parse_person(bad)
        except ValueError as err:
            message = str(err)
        else:
            raise AssertionError(f"the reference accepted {bad!r}")
        result = run_cli(input=f"Ada,36\n{bad}\nGrace,85\n", check=False)
        assert (result.returncode, result.stderr) == (1, f"error: line 2: {message}\n"), bad
        assert result.stdout == "Ada is 36\n", "the CLI stops at the first bad line"
