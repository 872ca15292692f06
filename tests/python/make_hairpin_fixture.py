#!/usr/bin/env python3
"""Writes tests/fixtures/encode/hairpin_regex_cases.tsv: dot-brackets and the result of
deepMiRGene's hairpin-loop rule computed with Python's re module, so the C++ linear scan is
checked against the regex engine the rule was defined with.

Usage (from the repository root): python3 tests/python/make_hairpin_fixture.py
"""
import random
import re

HAIRPIN = re.compile(r"\(+(\.+)\)+")


def mark(db: str) -> str:
    out = list(db)
    for m in HAIRPIN.finditer(db):
        for i in range(m.start(1), m.end(1)):
            out[i] = ":"
    return "".join(out)


HANDWRITTEN = [
    "", ".", "(", ")", ":", "...", "(.)", "((...))", "(((...)))..", "..((..))..",
    "((..))((...))", "((..)).((...))", "((.((..))..((...)).))", "(.(", ".)", "(...",
    "...)", "(..(..)", "(..)..)", "((((.))", "(.))))", "((::))", "((.:.))", "(:.)",
    "(((...)))(((...)))", "((.)(.))", ")(.)(", "(((...))).(((...)))...", "(((..(((..)))..)))",
    "((((....))))((((....)))).....((((....))))", "(.)(.)(.)", "((((()))))", "(()..)",
]


def random_dot_bracket(rng: random.Random) -> str:
    length = rng.randint(0, 60)
    style = rng.random()
    if style < 0.4:
        alphabet, weights = "().", [3, 3, 4]
    elif style < 0.8:
        alphabet, weights = "().", [1, 1, 6]
    else:
        alphabet, weights = "().:", [3, 3, 3, 1]
    return "".join(rng.choices(alphabet, weights=weights, k=length))


def main() -> None:
    rng = random.Random(20240517)
    cases = HANDWRITTEN + [random_dot_bracket(rng) for _ in range(500)]
    with open("tests/fixtures/encode/hairpin_regex_cases.tsv", "w") as f:
        f.write("# dot_bracket<TAB>marked, by Python re.finditer(r'\\(+(\\.+)\\)+')\n")
        for db in cases:
            f.write(f"{db}\t{mark(db)}\n")


if __name__ == "__main__":
    main()
