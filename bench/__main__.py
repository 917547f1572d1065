"""`python -m bench [--quick] [--no-browser]`: measure speed and memory, print a markdown table, write bench/results.md.

A benchmark, not a test: nothing here asserts a time. Each row says what was measured and how.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from . import measure

OUT = Path(__file__).parent / "results.md"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="shorter budgets (a smoke run, not for the README)")
    parser.add_argument("--no-browser", action="store_true", help="skip the rows that need Chromium and a server")
    parser.add_argument("--only", help="comma list of section letters to run, e.g. e,f (default: all)")
    parser.add_argument("--out", help="where to write the table (default: bench/results.md, results_<letters>.md)")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    start = time.perf_counter()
    for section in measure.SECTIONS:
        if args.no_browser and section.__name__ in measure.BROWSER_SECTIONS:
            continue
        if args.only and section.__doc__.strip()[1] not in args.only.split(","):
            continue
        print(f"… {section.__doc__.splitlines()[0]}", flush=True)
        rows.extend(section(quick=args.quick))
    header = [
        "# ScaleLab benchmark",
        "",
        f"Machine: {measure.machine()}; Python {platform.python_version()}; {measure.versions()}.",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} in {time.perf_counter() - start:.0f} s"
        + (" (--quick: shortened budgets)" if args.quick else "")
        + ".",
        "",
        "| what | result | how |",
        "|---|---|---|",
    ]
    table = "\n".join(header + [f"| {a} | {b} | {c} |" for a, b, c in rows]) + "\n"
    print(table)
    out = OUT if not args.only else OUT.with_name(f"results_{args.only.replace(',', '')}.md")
    out = Path(args.out) if args.out else out
    out.write_text(table, encoding="utf-8")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
