"""The command line of ``bench/run.py``: options, the run of the matrix, the results file."""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import json
import os
import platform
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import sphinx

from . import importspeed
from .profiling import profile
from .report import table
from .scenarios import Bench
from .settings import (
    FULL_MATRIX,
    QUICK_MATRIX,
    RESULTS,
    SCENARIO_HELP,
    SCENARIOS,
    VARIANT_NAMES,
    VARIANTS,
)

DESCRIPTION = "Benchmark sphinxext-seml against plain reST (the floor) and sphinxcontrib-bibtex."


def parse_list(text: str) -> list[int]:
    return [int(x.replace("_", "").replace(",", "")) for x in text.split() if x]


def _int_list(text: str) -> list[int]:
    return parse_list(text.replace(",", " "))


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="scenarios:\n" + "\n".join(f"  {k:<15} {v}" for k, v in SCENARIO_HELP.items()),
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="small matrix: P=50, E=2000, 3 repeats, every scenario and variant"
        " (about 4 minutes on 2 cores)",
    )
    p.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help=f"comma-separated, from {', '.join(SCENARIOS)} (default: all)",
    )
    p.add_argument(
        "--pages",
        type=_int_list,
        default=None,
        help="page counts, e.g. '50,200,500' (default: 50,200,500; quick: 50)",
    )
    p.add_argument(
        "--entries",
        type=_int_list,
        default=None,
        help="catalogue sizes, e.g. '60,2000,10000' (default: 60,2000,10000; quick: 2000)",
    )
    p.add_argument("--repeat", type=int, default=None, help="runs per variant (default 5; quick 3)")
    p.add_argument("--cites", type=int, default=5, help="citations per page (default 5)")
    p.add_argument(
        "--list-size", type=int, default=10, help=":limit: of each page's seml-list (default 10)"
    )
    p.add_argument("--variants", default="a,b,c", help="subset of a,b,c (default: all)")
    p.add_argument("--catalogue-format", choices=("yaml", "json", "toml"), default="yaml")
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--out", default=str(RESULTS / "results.json"), help="JSON results file")
    p.add_argument(
        "--profile",
        nargs="?",
        const="auto",
        default=None,
        metavar="FILE.prof",
        help="instead of the matrix: cProfile one (a) build (--profile-scenario;"
        " first --pages / --entries, default P=200 E=2000) and print the top"
        " sphinxext_seml functions",
    )
    p.add_argument(
        "--profile-scenario",
        choices=("bib-per-page", "full", "incr-page"),
        default="bib-per-page",
        help="what --profile builds (default: bib-per-page)",
    )
    p.add_argument("--top", type=int, default=15, help="rows of the --profile summary")
    p.add_argument(
        "--import-speed",
        action="store_true",
        help="instead of the matrix: time importing, validating and listing awesome-list"
        " READMEs (the largest real list, a generated 20,000-item one) against their budgets",
    )
    p.add_argument("--silent", action="store_true", help="no per-build progress on stderr")
    return p


def _scenarios(p: argparse.ArgumentParser, text: str) -> list[str]:
    scenarios = [s.strip() for s in text.split(",") if s.strip()]
    for s in scenarios:
        if s not in SCENARIOS:
            p.error(f"unknown scenario {s!r}; choose from {', '.join(SCENARIOS)}")
    return scenarios


def _variants(p: argparse.ArgumentParser, text: str) -> list[str]:
    variants = [v.strip() for v in text.split(",") if v.strip()]
    if any(v not in VARIANTS for v in variants) or "a" not in variants:
        p.error("--variants: a subset of a,b,c that includes a")
    return variants


def _bibtex_version(variants: list[str], notes: list[str]) -> str | None:
    """sphinxcontrib-bibtex's version; without it, (c) is dropped from ``variants``."""
    if "c" not in variants:
        return None
    if importlib.util.find_spec("sphinxcontrib.bibtex") is None:
        note = (
            "NOTE: sphinxcontrib-bibtex is not installed, so variant (c) is skipped.\n"
            "      To compare with it, install it in the benchmark environment only:\n"
            "          python -m pip install sphinxcontrib-bibtex"
        )
        print(note, file=sys.stderr)
        notes.append("sphinxcontrib-bibtex not installed: (c) skipped")
        variants.remove("c")
        return None
    return version("sphinxcontrib-bibtex")


def _meta(
    args: argparse.Namespace, variants: list[str], notes: list[str], bibtex: str | None
) -> dict[str, Any]:
    return {
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sphinx": sphinx.__version__,
        "docutils": version("docutils"),
        "sphinxext_seml": version("sphinxext-seml"),
        "sphinxcontrib_bibtex": bibtex,
        "args": {k: v for k, v in vars(args).items() if k not in ("silent",)},
        "variants": {v: VARIANT_NAMES[v] for v in variants},
        "notes": notes,
    }


def _write_results(out: Path, meta: dict[str, Any], bench: Bench) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"meta": meta, "rows": [r.as_dict() for r in bench.rows]}, indent=2, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )


def _import_speed(args: argparse.Namespace) -> int:
    repeat = args.repeat or 5
    rows = importspeed.measure(repeat, silent=args.silent)
    print(f"\nawesome-list import speed — medians of {repeat} fresh processes")
    print(importspeed.table(rows))
    out = Path(args.out).with_name("import.json") if args.out else RESULTS / "import.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count()}
    data = {"meta": meta, "rows": [r.as_dict() for r in rows]}
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = make_parser()
    args = p.parse_args(argv)
    matrix = QUICK_MATRIX if args.quick else FULL_MATRIX
    if args.import_speed:
        return _import_speed(args)
    if args.profile is not None:
        args.pages = args.pages or [200]
        args.entries = args.entries or [2000]
        profile(args)
        return 0
    args.pages = args.pages or matrix["pages"]
    args.entries = args.entries or matrix["entries"]
    args.repeat = args.repeat or matrix["repeat"]
    scenarios = _scenarios(p, args.scenarios)
    variants = _variants(p, args.variants)
    notes: list[str] = []
    bibtex = _bibtex_version(variants, notes)
    meta = _meta(args, variants, notes, bibtex)

    bench = Bench(args, variants)
    started = time.perf_counter()
    bench.warm_up()
    for entries in args.entries:
        for pages in args.pages:
            for name in scenarios:
                bench.scenario(name, pages, entries)
    elapsed = time.perf_counter() - started
    meta["elapsed_s"] = round(elapsed, 1)

    print()
    print(
        f"sphinxext-seml benchmark — medians of {args.repeat} runs, {args.cites} citations and"
        f" one seml-list (:limit: {args.list_size}) per page; a = seml, b = plain reST,"
        f" c = sphinxcontrib-bibtex"
    )
    print(table(bench.rows))
    for note in notes:
        print(f"note: {note}")
    print(f"\n(total {elapsed / 60:.1f} min)")
    out = Path(args.out)
    _write_results(out, meta, bench)
    print(f"results written to {out}")
    return 0
