"""The ``seml`` command line (also ``python -m sphinxext_seml``).

It works on the catalogue layer only: the built-in catalogue plus any
``--catalogue`` files, with the directives' name resolution and filter
language. Commands: ``list``, ``show``, ``stats``, ``validate``, ``export``,
``import``, ``lint`` (one module each); ``seml --help`` and ``seml COMMAND --help``
describe them with examples.

User errors are one ``seml: error: ...`` line on stderr and a non-zero exit
status, never a traceback; a closed output pipe (``seml list | head``) ends
the command quietly.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from ..catalogue.errors import SemlError
from ..catalogue.query import SORTS
from .common import EXIT_DATA, EXIT_OK, EXIT_USAGE, PROG, CliError
from .parser import build_parser

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["main"]

#: Exit status of an unexpected internal error (a bug; ``SEML_DEBUG=1`` shows the traceback).
EXIT_INTERNAL = 3
#: Exit status after Ctrl-C, as shells report it.
EXIT_INTERRUPTED = 130


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _exit_status(code: object) -> int:
    """The status a ``SystemExit`` (from argparse) stands for."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_USAGE


def _prepare_stdout() -> None:
    """Never fail on characters the output encoding lacks (emoji on a legacy code page)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if encoding not in ("utf8", "utf8sig") and reconfigure is not None:
        reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    """After EPIPE: point stdout at devnull, so that the final flush at exit cannot fail."""
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):  # not a real file (tests, IDEs)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fileno)
    except OSError:
        pass
    finally:
        os.close(devnull)


def _join_negative_sorts(argv: list[str]) -> list[str]:
    """``--sort -year`` -> ``--sort=-year``: argparse would take ``-year`` for an option."""
    negative = {sort for sort in SORTS if sort.startswith("-")}
    out: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--":
            return out + argv[index:]
        following = argv[index + 1] if index + 1 < len(argv) else None
        if word == "--sort" and following is not None and following.strip().lower() in negative:
            out.append(f"--sort={following}")
            index += 2
        else:
            out.append(word)
            index += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``seml`` with ``argv`` (default: ``sys.argv[1:]``); the exit status."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except CliError as exc:
        for message in exc.messages:
            _error(message)
        return exc.code
    except SemlError as exc:  # a catalogue-layer error no command expected
        _error(str(exc))
        return EXIT_DATA
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_DATA
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        if os.environ.get("SEML_DEBUG"):
            raise
        _error(
            f"internal error: {type(exc).__name__}: {exc}"
            " (please report it; set SEML_DEBUG=1 to see the traceback)"
        )
        return EXIT_INTERNAL


def _run(words: list[str]) -> int:
    """Parse ``words`` and run the command they name; errors go up to :func:`main`."""
    _prepare_stdout()
    parser = build_parser()
    try:
        args = parser.parse_args(_join_negative_sorts(words))
    except SystemExit as exc:  # --help, --version, usage errors
        return _exit_status(exc.code)
    run: Callable[..., int] = args.run
    return run(args)
