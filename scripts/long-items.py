#!/usr/bin/env python3
"""Lists source files over 800 lines and functions over 120 lines.

    scripts/long-items.py [--all] [PATH...]   (default: src/)

Functions inside `#[cfg(test)]` modules and files named tests.rs are skipped
unless --all is given. Braces are matched after removing comments, strings
and char literals, which is exact enough for rustfmt-formatted code.
Exits 1 when something is over a limit, so it can gate a change.
"""
import re
import sys
from pathlib import Path

FILE_LIMIT, FN_LIMIT = 800, 120
FN_RE = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)")
TEST_MOD_RE = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{")


def strip(line, state):
    """Removes comments, strings and char literals; state carries /* */ and strings."""
    out, i = [], 0
    while i < len(line):
        if state["block"]:
            j = line.find("*/", i)
            if j < 0:
                return "".join(out)
            state["block"], i = False, j + 2
            continue
        if state["raw"] is not None:
            end = '"' + "#" * state["raw"]
            j = line.find(end, i)
            if j < 0:
                return "".join(out)
            state["raw"], i = None, j + len(end)
            continue
        if state["str"]:
            m = re.compile(r'(\\.|[^"\\])*"').match(line, i)
            if not m:
                return "".join(out)
            state["str"], i = False, m.end()
            continue
        c = line[i]
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"], i = True, i + 2
            continue
        m = re.compile(r'b?r(#*)"').match(line, i)
        if m and (i == 0 or not (line[i - 1].isalnum() or line[i - 1] == "_")):
            state["raw"], i = len(m.group(1)), m.end()
            continue
        if c == '"':
            state["str"], i = True, i + 1
            continue
        m = re.compile(r"b?'(\\u\{[0-9a-fA-F]+\}|\\x[0-9a-fA-F]{2}|\\.|[^\\'])'").match(line, i)
        if m:
            i = m.end()
            continue
        out.append(c)
        i += 1
    return "".join(out)


def scan(path, include_tests):
    lines = path.read_text(encoding="utf-8").split("\n")
    state = {"block": False, "str": False, "raw": None}
    depth, stack, found, pending_test = 0, [], [], False
    test_depth = None
    for n, raw in enumerate(lines, 1):
        code = strip(raw, state)
        if "#[cfg(test)]" in raw:
            pending_test = True
        m = FN_RE.match(code)
        opens_test_mod = pending_test and TEST_MOD_RE.match(code)
        if m:
            stack.append((m.group(1), n, depth, test_depth is not None))
        if opens_test_mod and test_depth is None:
            test_depth = depth
        if code.strip() and not code.strip().startswith("#"):
            pending_test = pending_test and not (m or opens_test_mod) and code.strip().startswith("#")
        for ch in code:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                while stack and stack[-1][2] == depth and depth >= 0:
                    name, start, _, in_test = stack.pop()
                    found.append((name, start, n - start + 1, in_test))
                    break
                if test_depth is not None and depth == test_depth:
                    test_depth = None
        # A fn declaration without a body (trait method) ends with ';'.
        if stack and stack[-1][1] == n and code.rstrip().endswith(";") and "{" not in code:
            stack.pop()
    is_test_file = path.name == "tests.rs" or "/tests/" in str(path)
    fns = [(name, start, size) for name, start, size, in_test in found
           if include_tests or not (in_test or is_test_file)]
    return len(lines) - (1 if lines and lines[-1] == "" else 0), fns


def main():
    args = [a for a in sys.argv[1:] if a != "--all"]
    include_tests = "--all" in sys.argv[1:]
    roots = [Path(a) for a in args] or [Path("src")]
    over = False
    files = sorted(p for r in roots for p in ([r] if r.is_file() else r.rglob("*.rs")))
    for f in files:
        count, fns = scan(f, include_tests)
        if count > FILE_LIMIT:
            print(f"{f}: {count} lines (file limit {FILE_LIMIT})")
            over = True
        for name, start, size in sorted(fns, key=lambda x: -x[2]):
            if size > FN_LIMIT:
                print(f"{f}:{start}: fn {name} {size} lines (limit {FN_LIMIT})")
                over = True
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
