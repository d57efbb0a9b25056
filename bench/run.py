#!/usr/bin/env python3
"""Benchmark sphinxext-seml against plain reST (the floor) and sphinxcontrib-bibtex.

For each shape (P pages, a catalogue of E entries, K citations per page, one
``seml-list`` per page) it generates three equivalent Sphinx projects under
``bench/_work/``:

(a) ``seml``   -- sphinxext-seml: a user catalogue in the native format,
                  ``.. seml-list::``, ``:seml:cite:`` and ``.. seml-bibliography::``;
(b) ``plain``  -- the same rendered content written by hand in plain reST: the
                  list items as bullet lists, citations as ``[n]`` links to a
                  hand-written references list;
(c) ``bibtex`` -- the plain lists, with the citations and bibliographies done by
                  sphinxcontrib-bibtex (``:cite:p:``, ``.. bibliography::``) from a
                  ``.bib`` of the same entries.

Each build is a fresh ``python -m sphinx``-equivalent subprocess; the variants
alternate within every repeat. See bench/README.md for what is measured.

Only the standard library and Sphinx are imported here.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import filecmp
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sphinx

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
RESULTS = HERE / "results"

VARIANTS = ("a", "b", "c")
VARIANT_NAMES = {"a": "seml", "b": "plain", "c": "bibtex"}

SCENARIOS = ("full", "incr-page", "incr-catalogue", "bib-per-page", "parallel")
SCENARIO_HELP = {
    "full": "full build (-j 1) of P pages + one references page",
    "incr-page": "incremental build after editing the text of one page",
    "incr-catalogue": "incremental build after editing one entry of the catalogue"
    " (plain: the pages showing it; bibtex: the .bib and the pages listing it)",
    "bib-per-page": "full build with a bibliography on every page (plus the references page)",
    "parallel": "full builds at -j 1 and -j 2, and whether their outputs are byte-identical",
}
#: Budgets of DESIGN.md: scenario -> max ratio (a)/(b). None: no budget.
TIME_BUDGET: dict[str, float | None] = {
    "full": 1.10,
    "incr-page": 1.10,
    "incr-catalogue": None,
    "bib-per-page": 1.25,
    "parallel-j1": 1.10,
    "parallel-j2": 1.10,
}
MEMORY_BUDGET = 1.25

FULL_MATRIX = {"pages": [50, 200, 500], "entries": [60, 2000, 10000], "repeat": 5}
QUICK_MATRIX = {"pages": [50], "entries": [2000], "repeat": 3}

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


# =============================================================================
# Synthetic data
# =============================================================================

# fmt: off
CATEGORIES = [
    ("overviews", "Broad Overviews", "These resources cover all aspects."),
    ("data", "Data Management", "How to manage the data sets you use in machine learning."),
    ("training", "Model Training", "How to organise your model training experiments."),
    ("deployment", "Deployment and Operation", "How to deploy and operate models in production."),
    ("social", "Social Aspects", "How to organise teams and projects for effective collaboration."),
    ("governance", "Governance", "Accountability, auditing, fairness and responsible AI."),
    ("tooling", "Tooling", "Tooling can make your life easier."),
]
# slug, label, emoji, description
FLAGS = [
    ("must-read", "Must-read", "⭐", ""),
    ("scientific", "Scientific", "🎓", "Scientific publication"),
]
FLAG_ORDER = [f[0] for f in FLAGS]
FLAG_LABEL = {f[0]: f"{f[2]} {f[1]}" for f in FLAGS}

GIVEN = [
    "José", "Zoë", "Łukasz", "Søren", "Ana", "François", "Mei", "Raúl", "Ingrid", "Dmitri",
    "Chloé", "Björn", "Aïsha", "Nuno", "Hélène", "Kenji", "Małgorzata", "Tomás", "Ülkü", "Priya",
    "Jürgen", "Inês", "Olúwaseun", "Émilie", "Ravi", "Céline", "Andrés", "Noémie", "Wei", "Grace",
]
FAMILY = [
    "García", "Müller", "Nowak", "Kierkegaard", "Sculley", "Lefèvre", "Zhang", "Ibáñez",
    "Bergström", "Ivanov", "Dubois", "Åström", "Okafor", "Gonçalves", "van der Aalst", "Tanaka",
    "Wójcik", "Ó Briain", "Yılmaz", "Raman", "Schäfer", "Conceição", "Adébáyọ̀", "Moreau",
    "Subramanian", "Rousseau", "Peña", "Lemaître", "Chen", "Hopper", "de la Cruz", "Nakamura",
]
TOPIC = [
    "Technical Debt", "Data Validation", "Feature Stores", "Model Monitoring", "Data Drift",
    "Continuous Delivery", "Reproducibility", "Experiment Tracking", "Model Governance",
    "Fairness Audits", "ML Testing", "Data Versioning", "Model Serving", "Requirements",
    "Team Topologies", "Labelling Pipelines", "Privacy Reviews", "Model Cards", "Canary Releases",
    "Résumé Screening Models", "Déjà-vu Bugs", "Naïve Baselines", "Über-scale Inference",
    "Pipeline Jungles", "Hyper-parameter Search", "Shadow Deployments", "Data Contracts",
]
DOMAIN = [
    "Machine Learning Systems", "Production ML", "Deep Learning", "MLOps", "AI Engineering",
    "Recommender Systems", "Autonomous Vehicles", "Healthcare AI", "Financial Services",
    "Large Language Models", "Computer Vision", "Start-ups", "Regulated Industries",
]
PATTERN = [
    "{topic} in {domain}",
    "{topic} for {domain}: A Case Study",
    "On the Challenges of {topic} in {domain}",
    "{topic}: What Practitioners Actually Do",
    "Towards {topic} at Scale",
    "A Survey of {topic} for {domain}",
    "Lessons Learned from {topic} in {domain}",
    "{topic} Considered Harmful",
    "Why {topic} Matters for {domain}",
    "Hands-on {topic} with Open-source Tools",
]
VENUES = {
    "paper": [
        "Proceedings of ICSE-SEIP", "Proceedings of FSE", "Advances in NeurIPS",
        "IEEE Software", "Empirical Software Engineering", "Proceedings of CAIN",
        "Proceedings of MLSys", "ACM Computing Surveys", "Journal of Systems and Software",
    ],
    "article": ["ACM Queue", "Communications of the ACM", "IEEE Spectrum", "The Gradient"],
    "blog": [
        "Towards Data Science", "Netflix TechBlog", "Uber Engineering",
        "Le blog de l’équipe données",
    ],
    "guide": ["Google for Developers", "Microsoft Learn", "AWS Well-Architected"],
    "book": ["O’Reilly Media", "Manning", "MIT Press", "Springer"],
    "talk": ["PyData Berlin", "MLOps World", "QCon London"],
    "tool": [],
}
TYPES = [
    ("paper", 35), ("article", 18), ("blog", 15), ("guide", 10), ("tool", 10), ("book", 6),
    ("talk", 6),
]
SUMMARY = [
    "A practitioner’s account of {t}, with a checklist for teams.",
    "Shows how {t} fails silently and what to monitor instead.",
    "An empirical study of {t} across {n} open-source projects.",
    "Explains {t} from first principles, with worked examples (et café compris).",
    "A short, opinionated guide to {t} in régulated environments.",
]
WORDS = [
    "the", "model", "pipeline", "data", "team", "production", "training", "evaluation", "drift",
    "monitoring", "feature", "store", "schema", "validation", "release", "deployment", "latency",
    "budget", "incident", "review", "audit", "fairness", "privacy", "requirement", "experiment",
    "notebook", "dataset", "label", "quality", "service", "owner", "rollout", "canary", "shadow",
    "rollback", "metric", "dashboard", "alert", "retraining", "governance", "façade", "naïve",
    "rôle", "coöperation", "déjà", "résumé", "über", "señor", "crème",
]
# fmt: on


def ascii_fold(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


@dataclass
class Ref:
    key: str
    title: str
    url: str
    category: str
    flags: tuple[str, ...]
    type: str
    authors: tuple[str, ...]
    year: int | None
    venue: str | None
    doi: str | None
    summary: str | None


def make_entries(n: int, seed: int) -> list[Ref]:
    rng = random.Random(seed)
    type_names = [t for t, _ in TYPES]
    type_weights = [w for _, w in TYPES]
    used: set[str] = set()
    out: list[Ref] = []
    for i in range(n):
        typ = rng.choices(type_names, type_weights)[0]
        topic, domain = rng.choice(TOPIC), rng.choice(DOMAIN)
        title = rng.choice(PATTERN).format(topic=topic, domain=domain)
        if typ == "tool":
            title = f"{ascii_fold(topic)[:10]}{rng.randint(1, 99)}: {topic} Toolkit"
        if typ == "paper":
            authors = tuple(
                f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(rng.randint(1, 8))
            )
        elif typ in ("article", "book", "talk"):
            authors = tuple(
                f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(rng.randint(1, 3))
            )
        elif typ == "blog":
            authors = (f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",) if rng.random() < 0.7 else ()
        else:
            authors = ()
        year: int | None = rng.randint(2012, 2024)
        if typ in ("tool", "guide") and rng.random() < 0.6:
            year = None
        venues = VENUES[typ]
        venue = (
            rng.choice(venues)
            if venues and (typ in ("paper", "book") or rng.random() < 0.6)
            else None
        )
        doi = (
            f"10.1145/{3_300_000 + i}.{rng.randint(1000, 9999)}"
            if typ == "paper" and rng.random() < 0.6
            else None
        )
        flags: list[str] = []
        if rng.random() < 0.12:
            flags.append("must-read")
        if typ == "paper" and rng.random() < 0.85:
            flags.append("scientific")
        summary = (
            rng.choice(SUMMARY).format(t=topic.lower(), n=rng.randint(12, 400))
            if rng.random() < 0.5
            else None
        )
        head = (
            ascii_fold(authors[0].split()[-1]).lower()
            if authors
            else ascii_fold(topic).lower()[:12]
        )
        base = f"{head}{year or ''}{ascii_fold(title.split()[0]).lower()[:8]}"
        key, suffix = base, 1
        while key in used:
            suffix += 1
            key = f"{base}{suffix}"
        used.add(key)
        if doi:
            url = f"https://doi.org/{doi}"
        elif typ == "tool":
            url = f"https://github.com/example-org/{key}"
        else:
            url = f"https://example.org/{typ}s/{key}.html"
        out.append(
            Ref(
                key,
                title,
                url,
                CATEGORIES[rng.randrange(len(CATEGORIES))][0],
                tuple(flags),
                typ,
                authors,
                year,
                venue,
                doi,
                summary,
            )
        )
    return out


def catalogue_order(entries: list[Ref]) -> list[Ref]:
    """Category order, then position in the file (what seml's ``catalogue`` sort does)."""
    rank = {slug: i for i, (slug, _, _) in enumerate(CATEGORIES)}
    return [e for _, e in sorted(enumerate(entries), key=lambda p: (rank[p[1].category], p[0]))]


@dataclass
class ListSpec:
    category: str
    flag: str | None
    sort: str  # catalogue | -year
    limit: int


@dataclass
class Page:
    name: str
    title: str
    #: paragraphs; each a list of segments: ("t", text) or ("c", key)
    paragraphs: list[list[tuple[str, str]]]
    listing: ListSpec
    extra: str = ""  # text appended by the incremental-edit scenario


@dataclass
class Project:
    pages: list[Page]
    entries: list[Ref]
    list_size: int
    by_key: dict[str, Ref] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_key = {e.key: e for e in self.entries}


def make_project(n_pages: int, n_entries: int, cites: int, list_size: int, seed: int) -> Project:
    entries = make_entries(n_entries, seed)
    rng = random.Random(seed * 7919 + n_pages)
    # Citations follow a Zipf-like popularity: a few classics are cited everywhere.
    keys = [e.key for e in entries]
    rng.shuffle(keys)
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(keys))]
    pages = []
    for i in range(1, n_pages + 1):
        topic = rng.choice(TOPIC)
        title = f"Chapitre {i} — {topic} à l’échelle"
        cited: list[str] = []
        while len(cited) < min(cites, len(keys)):
            key = rng.choices(keys, weights)[0]
            if key not in cited:
                cited.append(key)
        paragraphs: list[list[tuple[str, str]]] = []
        n_par = 3
        per_par = [cited[j::n_par] for j in range(n_par)]
        for j in range(n_par):
            segs: list[tuple[str, str]] = []
            for k in range(rng.randint(3, 5)):
                words = rng.choices(WORDS, k=rng.randint(10, 22))
                sentence = " ".join(words).capitalize()
                segs.append(("t", sentence))
                if k < len(per_par[j]):
                    segs.append(("c", per_par[j][k]))
                segs.append(("t", "."))
            for key in per_par[j][5:]:
                segs.extend([("t", "See also"), ("c", key), ("t", ".")])
            paragraphs.append(segs)
        category = CATEGORIES[(i - 1) % len(CATEGORIES)][0]
        mode = i % 4
        listing = ListSpec(
            category=category,
            flag={0: "must-read", 2: "scientific"}.get(mode),
            sort="-year" if mode in (1, 2) else "catalogue",
            limit=list_size,
        )
        pages.append(Page(f"chapter{i:03d}", title, paragraphs, listing))
    return Project(pages, entries, list_size)


