"""The synthetic handbook: entries, pages with citations, and what each list shows.

Everything comes from one seed, so a run is repeatable. The entries look like a
real reading list (papers, blogs, tools... with accented authors, venues, DOIs);
citations follow a Zipf-like popularity. :func:`select` and
:func:`catalogue_order` restate sphinxext-seml's query rules, so the hand-written
variants list the entries the extension lists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sphinxext_seml.catalogue.names import to_ascii

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
    """Letters and digits of ``text`` without accents (for keys and tool names)."""
    return "".join(c for c in to_ascii(text) if c.isalnum())


@dataclass
class Ref:
    """One entry of the corpus (mutable: ``incr-catalogue`` edits a title)."""

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


# The helpers below draw from the generator in a fixed order: changing the order
# changes every corpus, and with it the numbers of earlier runs.


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def _authors(rng: random.Random, typ: str) -> tuple[str, ...]:
    if typ == "paper":
        return tuple(_person(rng) for _ in range(rng.randint(1, 8)))
    if typ in ("article", "book", "talk"):
        return tuple(_person(rng) for _ in range(rng.randint(1, 3)))
    if typ == "blog":
        return (_person(rng),) if rng.random() < 0.7 else ()
    return ()


def _year(rng: random.Random, typ: str) -> int | None:
    year: int | None = rng.randint(2012, 2024)
    if typ in ("tool", "guide") and rng.random() < 0.6:
        year = None
    return year


def _venue(rng: random.Random, typ: str) -> str | None:
    venues = VENUES[typ]
    if venues and (typ in ("paper", "book") or rng.random() < 0.6):
        return rng.choice(venues)
    return None


def _doi(rng: random.Random, typ: str, i: int) -> str | None:
    if typ == "paper" and rng.random() < 0.6:
        return f"10.1145/{3_300_000 + i}.{rng.randint(1000, 9999)}"
    return None


def _flags(rng: random.Random, typ: str) -> tuple[str, ...]:
    flags: list[str] = []
    if rng.random() < 0.12:
        flags.append("must-read")
    if typ == "paper" and rng.random() < 0.85:
        flags.append("scientific")
    return tuple(flags)


def _summary(rng: random.Random, topic: str) -> str | None:
    if rng.random() < 0.5:
        return rng.choice(SUMMARY).format(t=topic.lower(), n=rng.randint(12, 400))
    return None


def _key(used: set[str], authors: tuple[str, ...], topic: str, year: int | None, title: str) -> str:
    head = ascii_fold(authors[0].split()[-1]).lower() if authors else ascii_fold(topic).lower()[:12]
    base = f"{head}{year or ''}{ascii_fold(title.split()[0]).lower()[:8]}"
    key, suffix = base, 1
    while key in used:
        suffix += 1
        key = f"{base}{suffix}"
    used.add(key)
    return key


def _url(key: str, typ: str, doi: str | None) -> str:
    if doi:
        return f"https://doi.org/{doi}"
    if typ == "tool":
        return f"https://github.com/example-org/{key}"
    return f"https://example.org/{typ}s/{key}.html"


def make_entries(n: int, seed: int) -> list[Ref]:
    """``n`` entries drawn from ``seed``."""
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
        authors = _authors(rng, typ)
        year = _year(rng, typ)
        venue = _venue(rng, typ)
        doi = _doi(rng, typ, i)
        flags = _flags(rng, typ)
        summary = _summary(rng, topic)
        key = _key(used, authors, topic, year, title)
        category = CATEGORIES[rng.randrange(len(CATEGORIES))][0]
        out.append(
            Ref(
                key,
                title,
                _url(key, typ, doi),
                category,
                flags,
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
    """The options of one page's ``seml-list``."""

    category: str
    flag: str | None
    sort: str  # catalogue | -year
    limit: int


#: A paragraph: segments ("t", text) or ("c", key of a citation).
Paragraph = list[tuple[str, str]]


@dataclass
class Page:
    name: str
    title: str
    paragraphs: list[Paragraph]
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


def _page_cited(rng: random.Random, keys: list[str], weights: list[float], cites: int) -> list[str]:
    cited: list[str] = []
    while len(cited) < min(cites, len(keys)):
        key = rng.choices(keys, weights)[0]
        if key not in cited:
            cited.append(key)
    return cited


def _paragraph(rng: random.Random, keys: list[str]) -> Paragraph:
    """3 to 5 sentences, the first ones each ending on one of ``keys``; the rest as "See also"."""
    segs: Paragraph = []
    for k in range(rng.randint(3, 5)):
        words = rng.choices(WORDS, k=rng.randint(10, 22))
        segs.append(("t", " ".join(words).capitalize()))
        if k < len(keys):
            segs.append(("c", keys[k]))
        segs.append(("t", "."))
    for key in keys[5:]:
        segs.extend([("t", "See also"), ("c", key), ("t", ".")])
    return segs


def _listing(i: int, list_size: int) -> ListSpec:
    """Page ``i``'s list: its category; every other page a flag, every other one by year."""
    mode = i % 4
    return ListSpec(
        category=CATEGORIES[(i - 1) % len(CATEGORIES)][0],
        flag={0: "must-read", 2: "scientific"}.get(mode),
        sort="-year" if mode in (1, 2) else "catalogue",
        limit=list_size,
    )


def make_project(n_pages: int, n_entries: int, cites: int, list_size: int, seed: int) -> Project:
    """The handbook: ``n_pages`` chapters citing ``cites`` of ``n_entries`` entries each."""
    entries = make_entries(n_entries, seed)
    rng = random.Random(seed * 7919 + n_pages)
    # Citations follow a Zipf-like popularity: a few classics are cited everywhere.
    keys = [e.key for e in entries]
    rng.shuffle(keys)
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(keys))]
    pages = []
    n_par = 3
    for i in range(1, n_pages + 1):
        title = f"Chapitre {i} — {rng.choice(TOPIC)} à l’échelle"
        cited = _page_cited(rng, keys, weights, cites)
        paragraphs = [_paragraph(rng, cited[j::n_par]) for j in range(n_par)]
        pages.append(Page(f"chapter{i:03d}", title, paragraphs, _listing(i, list_size)))
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


def _cites_in(paragraphs: list[Paragraph]) -> list[str]:
    seen: dict[str, None] = {}
    for par in paragraphs:
        for kind, value in par:
            if kind == "c":
                seen.setdefault(value, None)
    return list(seen)


def cited_order(project: Project) -> list[str]:
    """Every cited key, in order of first citation in the handbook."""
    return _cites_in([par for page in project.pages for par in page.paragraphs])


def page_cites(page: Page) -> list[str]:
    """The keys a page cites, in order of first citation."""
    return _cites_in(page.paragraphs)
