"""The ``seml_*`` settings: declared once, registered with Sphinx and checked at ``config-inited``.

Each setting is one field of :class:`SemlConfig`; the field's metadata (a
:class:`Setting`) holds what Sphinx registers (the conf.py default, the accepted
types, what a change rebuilds, the help text) and the validator that turns the
conf.py value into the field's value. A bad value is a ``seml.config`` warning
located at the line of conf.py that sets it and naming the valid choices; the
default is used instead, so the build goes on as it does for Sphinx's own values.

The validated settings are kept on Sphinx's ``Config`` object itself (an
attribute Sphinx does not pickle), so they live exactly as long as the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from ..catalogue.citations import CITATION_STYLES
from ..catalogue.cslformat import style_path
from ..catalogue.errors import SemlError
from ..catalogue.specs import (
    SOURCE_FORMS,
    CatalogueSource,
    SpecError,
    is_entry_point,
    parse_source,
    spec_text,
)
from .diagnostics import Subtype, warn

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = [
    "CITATION_STYLES",
    "LIST_STYLES",
    "REFERENCE_STYLES",
    "SETTINGS",
    "BadgeStyle",
    "Check",
    "SemlConfig",
    "Setting",
    "declare",
    "get_config",
    "setting_location",
    "setup_config",
    "validate",
]

LIST_STYLES = ("bullets", "enumerated", "table", "cards")
REFERENCE_STYLES = ("default",)

# Colours go into a style attribute: accept only shapes that cannot smuggle CSS.
_COLOUR = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\(\s*[0-9.%,\s/deg-]{1,60}\))$"
)
_BADGE_KEYS = ("label", "color", "text_color")

#: The attribute of Sphinx's ``Config`` that holds its validated :class:`SemlConfig`
#: (a leading ``_``: ``Config.__getstate__`` leaves it out of the pickled environment).
_ON_CONFIG: Final = "_seml_settings"


def setting_location(name: str, conf_py: Path | None) -> str | None:
    """``conf.py:LINE`` where ``name`` is assigned, for warnings about its value."""
    if conf_py is None:
        return None
    try:
        lines = conf_py.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*(\[[^\]]*\]\s*)?[+]?=")
    for number, line in enumerate(lines, 1):
        if pattern.match(line):
            return f"{conf_py}:{number}"
    return None  # set with -D on the command line, or computed


@dataclass(frozen=True, slots=True)
class Check:
    """What a validator is told: the setting it checks, its default, and the conf dir."""

    name: str
    default: Any
    confdir: str = ""

    def warn(self, message: str) -> None:
        """A ``seml.config`` warning about this setting, at the line of conf.py that sets it."""
        conf_py = Path(self.confdir, "conf.py") if self.confdir else None
        warn(message, Subtype.CONFIG, setting_location(self.name, conf_py))


#: Turns the value conf.py gives into the field's value, warning through the check.
Validator = Callable[[object, Check], object]


#: ``Setting.default`` when conf.py starts from the field's own default.
_FIELD_DEFAULT: Final = object()


@dataclass(frozen=True, slots=True)
class Setting:
    """The declaration of one ``seml_*`` setting (the metadata of its field)."""

    #: The types Sphinx's own check accepts without a warning.
    types: tuple[type, ...]
    help: str
    validator: Validator
    rebuild: Literal["env", "html", ""] = "env"
    #: The value conf.py starts from, as Sphinx registers it and the docs show it.
    default: object = _FIELD_DEFAULT


def declare(
    types: tuple[type, ...],
    help_text: str,
    validator: Validator,
    *,
    default: object = _FIELD_DEFAULT,
    rebuild: Literal["env", "html", ""] = "env",
) -> dict[str, Setting]:
    """The metadata of a :class:`SemlConfig` field that is a setting."""
    return {"setting": Setting(types, help_text, validator, rebuild, default)}


# -- validators ------------------------------------------------------------------------------


def one_of(choices: tuple[str, ...]) -> Validator:
    """A validator accepting one of ``choices``."""

    def check_choice(value: object, check: Check) -> str:
        if isinstance(value, str) and value in choices:
            return value
        check.warn(
            f"{check.name} = {value!r} is not valid; use one of {', '.join(map(repr, choices))}."
            f" Using {check.default!r}."
        )
        return str(check.default)

    return check_choice


#: What ``seml_downloads`` and ``:download:`` offer: BibTeX, RIS, CSL-JSON files.
DOWNLOAD_FORMAT_NAMES: Final = ("bib", "ris", "json")


def download_formats(value: object, check: Check) -> tuple[str, ...]:
    """A list of download formats (or a comma-separated string); unknown ones are left out."""
    names = value.replace(",", " ").split() if isinstance(value, str) else value
    if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
        check.warn(
            f"{check.name} must be a list of formats from {', '.join(DOWNLOAD_FORMAT_NAMES)},"
            f" not {value!r}. Using none."
        )
        return ()
    unknown = [n for n in names if n not in DOWNLOAD_FORMAT_NAMES]
    if unknown:
        check.warn(
            f"{check.name}: unknown format {', '.join(map(repr, unknown))}; use"
            f" {', '.join(DOWNLOAD_FORMAT_NAMES)}. Leaving it out."
        )
    return tuple(dict.fromkeys(n for n in names if n in DOWNLOAD_FORMAT_NAMES))


def boolean(value: object, check: Check) -> bool:
    if isinstance(value, bool):
        return value
    check.warn(f"{check.name} must be True or False, not {value!r}. Using {check.default!r}.")
    return bool(check.default)


def catalogue_sources(value: object, check: Check) -> tuple[CatalogueSource, ...]:
    """A list of sources (or one): paths relative to the conf dir, ``entry-point:NAME``, or
    mappings ``{"path": ..., "keys": ..., "category": ..., "encoding": ...}``
    (:func:`..catalogue.specs.parse_source`). A bad
    item is a warning saying what a source may be, and that source is left out."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        check.warn(
            f"{check.name} must be a list of sources, each {SOURCE_FORMS}, not {value!r};"
            " ignoring it."
        )
        return ()
    sources: list[CatalogueSource] = []
    for index, item in enumerate(value):
        try:
            sources.append(parse_source(item))
        except SpecError as exc:
            check.warn(f"{check.name}[{index}]: {exc}; ignoring this source.")
    return tuple(sources)


