"""Command line: python -m consultation demo [--contributions N] [--seed S] [--out PATH]."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m consultation", description="Tableau de bord de la consultation.")
    parser.add_argument("command", choices=["demo"], help="demo : génère la consultation synthétique de démonstration")
    args, rest = parser.parse_known_args(argv)
    if args.command == "demo":
        from consultation import demo

        return demo.main(rest) or 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