def select(project: Project, spec: ListSpec) -> list[Ref]:
    """What ``.. seml-list::`` shows for ``spec`` (same rules as the query layer)."""
    ordered = catalogue_order(project.entries)
    pos = {e.key: i for i, e in enumerate(ordered)}
    pool = [
        e
        for e in ordered
        if e.category == spec.category and (spec.flag is None or spec.flag in e.flags)
    ]
    if spec.sort == "-year":
        pool.sort(key=lambda e: (e.year is None, -(e.year or 0), pos[e.key]))
    return pool[: spec.limit]


def cited_order(project: Project) -> list[str]:
    seen: dict[str, None] = {}
    for page in project.pages:
        for par in page.paragraphs:
            for kind, value in par:
                if kind == "c":
                    seen.setdefault(value, None)
    return list(seen)


def page_cites(page: Page) -> list[str]:
    seen: dict[str, None] = {}
    for par in page.paragraphs:
        for kind, value in par:
            if kind == "c":
                seen.setdefault(value, None)
    return list(seen)


# =============================================================================
# Formatting shared by the hand-written variants (mirrors sphinxext_seml's render.py)
# =============================================================================


def rst_escape(text: str) -> str:
    for ch in "\\`*_|<>":
        text = text.replace(ch, "\\" + ch)
    return text


