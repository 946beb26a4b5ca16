"""Size of the package for the record: modules with line counts, and the longest functions.

Usage: python tools/code_stats.py [--top N]
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "studypack"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--modules", action="store_true", help="list every module with its lines")
    args = parser.parse_args()
    files = sorted(ROOT.rglob("*.py"))
    total = 0
    functions = []
    for path in files:
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        total += lines
        if args.modules:
            print(f"{lines:6d}  {path.relative_to(ROOT.parent)}")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.append((node.end_lineno - node.lineno + 1, f"{path.relative_to(ROOT.parent)}:{node.lineno} {node.name}"))
    print(f"{len(files)} modules, {total} lines")
    for length, name in sorted(functions, reverse=True)[: args.top]:
        print(f"{length:5d} lines  {name}")


if __name__ == "__main__":
    main()