def reference_style(value: object, check: Check) -> str:
    """``default``, or a CSL style by name (``apa``) or ``.csl`` path (the ``csl`` extra)."""
    if value in REFERENCE_STYLES:
        return str(value)
    if not isinstance(value, str) or not value.strip():
        check.warn(
            f"{check.name} must be 'default' or a CSL style name such as 'apa',"
            f" not {value!r}. Using 'default'."
        )
        return "default"
    style = value
    if style.endswith(".csl"):
        # A style file is relative to conf.py, like every other path in it.
        style = str(Path(check.confdir or ".", style).resolve())
    try:
        style_path(style)
    except SemlError as exc:
        check.warn(f"{check.name} = {value!r}: {exc.message.rstrip('.')}. Using 'default'.")
        return "default"
    return style


@dataclass(frozen=True, slots=True)
class BadgeStyle:
    """How a flag's badge looks; ``None`` keeps the catalogue's label / the stylesheet's colour."""

    label: str | None = None
    color: str | None = None
    text_color: str | None = None


def badge_styles(value: object, check: Check) -> dict[str, BadgeStyle]:
    """``{flag: {"label": ..., "color": ..., "text_color": ...} or a label}``."""
    if not isinstance(value, dict):
        check.warn(
            f"{check.name} must be a dict such as"
            ' {"must-read": {"label": "Essential", "color": "#ffd54f"}}; ignoring it.'
        )
        return {}
    out: dict[str, BadgeStyle] = {}
    for flag, spec in value.items():
        if isinstance(spec, str):
            spec = {"label": spec}
        if not isinstance(flag, str) or not isinstance(spec, dict):
            check.warn(f"{check.name}[{flag!r}] must be a dict or a label; ignoring it.")
            continue
        out[flag] = _badge_style(f"{check.name}[{flag!r}]", spec, check)
    return out


def _badge_style(where: str, spec: dict[Any, Any], check: Check) -> BadgeStyle:
    values: dict[str, str | None] = {}
    for key in _BADGE_KEYS:
        item = spec.get(key)
        if item is None or (isinstance(item, str) and (key == "label" or _COLOUR.match(item))):
            values[key] = item
            continue
        what = "a string" if key == "label" else "a CSS colour such as '#ffd54f'"
        check.warn(f"{where}[{key!r}] must be {what}, not {item!r}.")
        values[key] = None
    unknown = sorted(set(spec) - set(_BADGE_KEYS))
    if unknown:
        check.warn(f"{where} has unknown keys {unknown}; use {', '.join(_BADGE_KEYS)}.")
    return BadgeStyle(**values)


