"""The ``seml_*`` configuration values, validated once at ``config-inited``.

A bad value is a ``seml.config`` warning that names the valid choices, and the
default is used instead, so the build goes on as it does for Sphinx's own values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Subtype
from .diagnostics import warn as _warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

LIST_STYLES = ("bullets", "enumerated", "table", "cards")
CITATION_STYLES = ("numeric", "author-year", "label")
REFERENCE_STYLES = ("default",)

# Colours go into a style attribute: accept only shapes that cannot smuggle CSS.
_COLOUR = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\(\s*[0-9.%,\s/deg-]{1,60}\))$"
)


@dataclass(frozen=True, slots=True)
class BadgeStyle:
    """How a flag's badge looks; ``None`` keeps the catalogue's label / the stylesheet's colour."""

    label: str | None = None
    color: str | None = None
    text_color: str | None = None


@dataclass(frozen=True, slots=True)
class SemlConfig:
    catalogues: tuple[str, ...] = ()
    include_builtin: bool = True
    default_style: str = "bullets"
    show_summary: bool = True
    citation_style: str = "numeric"
    reference_style: str = "default"
    badges: dict[str, BadgeStyle] = field(default_factory=dict)
    #: The directory of conf.py: ``seml_catalogues`` paths are relative to it.
    confdir: str = ""


#: The conf.py being validated (config-inited runs once per build, before anything else).
_conf_py: Path | None = None


def setting_location(name: str, conf_py: Path | None = None) -> str | None:
    """``conf.py:LINE`` where ``name`` is assigned, for warnings about its value."""
    conf_py = conf_py or _conf_py
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


def warn(message: str, subtype: Subtype) -> None:
    """A ``seml.config`` warning located at the setting it is about, in conf.py."""
    name = message.split(" ", 1)[0].split("[", 1)[0].rstrip(":")
    _warn(message, subtype, setting_location(name) if name.startswith("seml_") else None)


# name -> (default, rebuild, description)
CONFIG_VALUES: dict[str, tuple[Any, str, str]] = {
    "seml_catalogues": ([], "env", "extra catalogue sources, relative to the conf dir"),
    "seml_include_builtin": (True, "env", "include the built-in SE4ML catalogue"),
    "seml_default_style": ("bullets", "env", "list style when a directive sets none"),
    "seml_show_summary": (True, "env", "show entry summaries in lists"),
    "seml_citation_style": ("numeric", "env", "numeric, author-year or label"),
    "seml_reference_style": ("default", "env", "how bibliography entries are formatted"),
    "seml_badges": ({}, "env", "badge label and colours per flag"),
}


def _choice(config: Config, name: str, choices: tuple[str, ...]) -> str:
    value = getattr(config, name)
    default: str = CONFIG_VALUES[name][0]
    if isinstance(value, str) and value in choices:
        return value
    warn(
        f"{name} = {value!r} is not valid; use one of {', '.join(map(repr, choices))}."
        f" Using {default!r}.",
        Subtype.CONFIG,
    )
    return default


def _bool(config: Config, name: str) -> bool:
    value = getattr(config, name)
    if isinstance(value, bool):
        return value
    default: bool = CONFIG_VALUES[name][0]
    warn(f"{name} must be True or False, not {value!r}. Using {default!r}.", Subtype.CONFIG)
    return default


def _reference_style(config: Config, confdir: str) -> str:
    """``default``, or a CSL style by name (``apa``) or ``.csl`` path (the ``csl`` extra)."""
    value = config.seml_reference_style
    if value in REFERENCE_STYLES:
        return str(value)
    if not isinstance(value, str) or not value.strip():
        warn(
            f"seml_reference_style must be 'default' or a CSL style name such as 'apa',"
            f" not {value!r}. Using 'default'.",
            Subtype.CONFIG,
        )
        return "default"
    from ..catalogue.cslformat import style_path
    from ..catalogue.errors import SemlError

    if value.endswith(".csl"):
        # A style file is relative to conf.py, like every other path in it.
        value = str(Path(confdir or ".", value).resolve())
    try:
        style_path(value)
    except SemlError as exc:
        warn(
            f"seml_reference_style = {config.seml_reference_style!r}:"
            f" {exc.message.rstrip('.')}. Using 'default'.",
            Subtype.CONFIG,
        )
        return "default"
    return value