def format_authors(authors: tuple[str, ...], *, short: bool) -> str:
    names = list(authors)
    if not names:
        return ""
    if short and len(names) > 3:
        return f"{names[0]} et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def byline(e: Ref) -> str:
    parts = []
    authors = format_authors(e.authors, short=True)
    if authors and e.year:
        parts.append(f"{authors} ({e.year}).")
    elif authors:
        parts.append(f"{authors}.")
    elif e.year:
        parts.append(f"({e.year}).")
    if e.venue:
        parts.append(e.venue.rstrip(".") + ".")
    return " ".join(parts)


def link(text: str, url: str) -> str:
    return f"`{rst_escape(text)} <{url}>`__"


def badges(e: Ref) -> str:
    return "".join(f" :badge-{f}:`{FLAG_LABEL[f]}`" for f in FLAG_ORDER if f in e.flags)


def doi_link(e: Ref) -> str:
    return f" {link('doi:' + e.doi, 'https://doi.org/' + e.doi)}" if e.doi else ""


def headline(e: Ref) -> str:
    out = link(e.title, e.url) + badges(e)
    by = byline(e)
    if by:
        out += f" — :byline:`{rst_escape(by)}`"
    return out + doi_link(e)


def reference(e: Ref) -> str:
    authors = format_authors(e.authors, short=False)
    year = f"({e.year})" if e.year else "(n.d.)"
    before = f"{rst_escape(authors)} {year}. " if authors else ""
    after = "." if authors else f" {year}."
    if e.venue:
        after += " " + rst_escape(e.venue.rstrip(".")) + "."
    return before + link(e.title, e.url) + after + doi_link(e) + badges(e)


def plain_list(items: list[Ref]) -> str:
    if not items:
        return "No matching entries.\n\n"
    out = []
    for e in items:
        out.append(f"- {headline(e)}\n")
        if e.summary:
            out.append(f"\n  {rst_escape(e.summary)}\n")
        out.append("\n")
    return "".join(out)


def plain_references(keys: list[str], project: Project, label_prefix: str) -> str:
    out = []
    for n, key in enumerate(keys, 1):
        out.append(
            f"[{n}]\n   .. _{label_prefix}-{key}:\n\n   {reference(project.by_key[key])}\n\n"
        )
    return "".join(out)


