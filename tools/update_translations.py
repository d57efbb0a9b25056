"""Extract, update and compile the message catalogues of sphinxext-seml.

    python tools/update_translations.py           # update the .pot, the .po files, the .mo files
    python tools/update_translations.py --check   # change nothing; exit 1 if anything is stale

Messages come from two places:

- every ``_("...")`` call in ``sphinxext_seml/`` (the labels the extension writes);
- the texts of the built-in catalogue that pages show as labels: flag labels and
  descriptions, category titles and descriptions, and the known entry types.

They go to ``sphinxext_seml/locales/sphinxext_seml.pot``; each language's
``sphinxext_seml/locales/<lang>/LC_MESSAGES/sphinxext_seml.po`` is updated from it
(new messages appear untranslated, translators fill them in) and compiled to the
``.mo`` file next to it. Both the ``.po`` and the ``.mo`` files are committed, so an
install needs no build step. Everything goes through Babel (a Sphinx dependency).

A file is rewritten only when its messages change, not for a new date alone.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

if TYPE_CHECKING:
    from sphinxext_seml.catalogue.errors import Location

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinxext_seml"
LOCALES_DIR = PACKAGE / "locales"
DOMAIN = "sphinxext_seml"
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
#: The languages shipped. Add one here, run the script, translate its new .po file.
LANGUAGES = ("de", "fr")

#: Only ``_`` marks a message: ``get_translation("sphinxext_seml")`` in the Sphinx layer.
KEYWORDS: dict[str, None] = {"_": None}
COMMENT_TAGS = ("Translators:",)
HEADER = """\
# Translations template for sphinxext-seml: the labels the extension writes.
# Regenerate with: python tools/update_translations.py
# This file is distributed under the same license as the sphinxext-seml project.
#"""
#: Header lines that change with every run; ignored when deciding whether to write.
_VOLATILE = ('"POT-Creation-Date:', '"PO-Revision-Date:', '"Generated-By:')


def po_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def _relative(path: str | Path) -> str:
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _version() -> str:
    namespace: dict[str, str] = {}
    for line in (PACKAGE / "version.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            exec(line, namespace)  # a literal assignment from our own source
    return namespace.get("__version__", "0")


def _builtin_messages() -> list[tuple[str, str, int, str]]:
    """``(message, file, line, comment)`` for the built-in catalogue's visible texts."""
    sys.path.insert(0, str(ROOT))
    try:
        from sphinxext_seml.catalogue.builtin import load_builtin
        from sphinxext_seml.catalogue.model import KNOWN_TYPES
    finally:
        sys.path.remove(str(ROOT))
    catalogue = load_builtin()
    found: list[tuple[str, str, int, str]] = []

    def add(text: str, location: Location | None, comment: str) -> None:
        if text:
            source = _relative(location.source) if location else "sphinxext_seml/data/seml.yaml"
            found.append((text, source, (location.line or 0) if location else 0, comment))

    for flag in catalogue.flags.values():
        add(flag.label, flag.location, "Built-in catalogue: the label of a flag's badge.")
        add(
            flag.description,
            flag.location,
            "Built-in catalogue: what a flag means (badge tooltip, legend).",
        )
    for category in catalogue.ordered_categories():
        add(
            category.title,
            category.location,
            "Built-in catalogue: a category's title (a heading of seml-catalogue).",
        )
        add(
            category.description, category.location, "Built-in catalogue: a category's description."
        )
    for kind in KNOWN_TYPES:
        found.append(
            (
                kind,
                "sphinxext_seml/catalogue/model.py",
                0,
                "An entry type, as list tables and entry details show it.",
            )
        )
    return found


def extract_template() -> Catalog:
    """The template catalogue of every message, freshly extracted from the sources."""
    template = Catalog(
        domain=DOMAIN,
        project="sphinxext-seml",
        version=_version(),
        copyright_holder="The sphinxext-seml developers",
        msgid_bugs_address="",
        header_comment=HEADER,
        charset="utf-8",
        fuzzy=False,
    )
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        if not isinstance(message, str) or not message:
            continue  # plural forms are not used; an empty msgid is the header
        template.add(
            message,
            None,
            [(f"{PACKAGE.name}/{Path(filename).as_posix()}", lineno)],
            auto_comments=comments,
            context=context,
        )
    for message, source, line, comment in _builtin_messages():
        template.add(message, None, [(source, line)], auto_comments=[comment])
    return template


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # No line numbers: locations by file keep the files stable while code moves.
    write_po(
        buffer, catalog, width=88, sort_by_file=True, include_lineno=False, ignore_obsolete=True
    )
    return buffer.getvalue()


def _stable(data: bytes) -> list[bytes]:
    return [
        line
        for line in data.splitlines()
        if not line.decode("utf-8", "replace").startswith(_VOLATILE)
    ]


def _write_po_if_changed(path: Path, catalog: Catalog, check: bool) -> bool:
    """Write ``catalog`` to ``path`` unless only volatile header lines differ.
    Returns whether the file is (or, with ``check``, would be) changed."""
    data = _po_bytes(catalog)
    if path.exists() and _stable(path.read_bytes()) == _stable(data):
        return False
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return True


def translations(catalog: Catalog) -> dict[str, str]:
    """msgid -> msgstr of the translated, non-fuzzy messages (what a .mo file holds)."""
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and m.string and not m.fuzzy and isinstance(m.id, str)
    }


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def updated_catalog(language: str, template: Catalog) -> Catalog:
    """The language's catalogue updated from ``template`` (a new one if it has none)."""
    path = po_path(language)
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f, locale=language, domain=DOMAIN)
        catalog.update(template, update_creation_date=True)
    else:
        with io.BytesIO(_po_bytes(template)) as f:
            catalog = read_po(f, locale=language, domain=DOMAIN)
        catalog.revision_date = datetime.now(UTC)
        catalog.header_comment = (
            f"# {language} translations of sphinxext-seml's labels.\n"
            + "\n".join(HEADER.splitlines()[1:])
        )
        catalog.fuzzy = False
    return catalog


def _update_language(language: str, template: Catalog, check: bool) -> list[str]:
    """Update (or with ``check``, only compare) one language's .po and .mo; the stale files."""
    stale: list[str] = []
    catalog = updated_catalog(language, template)
    if _write_po_if_changed(po_path(language), catalog, check):
        stale.append(_relative(po_path(language)))
    for message, errors in ((m, e) for m, e in catalog.check() if e):
        for error in errors:
            print(f"{language}: {message.id!r}: {error}", file=sys.stderr)
    missing = [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy)]
    if missing:
        print(
            f"{language}: {len(missing)} message(s) to translate in "
            f"{_relative(po_path(language))}:",
            file=sys.stderr,
        )
        for message_id in missing:
            print(f"    {message_id!r}", file=sys.stderr)
    mo = mo_path(language)
    current: dict[str, str] | None = None
    if mo.exists():
        with mo.open("rb") as f:
            current = translations(read_mo(f))
    if current != translations(catalog):
        stale.append(_relative(mo))
        if not check:
            mo.write_bytes(_mo_bytes(catalog))
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file is stale"
    )
    args = parser.parse_args(argv)
    stale: list[str] = []

    template = extract_template()
    if _write_po_if_changed(TEMPLATE, template, args.check):
        stale.append(_relative(TEMPLATE))
    for language in LANGUAGES:
        stale += _update_language(language, template, args.check)

    verb = "stale" if args.check else "updated"
    for name in stale:
        print(f"{verb}: {name}")
    if not stale:
        print("translations up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