def _catalogues(config: Config) -> tuple[str, ...]:
    value = config.seml_catalogues
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        warn(
            f"seml_catalogues must be a list of paths (strings), not {value!r}; ignoring it.",
            Subtype.CONFIG,
        )
        return ()
    return tuple(value)


def _badges(config: Config) -> dict[str, BadgeStyle]:
    value = config.seml_badges
    if not isinstance(value, dict):
        warn(
            "seml_badges must be a dict such as"
            ' {"must-read": {"label": "Essential", "color": "#ffd54f"}}; ignoring it.',
            Subtype.CONFIG,
        )
        return {}
    out: dict[str, BadgeStyle] = {}
    for flag, spec in value.items():
        if isinstance(spec, str):
            spec = {"label": spec}
        if not isinstance(flag, str) or not isinstance(spec, dict):
            warn(f"seml_badges[{flag!r}] must be a dict or a label; ignoring it.", Subtype.CONFIG)
            continue
        fields: dict[str, str | None] = {}
        for key in ("label", "color", "text_color"):
            item = spec.get(key)
            if item is None:
                fields[key] = None
            elif not isinstance(item, str) or (key != "label" and not _COLOUR.match(item)):
                what = "a string" if key == "label" else "a CSS colour such as '#ffd54f'"
                warn(
                    f"seml_badges[{flag!r}][{key!r}] must be {what}, not {item!r}.", Subtype.CONFIG
                )
                fields[key] = None
            else:
                fields[key] = item
        unknown = sorted(set(spec) - {"label", "color", "text_color"})
        if unknown:
            warn(
                f"seml_badges[{flag!r}] has unknown keys {unknown}; use label, color, text_color.",
                Subtype.CONFIG,
            )
        out[flag] = BadgeStyle(**fields)
    return out


def validate(config: Config, confdir: str = "") -> SemlConfig:
    """Check every ``seml_*`` value, warn about bad ones, return the cleaned settings."""
    global _conf_py
    _conf_py = Path(confdir, "conf.py") if confdir else None
    return SemlConfig(
        catalogues=_catalogues(config),
        include_builtin=_bool(config, "seml_include_builtin"),
        default_style=_choice(config, "seml_default_style", LIST_STYLES),
        show_summary=_bool(config, "seml_show_summary"),
        citation_style=_choice(config, "seml_citation_style", CITATION_STYLES),
        reference_style=_reference_style(config, confdir),
        badges=_badges(config),
        confdir=confdir,
    )


# Validated settings per Config object: derived data, never pickled with the env.
_validated: dict[int, tuple[Config, SemlConfig]] = {}


def get_config(config: Config) -> SemlConfig:
    """The settings validated at ``config-inited`` (validated now if that never ran)."""
    cached = _validated.get(id(config))
    if cached is None or cached[0] is not config:
        cached = (config, validate(config))
        _validated[id(config)] = cached
    return cached[1]


def _config_inited(app: Sphinx, config: Config) -> None:
    settings = validate(config, str(app.confdir))
    _validated[id(config)] = (config, settings)
    _exclude_catalogues(app, config, settings)


def _exclude_catalogues(app: Sphinx, config: Config, settings: SemlConfig) -> None:
    """Catalogue files inside the source directory are data, not pages: an
    awesome-list README would otherwise be read as a MyST document."""
    srcdir = Path(app.srcdir).resolve()
    for source in settings.catalogues:
        if source.startswith("entry-point:"):
            continue
        path = (Path(app.confdir) / source).resolve()
        if path.is_relative_to(srcdir):
            pattern = path.relative_to(srcdir).as_posix()
            if pattern not in config.exclude_patterns:
                config.exclude_patterns = [*config.exclude_patterns, pattern]


def setup_config(app: Sphinx) -> None:
    for name, (default, rebuild, description) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, description=description)  # type: ignore[arg-type]
    app.connect("config-inited", _config_inited)