RST_PROLOG = """
.. role:: badge-must-read
   :class: seml-badge seml-badge-must-read
.. role:: badge-scientific
   :class: seml-badge seml-badge-scientific
.. role:: byline
   :class: seml-byline
"""


# =============================================================================
# Writing the three projects
# =============================================================================


def heading(text: str, char: str) -> str:
    return f"{text}\n{char * (len(text) + 4)}\n\n"


def conf_py(variant: str, catalogue_file: str) -> str:
    common = (
        "project = 'Manuel d’ingénierie ML'\n"
        "author = 'Équipe plateforme'\n"
        "copyright = '2025, Équipe plateforme'\n"
        "html_theme = 'alabaster'\n"
        "exclude_patterns = ['_build']\n"
    )
    if variant == "a":
        return common + (
            "extensions = ['sphinxext_seml']\n"
            f"seml_catalogues = [{catalogue_file!r}]\n"
            "seml_include_builtin = False\n"
        )
    prolog = f"rst_prolog = {RST_PROLOG!r}\n"
    if variant == "b":
        return common + "extensions = []\n" + prolog
    return (
        common
        + prolog
        + (
            "extensions = ['sphinxcontrib.bibtex']\n"
            "# A key cited on a page is in that page's bibliography and in the references\n"
            "# page's, and every bibliography numbers from 1: expected, so not reported.\n"
            "suppress_warnings = ['bibtex.duplicate_citation', 'bibtex.duplicate_label']\n"
            "bibtex_bibfiles = ['refs.bib']\n"
            "bibtex_default_style = 'unsrt'\n"
            "bibtex_reference_style = 'label'\n"
        )
    )


PART_SIZE = 20  # chapters per part: the toctree is nested, as in a real handbook
PART_TITLES = [
    "Données",
    "Entraînement",
    "Déploiement",
    "Exploitation",
    "Équipes",
    "Gouvernance",
    "Outillage",
    "Qualité",
    "Sécurité",
    "Coûts",
    "Éthique",
    "Annexes",
]


def parts(project: Project) -> list[tuple[str, str, list[Page]]]:
    """(docname, title, chapters): chapters grouped in parts of PART_SIZE."""
    out = []
    for n, start in enumerate(range(0, len(project.pages), PART_SIZE), 1):
        title = f"Partie {n} — {PART_TITLES[(n - 1) % len(PART_TITLES)]}"
        out.append((f"part{n:02d}", title, project.pages[start : start + PART_SIZE]))
    return out


def index_rst(project: Project) -> str:
    body = heading("Manuel d’ingénierie du machine learning", "=")
    body += (
        "Ce manuel rassemble les pratiques de l’équipe plateforme: données, entraînement,\n"
        "déploiement et gouvernance des modèles.\n\n"
        ".. toctree::\n   :maxdepth: 2\n\n"
    )
    body += "".join(f"   {name}\n" for name, _, _ in parts(project))
    body += "   references\n"
    return body


def part_rst(title: str, chapters: list[Page]) -> str:
    body = heading(title, "=")
    body += "Les chapitres de cette partie, dans l’ordre où les lire.\n\n"
    body += ".. toctree::\n   :maxdepth: 1\n\n"
    return body + "".join(f"   {p.name}\n" for p in chapters)


