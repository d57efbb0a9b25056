"""``--profile``: cProfile one (a) build and print where the time goes."""

from __future__ import annotations

import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus import make_project
from .projects import project_files, sync
from .runner import build_env, sphinx_args
from .scenarios import Bench
from .settings import RESULTS, WORK, shape_of

if TYPE_CHECKING:
    import argparse

#: A profiled function: (file, line, name), as pstats keys them.
Func = tuple[str, int, str]


def ours(func: Func) -> bool:
    return "sphinxext_seml" in func[0]


def func_name(func: Func) -> str:
    path = func[0]
    if "sphinxext_seml" in path:
        path = "sphinxext_seml" + path.split("sphinxext_seml", 1)[1]
    return f"{path}:{func[1]}({func[2]})"


def run_profiled(args: argparse.Namespace) -> Path:
    """Build (a) under cProfile (after an unprofiled build for ``incr-page``); the .prof file."""
    pages, entries = args.pages[0], args.entries[0]
    kind = args.profile_scenario
    shape = shape_of(kind)
    project = make_project(pages, entries, args.cites, args.list_size, args.seed)
    vdir = WORK / f"{shape}-p{pages}-e{entries}-k{args.cites}" / "seml"
    sync(vdir / "src", project_files("a", project, shape, args.catalogue_format))
    out = vdir / "build-profile"
    if out.exists():
        shutil.rmtree(out)
    RESULTS.mkdir(parents=True, exist_ok=True)
    prof = (
        Path(args.profile).resolve()
        if args.profile != "auto"
        else (RESULTS / f"profile-{kind}-p{pages}-e{entries}.prof")
    )
    build_args = sphinx_args(vdir, out, 1)
    if kind == "incr-page":
        # the build to be incremental on (not profiled), then one edited page
        subprocess.run(
            [sys.executable, "-m", "sphinx", *build_args], check=True, cwd=vdir, env=build_env()
        )
        project.pages[len(project.pages) // 2].extra = "Révision profilée: une phrase de plus."
        sync(vdir / "src", project_files("a", project, shape, args.catalogue_format))
    args.silent = True
    Bench(args, ["a"]).warm_up()  # fills the bytecode cache: imports are not compiles
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "sphinx", *build_args]
    print(f"profiling (a) seml, {kind}, P={pages} E={entries}:", file=sys.stderr)
    start = time.perf_counter()
    try:
        subprocess.run(cmd, check=True, cwd=vdir, env=build_env())
    finally:
        if kind == "incr-page":  # leave the sources as generated
            project.pages[len(project.pages) // 2].extra = ""
            sync(vdir / "src", project_files("a", project, shape, args.catalogue_format))
    print(
        f"  wall {time.perf_counter() - start:.2f}s under cProfile; profile in {prof}",
        file=sys.stderr,
    )
    return prof


def entry_points(raw: dict[Any, Any]) -> tuple[float, dict[Func, list[float]]]:
    """Inclusive time in the extension, and per function entered from outside it.

    The cumulative time of its functions counted on the calls that enter it from
    outside (Sphinx/docutils calling a hook): [calls, cumulative seconds].
    """
    inside = 0.0
    points: dict[Func, list[float]] = {}
    for func, (_cc, _nc, _tt, _ct, callers) in raw.items():
        if ours(func):
            for caller, edge in callers.items():
                if not ours(caller):
                    inside += edge[3]
                    calls_ct = points.setdefault(func, [0, 0.0])
                    calls_ct[0] += edge[1]
                    calls_ct[1] += edge[3]
    return inside, points


def summary(prof: Path, top: int) -> None:
    """Print the extension's share of the time and its top functions."""
    stats = pstats.Stats(str(prof))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    inside, points = entry_points(raw)
    own = sum(v[2] for f, v in raw.items() if ours(f))
    print(
        f"\ntotal profiled time {total:.2f}s; inside sphinxext_seml (inclusive) {inside:.2f}s"
        f" ({100 * inside / total:.1f}%); own code only (tottime) {own:.2f}s"
    )
    ranked_ours = sorted((f for f in raw if ours(f)), key=lambda f: raw[f][3], reverse=True)
    print(f"\ntop {top} sphinxext_seml functions by cumulative time:")
    print(f"{'cum s':>8}{'own s':>8}{'calls':>9}  function")
    for f in ranked_ours[:top]:
        _cc, nc, tt, ct, _ = raw[f]
        print(f"{ct:8.3f}{tt:8.3f}{nc:9d}  {func_name(f)}")
    print(
        f"\nwhere Sphinx/docutils enter sphinxext_seml (inclusive time per entry point, top {top}):"
    )
    print(f"{'cum s':>8}{'calls':>9}  function")
    ranked = sorted(points.items(), key=lambda item: item[1][1], reverse=True)
    for f, (calls, ct) in ranked[:top]:
        print(f"{ct:8.3f}{int(calls):9d}  {func_name(f)}")
    top_own = sorted(raw, key=lambda f: raw[f][2], reverse=True)[:top]
    print(f"\ntop {top} functions anywhere by own time (tottime):")
    print(f"{'own s':>8}{'cum s':>8}{'calls':>9}  function")
    for f in top_own:
        _cc, nc, tt, ct, _ = raw[f]
        print(f"{tt:8.3f}{ct:8.3f}{nc:9d}  {func_name(f)}")


def profile(args: argparse.Namespace) -> None:
    summary(run_profiled(args), args.top)
