"""The 100-line script of bench/scripts/script100.clj in Python 3, timed by
bench/src/workloads/startup.rs from process start to its printed result:
the same inventory parsed, joined with prices, grouped, sorted and
formatted, and the same summary line printed.
"""
from collections import Counter, defaultdict

INVENTORY_TEXT = """widget,hardware,12,shelf-a
gadget,hardware,7,shelf-b
sprocket,hardware,31,shelf-a
gizmo,toys,4,shelf-c
doohickey,toys,19,shelf-c
thingamajig,misc,2,shelf-d
whatsit,misc,11,shelf-d
gear,hardware,54,shelf-b
yo-yo,toys,23,shelf-c
kazoo,toys,9,shelf-e
lever,hardware,16,shelf-a
pulley,hardware,8,shelf-b
marble,toys,140,shelf-e
spinner,toys,33,shelf-e
bracket,hardware,60,shelf-a"""

PRICES = {
    "widget": 2.5, "gadget": 10.0, "sprocket": 0.75, "gizmo": 15.0, "doohickey": 3.25,
    "thingamajig": 99.0, "whatsit": 4.0, "gear": 1.1, "yo-yo": 2.0, "kazoo": 1.5,
    "lever": 6.0, "pulley": 7.25, "marble": 0.1, "spinner": 3.0, "bracket": 0.9,
}


def parse_line(line):
    """One inventory line as a dict."""
    item, category, qty, location = line.split(",")
    return {"item": item, "category": category, "qty": int(qty), "location": location}


def parse_inventory(text):
    return [parse_line(line) for line in text.splitlines() if line.strip()]


def with_value(rec):
    """The record with its unit price and total value."""
    price = PRICES.get(rec["item"], 0.0)
    return {**rec, "price": price, "value": price * rec["qty"]}


def low_stock(rec):
    return rec["qty"] < 10


def group_by(key, recs):
    groups = defaultdict(list)
    for r in recs:
        groups[r[key]].append(r)
    return groups


def summarize_category(category, recs):
    return {
        "category": category,
        "items": len(recs),
        "units": sum(r["qty"] for r in recs),
        "value": sum(r["value"] for r in recs),
        "low": [r["item"] for r in recs if low_stock(r)],
    }


def by_location(recs):
    return {loc: {r["item"] for r in rs} for loc, rs in sorted(group_by("location", recs).items())}


def money(x):
    cents = int(x * 100.0 + 0.5)
    c = cents % 100
    return f"${cents // 100}.{'0' + str(c) if c < 10 else c}"


def format_row(s):
    low = ",".join(sorted(s["low"])) if s["low"] else "-"
    return " | ".join([s["category"], str(s["items"]), str(s["units"]), money(s["value"]), low])


def report(recs):
    cats = [summarize_category(c, rs) for c, rs in group_by("category", recs).items()]
    cats.sort(key=lambda s: s["value"], reverse=True)
    return {
        "lines": [format_row(s) for s in cats],
        "total": sum(r["value"] for r in recs),
        "locations": by_location(recs),
        "top": max(recs, key=lambda r: r["value"]),
    }


def checksum(r):
    """A number that changes if any part of the report does."""
    return (
        sum(len(line) for line in r["lines"])
        + int(r["total"])
        + sum(len(items) for items in r["locations"].values())
        + len(r["top"]["item"])
    )


recs = [with_value(r) for r in parse_inventory(INVENTORY_TEXT)]
r = report(recs)
low = [x for x in recs if low_stock(x)]
words = Counter(w for x in recs for w in x["item"].split("-"))
for line in r["lines"]:
    assert len(line.split(" | ")) == 5
assert len(recs) == 15
assert all(x["item"] in PRICES for x in recs)
print("result", checksum(r), money(r["total"]), r["top"]["item"], len(low), len(words),
      "/".join(r["locations"].keys()))