def paragraph(segs: list[tuple[str, str]], cite: Any) -> str:
    words: list[str] = []
    for kind, value in segs:
        if kind == "t":
            if value == "." and words:
                words[-1] += "."
            else:
                words.extend(rst_escape(value).split())
        else:
            words.append(cite(value))
    # wrap at ~90 columns, as a person would
    lines, line = [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > 90:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return "\n".join(lines) + "\n\n"


def page_rst(
    variant: str, page: Page, project: Project, shape: str, numbers: dict[str, int]
) -> str:
    local_keys = page_cites(page)
    if shape == "bibs":
        position = {k: i for i, k in enumerate(numbers)}
        local_keys.sort(key=lambda k: position[k])
        local_no = {k: i for i, k in enumerate(local_keys, 1)}

    def cite(key: str) -> str:
        if variant == "a":
            return f":seml:cite:`{key}`"
        if variant == "c":
            return f":cite:p:`{key}`"
        if shape == "bibs":
            return f"[:ref:`{local_no[key]} <{page.name}-{key}>`]"
        return f"[:ref:`{numbers[key]} <ref-{key}>`]"

    out = heading(page.title, "=")
    for par in page.paragraphs:
        out += paragraph(par, cite)
    if page.extra:
        out += page.extra + "\n\n"
    out += heading("Further reading", "-")
    spec = page.listing
    if variant == "a":
        out += f".. seml-list:: {spec.category}\n"
        if spec.flag:
            out += f"   :flag: {spec.flag}\n"
        if spec.sort != "catalogue":
            out += f"   :sort: {spec.sort}\n"
        out += f"   :limit: {spec.limit}\n\n"
    else:
        out += plain_list(select(project, spec))
    if shape == "bibs":
        out += heading("References", "-")
        if variant == "a":
            out += ".. seml-bibliography::\n   :local:\n"
        elif variant == "c":
            out += ".. bibliography::\n   :filter: docname in docnames\n"
        else:
            out += plain_references(local_keys, project, page.name)
    return out


def references_rst(variant: str, project: Project, order: list[str]) -> str:
    out = heading("References", "=")
    out += "Every reference cited in this handbook, in order of first citation.\n\n"
    if variant == "a":
        return out + ".. seml-bibliography::\n"
    if variant == "c":
        return out + ".. bibliography::\n"
    return out + plain_references(order, project, "ref")


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def catalogue_data(project: Project) -> dict[str, Any]:
    entries = []
    for e in project.entries:
        d: dict[str, Any] = {"key": e.key, "title": e.title, "url": e.url, "category": e.category}
        if e.flags:
            d["flags"] = list(e.flags)
        d["type"] = e.type
        if e.authors:
            d["authors"] = list(e.authors)
        for name in ("year", "venue", "doi", "summary"):
            if getattr(e, name) is not None:
                d[name] = getattr(e, name)
        entries.append(d)
    return {
        "categories": [
            {"slug": s, "title": t, "description": d, "order": i}
            for i, (s, t, d) in enumerate(CATEGORIES)
        ],
        "flags": [
            {"slug": s, "label": lab, "emoji": em, **({"description": d} if d else {})}
            for s, lab, em, d in FLAGS
        ],
        "entries": entries,
    }


def catalogue_text(project: Project, fmt: str) -> str:
    data = catalogue_data(project)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def scalar(v: Any) -> str:
        if isinstance(v, str):
            return yaml_str(v)
        if isinstance(v, list):
            return "[" + ", ".join(scalar(x) for x in v) + "]"
        return str(v)

    if fmt == "toml":
        out = ["# Internal handbook catalogue (generated by bench/run.py)\n"]
        for table in ("categories", "flags", "entries"):
            for item in data[table]:
                out.append(f"\n[[{table}]]\n")
                out.extend(f"{k} = {scalar(v)}\n" for k, v in item.items())
        return "".join(out)
    out = ["# Internal handbook catalogue (generated by bench/run.py)\n"]
    for table in ("categories", "flags", "entries"):
        out.append(f"\n{table}:\n")
        for item in data[table]:
            first = True
            for k, v in item.items():
                if isinstance(v, list) and k == "authors":
                    rendered = "".join(f"\n      - {scalar(x)}" for x in v)
                    out.append(f"  {'- ' if first else '  '}{k}:{rendered}\n")
                else:
                    out.append(f"  {'- ' if first else '  '}{k}: {scalar(v)}\n")
                first = False
            out.append("\n")
    return "".join(out)


def bib_text(project: Project) -> str:
    def braced(text: str) -> str:
        return (
            "{"
            + text.replace("{", "").replace("}", "").replace("&", r"\&").replace("%", r"\%")
            + "}"
        )

    out = ["% Internal handbook bibliography (generated by bench/run.py)\n"]
    for e in project.entries:
        fields: list[tuple[str, str]] = []
        if e.authors:
            fields.append(("author", braced(" and ".join(e.authors))))
        fields.append(("title", "{" + braced(e.title) + "}"))
        if e.type == "paper":
            kind = "inproceedings"
            fields.append(("booktitle", braced(e.venue or "Proceedings")))
        elif e.type == "book":
            kind = "book"
            fields.append(("publisher", braced(e.venue or "Self-published")))
        else:
            kind = "misc"
            if e.venue:
                fields.append(("howpublished", braced(e.venue)))
        if e.year:
            fields.append(("year", str(e.year)))
        elif kind != "misc":
            fields.append(("year", "2020"))
        if e.doi:
            fields.append(("doi", braced(e.doi)))
        fields.append(("url", braced(e.url)))
        if e.summary:
            fields.append(("note", braced(e.summary)))
        body = ",\n".join(f"  {k} = {v}" for k, v in fields)
        out.append(f"\n@{kind}{{{e.key},\n{body}\n}}\n")
    return "".join(out)


def project_files(variant: str, project: Project, shape: str, catalogue_fmt: str) -> dict[str, str]:
    order = cited_order(project)
    numbers = {k: i for i, k in enumerate(order, 1)}
    cat_file = f"catalogue.{catalogue_fmt}"
    files = {
        "conf.py": conf_py(variant, cat_file),
        "index.rst": index_rst(project),
        "references.rst": references_rst(variant, project, order),
    }
    for name, title, chapters in parts(project):
        files[f"{name}.rst"] = part_rst(title, chapters)
    for page in project.pages:
        files[f"{page.name}.rst"] = page_rst(variant, page, project, shape, numbers)
    if variant == "a":
        files[cat_file] = catalogue_text(project, catalogue_fmt)
    if variant == "c":
        files["refs.bib"] = bib_text(project)
    return files


def sync(src: Path, files: dict[str, str]) -> list[str]:
    """Write the files whose content changed (Sphinx rebuilds on mtime); return them."""
    src.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in files.items():
        path = src / name
        data = text.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            changed.append(name)
    return changed


# =============================================================================
# Building and measuring
# =============================================================================


@dataclass
class Run:
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


def build(vdir: Path, outname: str, jobs: int, *, clean: bool) -> Run:
    out = vdir / outname
    if clean and out.exists():
        shutil.rmtree(out)
    doctrees, html = out / "doctrees", out / "html"
    fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
    os.close(fd)
    env = build_env(BENCH_RSS_FILE=rss_file)
    cmd = [
        sys.executable,
        "-c",
        WRAPPER,
        "-q",
        "-b",
        "html",
        "-j",
        str(jobs),
        "-d",
        str(doctrees),
        str(vdir / "src"),
        str(html),
    ]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=vdir)
    seconds = time.perf_counter() - start
    try:
        fields = Path(rss_file).read_text().split()
        me, kids, cpu = int(fields[0]), int(fields[1]), float(fields[2])
    except (OSError, ValueError, IndexError):
        me = kids = 0
        cpu = 0.0
    finally:
        os.unlink(rss_file)
    if proc.returncode:
        sys.stderr.write(
            f"\n!! build failed in {vdir} (exit {proc.returncode}):\n{proc.stderr[-3000:]}\n"
        )
    warnings = sum(1 for line in proc.stderr.splitlines() if "WARNING" in line or "ERROR" in line)
    pickle = doctrees / "environment.pickle"
    return Run(
        seconds=seconds,
        cpu_seconds=cpu,
        peak_kb=max(me, kids),
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


@dataclass
class Cell:
    """Measurements of one variant in one row."""

    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        ok = [r.seconds for r in self.runs if r.returncode == 0]
        return statistics.median(ok) if ok else None

    @property
    def cpu_median(self) -> float | None:
        ok = [r.cpu_seconds for r in self.runs if r.returncode == 0 and r.cpu_seconds]
        return statistics.median(ok) if ok else None

    @property
    def peak_mb(self) -> float | None:
        ok = [r.peak_kb for r in self.runs if r.returncode == 0 and r.peak_kb]
        return statistics.median(ok) / 1024 if ok else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "median_s": self.median,
            "times_s": [round(r.seconds, 4) for r in self.runs],
            "cpu_median_s": self.cpu_median,
            "cpu_s": [round(r.cpu_seconds, 4) for r in self.runs],
            "peak_mb_median": self.peak_mb,
            "peak_kb": [r.peak_kb for r in self.runs],
            "env_pickle_bytes": self.runs[-1].pickle_bytes if self.runs else None,
            "warnings": max((r.warnings for r in self.runs), default=0),
            "failures": sum(1 for r in self.runs if r.returncode),
        }


