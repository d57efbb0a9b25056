"""The build cache: a merged catalogue kept in a file between builds.

Parsing a large catalogue costs more than a one-page rebuild, so a build keeps
what it loaded in its cache directory (Sphinx's doctree directory), under the
digest of the sources' contents: an unchanged catalogue is never parsed twice,
a changed one always is. An unreadable, corrupt or foreign cache file is
ignored (the sources are parsed again and the file written anew).

Who owns what: this module owns the file (its name and identity, reading,
writing, removing old generations) and the fingerprint of the sources the
identity rests on. The packed form of entries (marshalled rows unpacked on
lookup, :class:`.model.PackedEntries`) is the model's representation and how a
:class:`.model.Catalogue` pickles; the query index's pickled form and
:func:`.query.adopt_index` are the query's. :func:`pack` puts the two together
as a later build reads them back. Holding a loaded catalogue per process is
the caller's (the Sphinx layer's store).

No reader is imported here: a build served by the cache never imports them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final, Protocol, TypeVar

from ..data import BUILTIN_CATALOGUE
from ..version import __version__
from .atomic import write_atomic
from .digests import digest
from .model import CATALOGUE_FIELDS, ENTRY_SLOTS, Category, Flag
from .query import CatalogueIndex, adopt_index, index_for
from .specs import SourceSpec, keys_path, source_path, spec_text

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .model import Catalogue
    from .specs import CatalogueSource

__all__ = [
    "CACHE_PREFIX",
    "Fingerprint",
    "HoldsCatalogue",
    "cache_file",
    "digest",
    "pack",
    "read_cached",
    "write_cached",
]

#: The name every cache file starts with (old generations are found by it).
CACHE_PREFIX: Final = "seml-catalogue-"

#: Bump when what the cache file holds changes shape (2: packed entries and the index;
#: 3: the index keeps its sort orders as key tuples).
_FORMAT: Final = 3

#: What unpickling a damaged or foreign file raises: bad opcodes, a short file, a
#: class or module that is gone, arguments of the wrong shape or number, bad text,
#: a corrupt length asking for an impossible allocation; and the file unreadable.
_DAMAGED: Final = (
    OSError,
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    ImportError,
    TypeError,
    ValueError,
    IndexError,
    KeyError,
    OverflowError,
    MemoryError,
)


class HoldsCatalogue(Protocol):
    """What the cache keeps: anything picklable holding the catalogue at ``catalogue``."""

    @property
    def catalogue(self) -> Catalogue: ...


Held = TypeVar("Held", bound=HoldsCatalogue)


@functools.cache
def builtin_digest() -> str:
    """The built-in catalogue's digest (package data: computed once per process)."""
    return digest(BUILTIN_CATALOGUE)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A set of sources by content: equal fingerprints, equal catalogues.

    A file source is its resolved path and digest: two projects in one process
    (tests, a docs server) may both name ``catalogues/team.yaml`` and must not
    share it. An awesome-list README's digest includes its keys file's (the
    sidecar ``README.keys.yaml``, ``missing`` while there is none, or the file
    its mapping's ``keys`` names, whose path is part of the name): editing the
    pins changes the catalogue. A mapping's ``category`` and ``encoding`` are part
    of the name: they change what the file reads as. An entry point is only its
    spec (digest ``""``): it is resolved by loading it, so its file is known, and digested, only
    after a parse.
    """

    builtin: bool
    sources: tuple[tuple[str, str], ...]

    @classmethod
    def of(
        cls,
        base: Path,
        builtin: bool,
        specs: Sequence[CatalogueSource],
        hashed: Callable[[Path], str] = digest,
    ) -> Fingerprint:
        """The fingerprint of ``specs``, their files digested by ``hashed`` (a
        :class:`.digests.DigestMemo`'s, to read only the files that changed)."""
        return cls(builtin, tuple(_source_print(base, spec, hashed) for spec in specs))

    @property
    def key(self) -> tuple[object, ...]:
        """The fingerprint as a plain tuple (a dict key, the cache file's identity)."""
        return (self.builtin, *self.sources)

    @property
    def files_only(self) -> bool:
        """Whether every source is a file: only then does the fingerprint say it all."""
        return all(found for _, found in self.sources)

    def identities(self, files: Sequence[str]) -> tuple[str, str]:
        """The catalogue's identity with ``files`` (every file the parse read, entry
        points' too): one over paths and contents, and one over the contents alone,
        the same in every checkout of a project."""
        digests = [digest(Path(file)) for file in files]
        contents = (
            self.builtin and builtin_digest(),
            [found or spec for spec, found in self.sources],
            digests,
        )
        return repr((self.key, digests)), hashlib.sha256(repr(contents).encode()).hexdigest()


def _source_print(
    base: Path, spec: CatalogueSource, hashed: Callable[[Path], str]
) -> tuple[str, str]:
    """One source of a :class:`Fingerprint`: its name and its contents' digest."""
    path = source_path(base, spec)
    keys = keys_path(base, spec)
    if path is None:
        # An entry point: its keys file, if named, is digested after the parse.
        name = spec_text(spec) + _options_print(spec)
        return (name if keys is None else f"{name} keys={keys}", "")
    name = str(path) + _options_print(spec)
    if isinstance(spec, SourceSpec) and spec.keys is not None:
        name += f" keys={keys}"
    found = hashed(path)
    return name, found if keys is None else f"{found} keys:{hashed(keys)}"


def _options_print(spec: CatalogueSource) -> str:
    """The options that change how a source reads (its default category, its encoding)."""
    if not isinstance(spec, SourceSpec):
        return ""
    given = (("category", spec.category), ("encoding", spec.encoding))
    return "".join(f" {name}={value!r}" for name, value in given if value is not None)


#: The field names of every pickled model class, in order.
MODEL_FIELDS: Final = (
    ENTRY_SLOTS,
    tuple(f.name for f in fields(Category)),
    tuple(f.name for f in fields(Flag)),
    CATALOGUE_FIELDS,
)


def cache_file(directory: Path | None, fingerprint: Fingerprint) -> Path | None:
    """The file caching the catalogue of ``fingerprint`` in ``directory``; None without a
    directory or when an entry point is among the sources."""
    if directory is None or not fingerprint.files_only:
        return None
    # The model's fields too: entries are pickled by position, and a category or flag
    # pickled before a field was added lacks it (a development install, or an upgrade
    # that kept the version), so a changed model must not read an old cache.
    identity = (__version__, _FORMAT, MODEL_FIELDS, builtin_digest(), fingerprint.key)
    name = hashlib.sha256(repr(identity).encode()).hexdigest()
    return directory / f"{CACHE_PREFIX}{name[:32]}.pickle"


def pack(catalogue: Catalogue) -> Catalogue:
    """``catalogue`` as a later build reads it back from the cache: entries packed, and
    the query index made from them before packing, every sort order computed (so
    neither unpacked nor sorted again). Build with this one: it is what the next
    build gets, and ``-j N`` workers forked from the process do not each walk
    every entry object."""
    index = CatalogueIndex(catalogue).warm()
    packed = catalogue.packed()
    adopt_index(packed, index)
    return packed


def read_cached(path: Path | None, kind: type[Held]) -> Held | None:
    """What :func:`write_cached` put in ``path``, its catalogue's index adopted; None
    when there is no such file or it is damaged, foreign or not a ``kind``."""
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except _DAMAGED:  # parse again
        return None
    if not (
        isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], kind)
        and isinstance(found[1], CatalogueIndex)
    ):
        return None
    held: Held = found[0]
    adopt_index(held.catalogue, found[1])
    return held


def write_cached(path: Path | None, held: HoldsCatalogue) -> None:
    """Keep ``held`` (its catalogue from :func:`pack`) in ``path`` with its query index,
    atomically, and remove the older generations beside it. A cache that cannot be
    written is skipped: the build goes on."""
    if path is None:
        return
    index = index_for(held.catalogue)  # the one pack() adopted

    def dump(handle: BinaryIO) -> None:
        pickle.dump((held, index), handle, protocol=pickle.HIGHEST_PROTOCOL)

    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, dump)
        for old in path.parent.glob(f"{CACHE_PREFIX}*.pickle"):
            if old != path:
                old.unlink()
