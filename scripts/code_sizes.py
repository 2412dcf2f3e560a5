"""Print the largest modules and functions of the package (lines, by the ast).

Usage: python scripts/code_sizes.py [REPO]   (default: this repository)
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def main(repo: Path) -> None:
    """Print the six largest modules and functions under ``repo/src/equipoise``."""
    root = repo / "src" / "equipoise"
    modules = sorted(
        ((len(p.read_text().splitlines()), str(p.relative_to(root))) for p in root.rglob("*.py")),
        reverse=True,
    )
    functions = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                functions.append((size, f"{path.relative_to(root)}:{node.name}"))
    functions.sort(reverse=True)
    print("largest modules:", modules[:6])
    print("largest functions:", functions[:6])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])