@dataclass
class Row:
    scenario: str
    pages: int
    entries: int
    cells: dict[str, Cell]
    extra: dict[str, Any] = field(default_factory=dict)

    def ratio(self, num: str, den: str) -> float | None:
        a, b = self.cells.get(num), self.cells.get(den)
        if not a or not b or a.median is None or b.median is None or not b.median:
            return None
        return a.median / b.median

    def cpu_ratio(self, num: str, den: str) -> float | None:
        a, b = self.cells.get(num), self.cells.get(den)
        if not a or not b or a.cpu_median is None or not b.cpu_median:
            return None
        return a.cpu_median / b.cpu_median

    def mem_ratio(self) -> float | None:
        a, b = self.cells.get("a"), self.cells.get("b")
        if not a or not b or a.peak_mb is None or b.peak_mb is None:
            return None
        return a.peak_mb / b.peak_mb

    def as_dict(self) -> dict[str, Any]:
        budget = TIME_BUDGET.get(self.scenario)
        ab, mem = self.ratio("a", "b"), self.mem_ratio()
        return {
            "scenario": self.scenario,
            "pages": self.pages,
            "entries": self.entries,
            "variants": {v: c.as_dict() for v, c in self.cells.items()},
            "ratio_a_b": ab,
            "ratio_a_c": self.ratio("a", "c"),
            "cpu_ratio_a_b": self.cpu_ratio("a", "b"),
            "cpu_ratio_a_c": self.cpu_ratio("a", "c"),
            "time_budget_a_b": budget,
            "time_pass": None if budget is None or ab is None else ab <= budget,
            "memory_ratio_a_b": mem,
            "memory_budget_a_b": MEMORY_BUDGET,
            "memory_pass": None if mem is None else mem <= MEMORY_BUDGET,
            **self.extra,
        }


def rotated(variants: list[str], r: int) -> list[str]:
    r %= len(variants)
    return variants[r:] + variants[:r]


