#!/usr/bin/env python3
"""The module graph of one crate, and its import cycles.

Usage: tools/module_graph.py CRATE_SRC_DIR [--edges]

Every `.rs` file under the directory is a module (`natives/coll.rs` is
`natives::coll`, `natives/mod.rs` is `natives`). An edge A -> B is any path
`crate::B...` (in a `use` tree or inline) or `super::...` written in A's file,
resolved to the longest module prefix; an item re-exported by `lib.rs` with
`pub use` is followed to the module that defines it. The output lists the
strongly connected components of more than one module (the import cycles),
largest first (a cycle among one module and its submodules, one concept
in one directory, is marked as such); with `--edges`, every edge too. No dependencies: it reads the
text, so a path in a comment counts (write comments without `crate::`).
"""

import os
import re
import sys


def modules(src):
    """Maps module path (tuple) -> file."""
    mods = {}
    for root, _dirs, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(root, f), src)
            parts = rel[:-3].split(os.sep)
            if parts == ["lib"] or parts == ["main"]:
                parts = []
            elif parts[-1] == "mod":
                parts = parts[:-1]
            if parts and parts[0] == "bin":
                continue
            mods[tuple(parts)] = os.path.join(src, rel)
    return mods


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def use_paths(tree, prefix):
    """Expands a use tree `a::{b, c::d}` into paths."""
    out = []
    depth = 0
    cur = ""
    items = []
    for ch in tree:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    for item in items:
        item = item.strip()
        if not item:
            continue
        m = re.match(r"^([\w:]*?)(::)?\{(.*)\}$", item, re.S)
        if m:
            head = [p for p in m.group(1).split("::") if p]
            out += use_paths(m.group(3), prefix + head)
        else:
            item = re.sub(r"\s+as\s+\w+$", "", item)
            out.append(prefix + [p for p in item.split("::") if p])
    return out


def paths_in(text, here):
    text = strip_comments(text)
    found = []
    for m in re.finditer(r"\buse\s+(crate|super|self)::([^;]*);", text, re.S):
        base = m.group(1)
        for p in use_paths(m.group(2), []):
            found.append((base, p))
    for m in re.finditer(r"\b(crate|super)::((?:\w+::)*\w+)", text):
        found.append((m.group(1), m.group(2).split("::")))
    out = []
    for base, p in found:
        if base == "crate":
            out.append(list(p))
        elif base == "super":
            out.append(list(here[:-1]) + list(p))
        else:
            out.append(list(here) + list(p))
    return out


def reexports(mods):
    """Items `pub use`d by the crate root: name -> module path."""
    root = mods.get(())
    if not root:
        return {}
    text = strip_comments(open(root).read())
    out = {}
    for m in re.finditer(r"\bpub\s+use\s+(?:crate::|self::)?([^;]*);", text, re.S):
        for p in use_paths(m.group(1), []):
            if len(p) >= 2:
                out[p[-1]] = tuple(p[:-1])
    return out


def resolve(path, mods, reexp):
    for n in range(len(path), 0, -1):
        if tuple(path[:n]) in mods:
            return tuple(path[:n])
    if path and path[0] in reexp:
        return resolve(list(reexp[path[0]]), mods, {})
    return None


def sccs(nodes, edges):
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return out


def main():
    src = sys.argv[1]
    mods = modules(src)
    reexp = reexports(mods)
    edges = {}
    for mod, f in mods.items():
        targets = set()
        for p in paths_in(open(f).read(), mod):
            t = resolve(p, mods, reexp)
            if t is not None and t != mod and t != ():
                targets.add(t)
        edges[mod] = sorted(targets)
    name = lambda m: "::".join(m) or "crate"
    if "--edges" in sys.argv:
        for m in sorted(edges):
            print(f"{name(m)} -> {', '.join(name(t) for t in edges[m])}")
    cycles = sorted((c for c in sccs(sorted(mods), edges) if len(c) > 1), key=len, reverse=True)
    print(f"{src}: {len(mods)} modules, {len(cycles)} import cycle(s)")
    for c in cycles:
        tops = {m[0] for m in c if m}
        where = f" (within one module tree: {tops.pop()})" if len(tops) == 1 and () not in c else ""
        print(f"  cycle of {len(c)}{where}: {' '.join(sorted(name(m) for m in c))}")


if __name__ == "__main__":
    main()
