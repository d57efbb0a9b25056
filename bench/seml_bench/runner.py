"""One Sphinx build in a fresh interpreter, and what it measured.

Every build runs ``sphinx.cmd.build.main`` (what ``python -m sphinx`` runs) in a
new ``python -c`` process, so nothing is cached between builds except what
Sphinx keeps on disk. Wall time is taken around the subprocess; the wrapper
reports peak memory and CPU time from inside.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .settings import WORK

# Runs sphinx.cmd.build.main (what ``python -m sphinx`` runs) and records on exit the
# peak RSS of this process and of its largest child (the -j N workers), and the CPU
# time (user + system) of both.
WRAPPER = r"""
import os, resource, sys
from sphinx.cmd.build import main
try:
    rc = main(sys.argv[1:])
finally:
    out = os.environ.get("BENCH_RSS_FILE")
    if out:
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
        with open(out, "w") as f:
            f.write(f"{me.ru_maxrss} {kids.ru_maxrss} {cpu}")
sys.exit(rc)
"""


@dataclass
class Run:
    """One build: wall and CPU seconds, peak RSS, size of the pickled environment."""

    seconds: float
    cpu_seconds: float
    peak_kb: int
    pickle_bytes: int
    warnings: int
    returncode: int


def build_env(**extra: str) -> dict[str, str]:
    """The environment of every build: bytecode caching on, in bench/_work/pycache.

    An installed package has its ``.pyc`` files; a checkout run with
    PYTHONDONTWRITEBYTECODE=1 (as some CI and sandboxes set) would compile the
    extension from source in every build, which no user pays. A separate cache
    prefix keeps the source tree untouched and treats all variants alike.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    env.update(extra)
    return env


def sphinx_args(vdir: Path, out: Path, jobs: int) -> list[str]:
    """The ``sphinx-build`` arguments of an HTML build of ``vdir/src`` into ``out``."""
    return [
        "-q",
        "-b",
        "html",
        "-j",
        str(jobs),
        "-d",
        str(out / "doctrees"),
        str(vdir / "src"),
        str(out / "html"),
    ]


def _read_usage(rss_file: str) -> tuple[int, float]:
    """Peak RSS (KB, the larger of the build and its largest child) and CPU seconds."""
    try:
        fields = Path(rss_file).read_text().split()
        me, kids, cpu = int(fields[0]), int(fields[1]), float(fields[2])
    except (OSError, ValueError, IndexError):
        me = kids = 0
        cpu = 0.0
    finally:
        os.unlink(rss_file)
    return max(me, kids), cpu


def build(vdir: Path, outname: str, jobs: int, *, clean: bool) -> Run:
    """Build ``vdir/src`` into ``vdir/outname/html`` with ``-j jobs``, from scratch if ``clean``."""
    out = vdir / outname
    if clean and out.exists():
        shutil.rmtree(out)
    fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
    os.close(fd)
    env = build_env(BENCH_RSS_FILE=rss_file)
    cmd = [sys.executable, "-c", WRAPPER, *sphinx_args(vdir, out, jobs)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=vdir)
    seconds = time.perf_counter() - start
    peak_kb, cpu = _read_usage(rss_file)
    if proc.returncode:
        sys.stderr.write(
            f"\n!! build failed in {vdir} (exit {proc.returncode}):\n{proc.stderr[-3000:]}\n"
        )
    warnings = sum(1 for line in proc.stderr.splitlines() if "WARNING" in line or "ERROR" in line)
    pickle = out / "doctrees" / "environment.pickle"
    return Run(
        seconds=seconds,
        cpu_seconds=cpu,
        peak_kb=peak_kb,
        pickle_bytes=pickle.stat().st_size if pickle.exists() else 0,
        warnings=warnings,
        returncode=proc.returncode,
    )


def diff_trees(left: Path, right: Path) -> list[str]:
    """Files that differ between two HTML outputs (``.buildinfo`` ignored)."""
    diffs: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        for name in cmp.left_only + cmp.right_only:
            if name != ".buildinfo":
                diffs.append(prefix + name + " (only on one side)")
        _, mismatch, errors = filecmp.cmpfiles(
            cmp.left, cmp.right, [n for n in cmp.common_files if n != ".buildinfo"], shallow=False
        )
        diffs.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(diffs)