class Bench:
    def __init__(self, args: argparse.Namespace, variants: list[str]) -> None:
        self.args = args
        self.variants = variants
        self.rows: list[Row] = []

    def log(self, msg: str) -> None:
        if not self.args.silent:
            print(msg, file=sys.stderr, flush=True)

    def prepare(self, shape: str, pages: int, entries: int) -> tuple[Project, dict[str, Path]]:
        a = self.args
        project = make_project(pages, entries, a.cites, a.list_size, a.seed)
        base = WORK / f"{shape}-p{pages}-e{entries}-k{a.cites}"
        dirs = {}
        for v in self.variants:
            vdir = base / VARIANT_NAMES[v]
            sync(vdir / "src", project_files(v, project, shape, a.catalogue_format))
            dirs[v] = vdir
        return project, dirs

    def warm_up(self) -> None:
        """One untimed build per variant: byte-compiles modules and fills the OS caches,
        so that the first timed build is not the odd one out."""
        self.log("== warm-up (untimed)")
        project = make_project(5, 60, self.args.cites, self.args.list_size, self.args.seed)
        for v in self.variants:
            vdir = WORK / "warm-up" / VARIANT_NAMES[v]
            sync(vdir / "src", project_files(v, project, "bibs", self.args.catalogue_format))
            run = build(vdir, "build", 1, clean=True)
            if run.returncode:
                raise SystemExit(f"the warm-up build of variant ({v}) failed; see above")

    def rewrite(self, v: str, project: Project, shape: str, vdir: Path) -> list[str]:
        return sync(vdir / "src", project_files(v, project, shape, self.args.catalogue_format))

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
        shape = "bibs" if name == "bib-per-page" else "refs"
        project, dirs = self.prepare(shape, pages, entries)
        if name in ("full", "bib-per-page"):
            cells = {v: Cell() for v in self.variants}
            for r in range(a.repeat):
                for v in rotated(self.variants, r):
                    run = build(dirs[v], "build", 1, clean=True)
                    cells[v].runs.append(run)
                    self.measure(f"#{r + 1}", v, run)
            self.rows.append(Row(name, pages, entries, cells))
        elif name in ("incr-page", "incr-catalogue"):
            for v in self.variants:  # the build to be incremental on, not timed
                build(dirs[v], "build", 1, clean=True)
            cells = {v: Cell() for v in self.variants}
            changed: dict[str, list[str]] = {}
            edited = self.edited_entry(project) if name == "incr-catalogue" else None
            original = project.by_key[edited].title if edited else ""
            for r in range(a.repeat):
                if name == "incr-page":
                    edited_page = project.pages[len(project.pages) // 2]
                    edited_page.extra = (
                        f"Révision {r + 1}: une phrase ajoutée à la main, pour voir."
                    )
                else:
                    assert edited is not None
                    project.by_key[edited].title = f"{original} (rév. {r + 1})"
                for v in rotated(self.variants, r):
                    changed[v] = self.rewrite(v, project, shape, dirs[v])
                    run = build(dirs[v], "build", 1, clean=False)
                    cells[v].runs.append(run)
                    self.measure(f"#{r + 1} ({len(changed[v])} files)", v, run)
            # leave the sources as generated
            if name == "incr-page":
                project.pages[len(project.pages) // 2].extra = ""
            elif edited:
                project.by_key[edited].title = original
            for v in self.variants:
                self.rewrite(v, project, shape, dirs[v])
            extra: dict[str, Any] = {
                "files_changed_per_edit": {v: len(changed.get(v, [])) for v in self.variants}
            }
            if edited:
                extra["edited_entry"] = edited
            self.rows.append(Row(name, pages, entries, cells, extra))
        elif name == "parallel":
            by_jobs = {j: {v: Cell() for v in self.variants} for j in (1, 2)}
            for r in range(a.repeat):
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
            for j in (1, 2):
                self.rows.append(
                    Row(f"parallel-j{j}", pages, entries, by_jobs[j], {"parallel_check": check})
                )
        else:
            raise SystemExit(f"unknown scenario {name!r}")

    @staticmethod
    def edited_entry(project: Project) -> str:
        """A popular entry: cited, and shown in the most reading lists."""
        cited = set(cited_order(project))
        counts: dict[str, int] = {}
        for page in project.pages:
            for e in select(project, page.listing):
                counts[e.key] = counts.get(e.key, 0) + 1
        ranked = sorted(counts, key=lambda k: (k not in cited, -counts[k], k))
        return ranked[0] if ranked else cited_order(project)[0]


# =============================================================================
# Reporting
# =============================================================================


def fmt(x: float | None, spec: str = ".2f") -> str:
    return "-" if x is None else format(x, spec)


def verdict(ratio: float | None, budget: float | None) -> str:
    if ratio is None:
        return "-"
    if budget is None:
        return f"{ratio:.3f}"
    return f"{ratio:.3f} {'PASS' if ratio <= budget else 'FAIL'} (≤{budget:.2f})"


def table(rows: list[Row]) -> str:
    head = (
        f"{'scenario':<15}{'P':>5}{'E':>7} {'a s':>7}{'b s':>7}{'c s':>8}  "
        f"{'a/b wall (budget)':<23}{'a/b cpu':>8}{'a/c':>6}  {'MB a':>5}{'MB b':>5}{'MB c':>6}  "
        f"{'mem a/b (budget)':<22}{'pickle KB a/b/c':>17}"
    )
    lines = [head, "-" * len(head)]
    for row in rows:
        c = row.cells
        med = {v: c[v].median if v in c else None for v in VARIANTS}
        mb = {v: c[v].peak_mb if v in c else None for v in VARIANTS}
        pkl = "/".join(
            fmt(c[v].runs[-1].pickle_bytes / 1024, ".0f") if v in c and c[v].runs else "-"
            for v in VARIANTS
        )
        lines.append(
            f"{row.scenario:<15}{row.pages:>5}{row.entries:>7} "
            f"{fmt(med['a']):>7}{fmt(med['b']):>7}{fmt(med['c']):>8}  "
            f"{verdict(row.ratio('a', 'b'), TIME_BUDGET.get(row.scenario)):<23}"
            f"{fmt(row.cpu_ratio('a', 'b')):>8}{fmt(row.ratio('a', 'c')):>6}  "
            f"{fmt(mb['a'], '.0f'):>5}{fmt(mb['b'], '.0f'):>5}{fmt(mb['c'], '.0f'):>6}  "
            f"{verdict(row.mem_ratio(), MEMORY_BUDGET):<22}{pkl:>17}"
        )
    notes = []
    for row in rows:
        if row.scenario == "parallel-j2":
            check = row.extra["parallel_check"]
            parts = []
            for v, info in check.items():
                sp = info["speedup_j2"]
                same = (
                    "byte-identical"
                    if info["identical"]
                    else ("DIFFERS: " + ", ".join(info["differing_files"][:3]))
                )
                text = f"{VARIANT_NAMES[v]}: -j 2 speed-up {fmt(sp)}x, {same}"
                if v == "a":
                    faster = sp is not None and sp > 1
                    ok = faster and info["identical"]
                    verdict_ = "PASS" if ok else "FAIL"
                    text += f" -> {verdict_} (budget: faster than -j 1 and byte-identical)"
                parts.append(text)
            notes.append(f"parallel P={row.pages} E={row.entries}: " + "; ".join(parts))
        for v, cell in row.cells.items():
            d = cell.as_dict()
            if d["warnings"] or d["failures"]:
                notes.append(
                    f"{row.scenario} P={row.pages} E={row.entries} {VARIANT_NAMES[v]}:"
                    f" {d['warnings']} warning lines, {d['failures']} failed builds"
                )
    return "\n".join([*lines, *(["", *notes] if notes else [])])


# =============================================================================
# Profiling
# =============================================================================


def profile(args: argparse.Namespace) -> None:
    import pstats

    pages, entries = args.pages[0], args.entries[0]
    kind = args.profile_scenario
    shape = "bibs" if kind == "bib-per-page" else "refs"
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
    sphinx_args = [
        "-q",
        "-b",
        "html",
        "-j",
        "1",
        "-d",
        str(out / "doctrees"),
        str(vdir / "src"),
        str(out / "html"),
    ]
    if kind == "incr-page":
        # the build to be incremental on (not profiled), then one edited page
        subprocess.run(
            [sys.executable, "-m", "sphinx", *sphinx_args], check=True, cwd=vdir, env=build_env()
        )
        project.pages[len(project.pages) // 2].extra = "Révision profilée: une phrase de plus."
        sync(vdir / "src", project_files("a", project, shape, args.catalogue_format))
    args.silent = True
    Bench(args, ["a"]).warm_up()  # fills the bytecode cache: imports are not compiles
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "sphinx", *sphinx_args]
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

    stats = pstats.Stats(str(prof))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]

    def ours(func: tuple[str, int, str]) -> bool:
        return "sphinxext_seml" in func[0]

    def name(func: tuple[str, int, str]) -> str:
        path = func[0]
        if "sphinxext_seml" in path:
            path = "sphinxext_seml" + path.split("sphinxext_seml", 1)[1]
        return f"{path}:{func[1]}({func[2]})"

    # Inclusive time in the extension: the cumulative time of its functions, counted
    # on the calls that enter it from outside (Sphinx/docutils calling a hook).
    inside = 0.0
    entry_points: dict[tuple[str, int, str], list[float]] = {}
    for func, (_cc, _nc, _tt, _ct, callers) in raw.items():
        if ours(func):
            for caller, edge in callers.items():
                if not ours(caller):
                    inside += edge[3]
                    calls_ct = entry_points.setdefault(func, [0, 0.0])
                    calls_ct[0] += edge[1]
                    calls_ct[1] += edge[3]
    own = sum(v[2] for f, v in raw.items() if ours(f))
    print(
        f"\ntotal profiled time {total:.2f}s; inside sphinxext_seml (inclusive) {inside:.2f}s"
        f" ({100 * inside / total:.1f}%); own code only (tottime) {own:.2f}s"
    )
    top = sorted((f for f in raw if ours(f)), key=lambda f: raw[f][3], reverse=True)[: args.top]
    print(f"\ntop {args.top} sphinxext_seml functions by cumulative time:")
    print(f"{'cum s':>8}{'own s':>8}{'calls':>9}  function")
    for f in top:
        _cc, nc, tt, ct, _ = raw[f]
        print(f"{ct:8.3f}{tt:8.3f}{nc:9d}  {name(f)}")
    print(
        f"\nwhere Sphinx/docutils enter sphinxext_seml"
        f" (inclusive time per entry point, top {args.top}):"
    )
    print(f"{'cum s':>8}{'calls':>9}  function")
    ranked = sorted(entry_points.items(), key=lambda item: item[1][1], reverse=True)
    for f, (calls, ct) in ranked[: args.top]:
        print(f"{ct:8.3f}{int(calls):9d}  {name(f)}")
    top_own = sorted(raw, key=lambda f: raw[f][2], reverse=True)[: args.top]
    print(f"\ntop {args.top} functions anywhere by own time (tottime):")
    print(f"{'own s':>8}{'cum s':>8}{'calls':>9}  function")
    for f in top_own:
        _cc, nc, tt, ct, _ = raw[f]
        print(f"{tt:8.3f}{ct:8.3f}{nc:9d}  {name(f)}")


# =============================================================================
# Main
# =============================================================================


def parse_list(text: str) -> list[int]:
    return [int(x.replace("_", "").replace(",", "")) for x in text.split() if x]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
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
        type=lambda s: parse_list(s.replace(",", " ")),
        default=None,
        help="page counts, e.g. '50,200,500' (default: 50,200,500; quick: 50)",
    )
    p.add_argument(
        "--entries",
        type=lambda s: parse_list(s.replace(",", " ")),
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
    p.add_argument("--silent", action="store_true", help="no per-build progress on stderr")
    args = p.parse_args(argv)

    matrix = QUICK_MATRIX if args.quick else FULL_MATRIX
    if args.profile is not None:
        args.pages = args.pages or [200]
        args.entries = args.entries or [2000]
        profile(args)
        return 0
    args.pages = args.pages or matrix["pages"]
    args.entries = args.entries or matrix["entries"]
    args.repeat = args.repeat or matrix["repeat"]
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    for s in scenarios:
        if s not in SCENARIOS:
            p.error(f"unknown scenario {s!r}; choose from {', '.join(SCENARIOS)}")
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if any(v not in VARIANTS for v in variants) or "a" not in variants:
        p.error("--variants: a subset of a,b,c that includes a")

    notes = []
    bibtex_version = None
    if "c" in variants:
        if importlib.util.find_spec("sphinxcontrib.bibtex") is None:
            note = (
                "NOTE: sphinxcontrib-bibtex is not installed, so variant (c) is skipped.\n"
                "      To compare with it, install it in the benchmark environment only:\n"
                "          python -m pip install sphinxcontrib-bibtex"
            )
            print(note, file=sys.stderr)
            notes.append("sphinxcontrib-bibtex not installed: (c) skipped")
            variants.remove("c")
        else:
            from importlib.metadata import version

            bibtex_version = version("sphinxcontrib-bibtex")
    if importlib.util.find_spec("sphinxext_seml") is None:
        p.error("sphinxext_seml is not importable: run `python -m pip install -e .` first")

    from importlib.metadata import version as _version

    meta: dict[str, Any] = {
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sphinx": sphinx.__version__,
        "docutils": _version("docutils"),
        "sphinxext_seml": _version("sphinxext-seml"),
        "sphinxcontrib_bibtex": bibtex_version,
        "args": {k: v for k, v in vars(args).items() if k not in ("silent",)},
        "variants": {v: VARIANT_NAMES[v] for v in variants},
        "notes": notes,
    }
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
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"meta": meta, "rows": [r.as_dict() for r in bench.rows]}, indent=2, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"results written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
