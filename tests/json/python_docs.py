# The generator of tests/json_python.rs: SEED COUNT DIR. Writes COUNT random
# JSON documents (seeded, so a failure can be rerun) to DIR/doc-N.json with
# Python's json module, and prints each one's canonical form — the form
# tests/json/canonical.clj prints for the values evelisp parses — one line
# per document, so the two can be compared value for value.
import decimal
import json
import math
import random
import sys

seed, count, out_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)

ALPHABET = ["a", "b", "z", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f",
            "é", "ß", "中", "\u2028", "😀", "𝄞", "\u007f", "\u0080", "\uffff"]


def rand_string():
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 12)))


def rand_number():
    k = rng.randrange(6)
    if k == 0:
        return rng.randrange(-1000, 1000)
    if k == 1:
        return rng.randrange(-2**63, 2**63)
    if k == 2:
        return rng.randrange(-10**30, 10**30)
    if k == 3:
        return rng.uniform(-1e6, 1e6)
    if k == 4:
        return rng.choice([0.0, -0.0, 1e-300, 5e-324, 1.7976931348623157e308, 0.1, 1e22])
    return float(rng.randrange(-10**6, 10**6)) * 10.0 ** rng.randrange(-20, 20)


def rand_value(depth):
    k = rng.randrange(8 if depth < 5 else 5)
    if k == 0:
        return rng.choice([True, False, None])
    if k in (1, 2):
        return rand_number()
    if k in (3, 4):
        return rand_string()
    if k == 5:
        return [rand_value(depth + 1) for _ in range(rng.randrange(0, 6))]
    return {rand_string(): rand_value(depth + 1) for _ in range(rng.randrange(0, 12))}


def java_double(x):
    """x as Java's Double.toString (shortest digits) spells it."""
    if x == 0:
        return "-0.0" if math.copysign(1.0, x) < 0 else "0.0"
    if abs(x) == 5e-324:
        # Java keeps two digits for the smallest subnormal.
        return ("-" if x < 0 else "") + "4.9E-324"
    d = decimal.Decimal(repr(x))
    sign = "-" if x < 0 else ""
    digits = "".join(map(str, d.as_tuple().digits)).rstrip("0") or "0"
    e = d.adjusted()
    if 1e-3 <= abs(x) < 1e7:
        if e >= 0:
            whole = digits[: e + 1].ljust(e + 1, "0")
            frac = digits[e + 1:] or "0"
            return f"{sign}{whole}.{frac}"
        return f"{sign}0.{'0' * (-e - 1)}{digits}"
    return f"{sign}{digits[0]}.{digits[1:] or '0'}E{e}"


def canonical(v):
    if v is None:
        return "n"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, int):
        return "i" + str(v)
    if isinstance(v, float):
        return "d" + java_double(v)
    if isinstance(v, str):
        return "s" + ".".join(str(ord(c)) for c in v) + ";"
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    return "{" + ",".join(sorted(canonical(k) + ":" + canonical(x) for k, x in v.items())) + "}"


for n in range(count):
    doc = rand_value(0)
    options = rng.choice([{}, {"ensure_ascii": False}, {"indent": 2}, {"separators": (",", ":")}])
    with open(f"{out_dir}/doc-{n:04}.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, **options))
    print(canonical(doc))
