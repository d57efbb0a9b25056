"""What each scenario builds and times, and the text check of its outputs.

Within every repeat the variants run one after the other, in an order rotated
from one repeat to the next, so that a slow moment of the machine does not fall
on one variant.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .corpus import Project, cited_order, make_project, select
from .projects import project_files, sync
from .runner import Run, build, diff_trees
from .settings import RESULTS, VARIANT_NAMES, WORK, shape_of
from .stats import Cell, Row
from .textcheck import compare_html

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

#: Lines of a text diff shown on the terminal (the whole diff goes to a file).
DIFF_LINES_SHOWN = 120


def rotated(variants: list[str], r: int) -> list[str]:
    r %= len(variants)
    return variants[r:] + variants[:r]


def edited_entry(project: Project) -> str:
    """A popular entry: cited, and shown in the most reading lists."""
    cited = set(cited_order(project))
    counts: dict[str, int] = {}
    for page in project.pages:
        for e in select(project, page.listing):
            counts[e.key] = counts.get(e.key, 0) + 1
    ranked = sorted(counts, key=lambda k: (k not in cited, -counts[k], k))
    return ranked[0] if ranked else cited_order(project)[0]


class Bench:
    """The rows measured so far, and how to measure one more scenario."""

    def __init__(self, args: argparse.Namespace, variants: list[str]) -> None:
        self.args = args
        self.variants = variants
        self.rows: list[Row] = []

    def log(self, msg: str) -> None:
        if not self.args.silent:
            print(msg, file=sys.stderr, flush=True)

    def files(self, v: str, project: Project, shape: str) -> dict[str, str]:
        return project_files(v, project, shape, self.args.catalogue_format)

    def prepare(self, shape: str, pages: int, entries: int) -> tuple[Project, dict[str, Path]]:
        a = self.args
        project = make_project(pages, entries, a.cites, a.list_size, a.seed)
        base = WORK / f"{shape}-p{pages}-e{entries}-k{a.cites}"
        dirs = {}
        for v in self.variants:
            vdir = base / VARIANT_NAMES[v]
            sync(vdir / "src", self.files(v, project, shape))
            dirs[v] = vdir
        return project, dirs

    def warm_up(self) -> None:
        """Untimed builds of a small project of each shape: byte-compiles modules and
        fills the OS caches, so that the first timed build is not the odd one out;
        and checks early that (a) and (b) render the same text."""
        self.log("== warm-up (untimed)")
        project = make_project(5, 60, self.args.cites, self.args.list_size, self.args.seed)
        for shape in ("bibs", "refs"):
            dirs = {}
            for v in self.variants:
                vdir = WORK / "warm-up" / shape / VARIANT_NAMES[v]
                sync(vdir / "src", self.files(v, project, shape))
                if build(vdir, "build", 1, clean=True).returncode:
                    raise SystemExit(f"the warm-up build of variant ({v}) failed; see above")
                dirs[v] = vdir
            self.check_text(f"warm-up-{shape}", dirs, "build")

    def check_text(self, label: str, dirs: dict[str, Path], outname: str) -> None:
        """Stop the benchmark, showing the diff, if (a) and (b) render different text."""
        if "a" not in dirs or "b" not in dirs:
            return
        check = compare_html(
            dirs["a"] / outname / "html", dirs["b"] / outname / "html", names=("seml", "plain")
        )
        if check.same:
            self.log(f"    text check: seml and plain show the same text ({check.pages} pages)")
            return
        RESULTS.mkdir(parents=True, exist_ok=True)
        saved = RESULTS / f"text-diff-{label}.txt"
        saved.write_text("\n".join(check.diff) + "\n", encoding="utf-8")
        shown = check.diff[:DIFF_LINES_SHOWN]
        more = len(check.diff) - len(shown)
        raise SystemExit(
            f"\n!! TEXT CHECK FAILED ({label}): (a) seml and (b) plain reST render different"
            f" text, so (b) is no longer the floor. Fix bench/seml_bench/baseline.py or"
            f" projects.py so that (b) renders what the extension renders.\n"
            + "\n".join(shown)
            + (f"\n... {more} more lines in {saved}" if more > 0 else f"\n(diff in {saved})")
        )

    def measure(self, label: str, v: str, run: Run) -> None:
        self.log(
            f"    {label:<18} {VARIANT_NAMES[v]:<7} {run.seconds:7.2f}s"
            f"  {run.peak_kb / 1024:7.1f} MB"
            + (f"  {run.warnings} warnings" if run.warnings else "")
            + (f"  FAILED ({run.returncode})" if run.returncode else "")
        )

    def scenario(self, name: str, pages: int, entries: int) -> None:
        a = self.args
        self.log(f"== {name}: P={pages} E={entries} K={a.cites}/page, repeat {a.repeat}")
        project, dirs = self.prepare(shape_of(name), pages, entries)
        label = f"{name}-p{pages}-e{entries}"
        if name in ("full", "bib-per-page"):
            self.rows.append(Row(name, pages, entries, self.from_scratch(dirs)))
            self.check_text(label, dirs, "build")
        elif name in ("incr-page", "incr-catalogue"):
            self.rows.append(self.incremental(name, project, dirs, pages, entries))
            self.check_text(label, dirs, "build")
        elif name == "parallel":
            self.rows.extend(self.parallel(dirs, pages, entries))
            self.check_text(label, dirs, "build-j1")
        else:
            raise SystemExit(f"unknown scenario {name!r}")

    def from_scratch(self, dirs: dict[str, Path]) -> dict[str, Cell]:
        cells = {v: Cell() for v in self.variants}
        for r in range(self.args.repeat):
            for v in rotated(self.variants, r):
                run = build(dirs[v], "build", 1, clean=True)
                cells[v].runs.append(run)
                self.measure(f"#{r + 1}", v, run)
        return cells

    def incremental(
        self, name: str, project: Project, dirs: dict[str, Path], pages: int, entries: int
    ) -> Row:
        """Each repeat edits one page's text (or one entry's title) and rebuilds."""
        shape = shape_of(name)
        for v in self.variants:  # the build to be incremental on, not timed
            build(dirs[v], "build", 1, clean=True)
        cells = {v: Cell() for v in self.variants}
        changed: dict[str, list[str]] = {}
        edited = edited_entry(project) if name == "incr-catalogue" else None
        original = project.by_key[edited].title if edited else ""
        edited_page = project.pages[len(project.pages) // 2]
        for r in range(self.args.repeat):
            if edited is None:
                edited_page.extra = f"Révision {r + 1}: une phrase ajoutée à la main, pour voir."
            else:
                project.by_key[edited].title = f"{original} (rév. {r + 1})"
            for v in rotated(self.variants, r):
                changed[v] = sync(dirs[v] / "src", self.files(v, project, shape))
                run = build(dirs[v], "build", 1, clean=False)
                cells[v].runs.append(run)
                self.measure(f"#{r + 1} ({len(changed[v])} files)", v, run)
        # leave the sources as generated
        if edited is None:
            edited_page.extra = ""
        else:
            project.by_key[edited].title = original
        for v in self.variants:
            sync(dirs[v] / "src", self.files(v, project, shape))
        extra: dict[str, Any] = {
            "files_changed_per_edit": {v: len(changed.get(v, [])) for v in self.variants}
        }
        if edited:
            extra["edited_entry"] = edited
        return Row(name, pages, entries, cells, extra)

    def parallel(self, dirs: dict[str, Path], pages: int, entries: int) -> list[Row]:
        """Builds at -j 1 and -j 2 (alternating which comes first), then a byte comparison."""
        by_jobs = {j: {v: Cell() for v in self.variants} for j in (1, 2)}
        for r in range(self.args.repeat):
            for v in rotated(self.variants, r):
                for j in (1, 2) if r % 2 == 0 else (2, 1):
                    run = build(dirs[v], f"build-j{j}", j, clean=True)
                    by_jobs[j][v].runs.append(run)
                    self.measure(f"#{r + 1} -j {j}", v, run)
        check: dict[str, Any] = {}
        for v in self.variants:
            diffs = diff_trees(dirs[v] / "build-j1" / "html", dirs[v] / "build-j2" / "html")
            j1, j2 = by_jobs[1][v].median, by_jobs[2][v].median
            check[v] = {
                "identical": not diffs,
                "differing_files": diffs[:20],
                "speedup_j2": (j1 / j2) if j1 and j2 else None,
            }
        return [
            Row(f"parallel-j{j}", pages, entries, by_jobs[j], {"parallel_check": check})
            for j in (1, 2)
        ]
