"""Size of the package for the record: modules with line counts, and the longest functions.

With --check, the limits every function in studypack/ keeps: at most 60 lines, and a
cyclomatic complexity (as radon counts it) of at most 25. Exit status 1 lists those over.

Usage: python tools/code_stats.py [--top N] [--modules] [--check]
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "studypack"
MAX_LINES = 60  # a function longer than a screen is read in pieces: it should be written in pieces
MAX_COMPLEXITY = 25  # radon's grade D ends here; past it a function has more paths than its tests


def lengths(path: Path, source: str) -> list[tuple[int, str]]:
    """(lines, 'file:line name') of every function in one module, nested ones too."""
    shown = path.relative_to(ROOT.parent)
    return [(node.end_lineno - node.lineno + 1, f"{shown}:{node.lineno} {node.name}")
            for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None]


def complexities(path: Path, source: str) -> list[tuple[int, str]]:
    """(complexity, 'file:line name') of every function and method, as `radon cc` lists them."""
    from radon.complexity import cc_visit  # a dev dependency: only --check needs it

    shown = path.relative_to(ROOT.parent)
    found = []
    for block in cc_visit(source):  # functions, methods (as Class.name) and classes
        if not hasattr(block, "methods"):  # a class's own figure is its methods' summed
            found.append((block.complexity, f"{shown}:{block.lineno} {block.fullname}"))
    return found


def over_limits(files: list[Path]) -> list[str]:
    """A line for each function past a limit, longest and most complex first."""
    long, complex_ = [], []
    for path in files:
        source = path.read_text(encoding="utf-8")
        long += [(n, name) for n, name in lengths(path, source) if n > MAX_LINES]
        complex_ += [(n, name) for n, name in complexities(path, source) if n > MAX_COMPLEXITY]
    return ([f"{n:5d} lines       {name} (at most {MAX_LINES})" for n, name in sorted(long, reverse=True)]
            + [f"{n:5d} complexity  {name} (at most {MAX_COMPLEXITY})" for n, name in sorted(complex_, reverse=True)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--modules", action="store_true", help="list every module with its lines")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 listing functions over {MAX_LINES} lines or complexity {MAX_COMPLEXITY} (needs radon)")
    args = parser.parse_args()
    files = sorted(ROOT.rglob("*.py"))
    if args.check:
        over = over_limits(files)
        for line in over:
            print(line)
        print(f"{len(over)} function(s) over the limits" if over else "every function within the limits")
        return 1 if over else 0
    total = 0
    functions = []
    for path in files:
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        total += lines
        if args.modules:
            print(f"{lines:6d}  {path.relative_to(ROOT.parent)}")
        functions += lengths(path, source)
    print(f"{len(files)} modules, {total} lines")
    for length, name in sorted(functions, reverse=True)[: args.top]:
        print(f"{length:5d} lines  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