# -- the declaration ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SemlConfig:
    """The validated settings: field ``x`` is the setting ``seml_x``."""

    catalogues: tuple[CatalogueSource, ...] = field(
        default=(),
        metadata=declare(
            (list, tuple, str),
            "extra catalogue sources (paths relative to the conf dir, or mappings)",
            catalogue_sources,
            default=[],
        ),
    )
    include_builtin: bool = field(
        default=True,
        metadata=declare((bool,), "include the built-in SE4ML catalogue", boolean),
    )
    default_style: str = field(
        default="bullets",
        metadata=declare((str,), "list style when a directive sets none", one_of(LIST_STYLES)),
    )
    show_summary: bool = field(
        default=True,
        metadata=declare((bool,), "show entry summaries in lists", boolean),
    )
    citation_style: str = field(
        default="numeric",
        metadata=declare((str,), "numeric, author-year, label or alpha", one_of(CITATION_STYLES)),
    )
    reference_style: str = field(
        default="default",
        metadata=declare((str,), "how bibliography entries are formatted", reference_style),
    )
    bibliography_backrefs: bool = field(
        default=False,
        metadata=declare(
            (bool,),
            "end each bibliography entry with links back to its citations",
            boolean,
        ),
    )
    downloads: tuple[str, ...] = field(
        default=(),
        metadata=declare(
            (list, tuple, str),
            "download formats (bib, ris, json) offered under every list and bibliography",
            download_formats,
        ),
    )
    html_filters: bool = field(
        default=False,
        metadata=declare(
            (bool,),
            "a text box and chips above every seml-list and seml-catalogue in HTML, to filter"
            " the entries in the page",
            boolean,
        ),
    )
    badges: dict[str, BadgeStyle] = field(
        default_factory=dict,
        metadata=declare((dict,), "badge label and colours per flag", badge_styles),
    )
    #: The directory of conf.py: ``seml_catalogues`` paths are relative to it (not a setting).
    confdir: str = ""


def _field_default(item: Field[Any]) -> Any:
    if callable(item.default_factory):
        return item.default_factory()
    return item.default


def _declared() -> Iterator[tuple[str, Field[Any], Setting]]:
    """``(conf.py name, field, setting)`` for each setting, ``Setting.default`` filled in."""
    for item in fields(SemlConfig):
        declared = item.metadata.get("setting")
        if isinstance(declared, Setting):
            if declared.default is _FIELD_DEFAULT:
                declared = replace(declared, default=_field_default(item))
            yield f"seml_{item.name}", item, declared


#: Every setting by its conf.py name, in declaration order (a view of :class:`SemlConfig`).
SETTINGS: Final[dict[str, Setting]] = {name: declared for name, _, declared in _declared()}


def validate(config: Config, confdir: str = "") -> SemlConfig:
    """Check every ``seml_*`` value, warn about bad ones, return the cleaned settings."""
    values: dict[str, Any] = {}
    for name, item, declared in _declared():
        check = Check(name, _field_default(item), confdir)
        values[item.name] = declared.validator(getattr(config, name), check)
    return SemlConfig(**values, confdir=confdir)


def get_config(config: Config) -> SemlConfig:
    """The settings validated at ``config-inited`` (validated now if that never ran)."""
    settings = getattr(config, _ON_CONFIG, None)
    if not isinstance(settings, SemlConfig):
        settings = validate(config)
        setattr(config, _ON_CONFIG, settings)
    return settings


def _config_inited(app: Sphinx, config: Config) -> None:
    settings = validate(config, str(app.confdir))
    setattr(config, _ON_CONFIG, settings)
    _exclude_catalogues(app, config, settings)


def _exclude_catalogues(app: Sphinx, config: Config, settings: SemlConfig) -> None:
    """Catalogue files inside the source directory are data, not pages: an
    awesome-list README would otherwise be read as a MyST document."""
    srcdir = Path(app.srcdir).resolve()
    for source in settings.catalogues:
        if is_entry_point(source):
            continue
        path = (Path(app.confdir) / spec_text(source)).resolve()
        if path.is_relative_to(srcdir):
            pattern = path.relative_to(srcdir).as_posix()
            if pattern not in config.exclude_patterns:
                config.exclude_patterns = [*config.exclude_patterns, pattern]


def setup_config(app: Sphinx) -> None:
    for name, declared in SETTINGS.items():
        app.add_config_value(
            name,
            declared.default,
            declared.rebuild,
            types=declared.types,
            description=declared.help,
        )
    app.connect("config-inited", _config_inited)
