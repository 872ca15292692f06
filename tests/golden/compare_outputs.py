"""Compares a command's output with its golden copy.

Exit 0 when the two are byte-identical, or when they differ only in the last digits of
numbers (another CPU's vector width, or another optimisation level, changes the order of
float sums): by a relative 2e-5 or by one unit of the last printed digit. Every other
difference, and any number further apart, exits 1 with the first difference shown. Usage: compare_outputs.py GOLDEN.gz PRODUCED
"""
import gzip
import re
import sys

NUMBER = re.compile(rb"-?\d+\.?\d*(?:[eE][-+]?\d+)?")
# Relative to the larger magnitude (at least 1): a few units in the sixth significant digit.
TOLERANCE = 2e-5


def last_digit_unit(token):
    """One unit in the last printed digit (0.01 for "594.36", 1 for "33"); 0 for exponents,
    whose mantissa digits the relative tolerance covers. A value that lands next to a rounding
    boundary may print one unit apart on another machine."""
    text = token.decode()
    if "e" in text or "E" in text:
        return 0.0
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    return 1.0


def tokens(data):
    """Alternating text and number tokens."""
    out, last = [], 0
    for m in NUMBER.finditer(data):
        out.append((False, data[last:m.start()]))
        out.append((True, m.group()))
        last = m.end()
    out.append((False, data[last:]))
    return out


def main():
    golden = gzip.open(sys.argv[1], "rb").read()
    produced = open(sys.argv[2], "rb").read()
    if golden == produced:
        return 0
    a, b = tokens(golden), tokens(produced)
    if len(a) != len(b):
        print(f"  {sys.argv[2]}: text differs (not only in numbers)")
        return 1
    worst, differing = 0.0, 0
    for (is_num, x), (_, y) in zip(a, b):
        if x == y:
            continue
        if not is_num:
            print(f"  text differs: {x[:80]!r} vs {y[:80]!r}")
            return 1
        fx, fy = float(x), float(y)
        scale = max(1.0, abs(fx), abs(fy))
        gap = abs(fx - fy) / scale
        unit = max(last_digit_unit(x), last_digit_unit(y))
        if gap > TOLERANCE and abs(fx - fy) > 1.01 * unit:
            print(f"  number differs beyond tolerance: {x.decode()} vs {y.decode()}")
            return 1
        worst, differing = max(worst, gap), differing + 1
    print(f"  identical but for {differing} number(s) in their last digits "
          f"(largest relative gap {worst:.1e})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
