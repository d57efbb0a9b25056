"""Nothing lost (issue #6, part 5): ``seml import`` and ``seml export`` never destroy a
file they were not asked to replace.

``tests/cli/test_cli_transfer.py`` covers the main rules (no overwrite without
``--force``, atomic replacement through a temporary file in the same directory, a
failed write leaves the target as it was, permissions kept). These are the gaps:
targets that are not regular files (``/dev/null``, a pipe), an interrupt in the
middle of a write, a failure before anything is written, reading and writing the
same file, and what ``--force`` does to a symbolic link.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.errors import CatalogueError
from sphinxext_seml.cli import cmd_transfer, main

YAML = """\
categories:
  - {slug: runbooks, title: Runbooks}
entries:
  - key: rollback
    title: Rolling back
    url: https://wiki.example.com/rollback
    category: runbooks
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    assert "Traceback" not in err.getvalue()
    assert "internal error" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_force_never_replaces_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "out.yaml"
    os.mkfifo(pipe)
    code, out, err = run("export", "-o", str(pipe), "--force")
    assert (code, out) == (2, "")
    assert "is not a regular file (a device, pipe or socket)" in err
    assert "use '-o -' for standard output" in err
    assert pipe.is_fifo()
    assert leftovers(tmp_path) == []


def test_force_never_replaces_a_device(tmp_path: Path) -> None:
    null = tmp_path / "null.yaml"
    null.symlink_to(os.devnull)  # like -o /dev/stdout: a link to a device
    before = os.stat(os.devnull)
    code, _, err = run("export", "-o", str(null), "--force")
    assert code == 2
    assert "is not a regular file" in err
    assert null.is_symlink()
    after = os.stat(os.devnull)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert leftovers(tmp_path) == []


def test_an_interrupt_while_writing_leaves_the_target(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "seml.yaml"
    target.write_text("precious\n", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    code, _, _ = run("export", "-o", str(target), "--force")
    assert code == 130  # as shells report Ctrl-C
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert leftovers(tmp_path) == []


def test_a_failure_before_writing_creates_nothing(tmp_path: Path, monkeypatch) -> None:
    def broken(catalogue, fmt):
        raise CatalogueError("cannot write catalogues as 'x'")

    monkeypatch.setattr(cmd_transfer, "format_catalogue", broken)
    target = tmp_path / "new.yaml"
    code, _, err = run("export", "-o", str(target))
    assert code == 1
    assert "cannot write catalogues" in err
    assert list(tmp_path.iterdir()) == []


def test_importing_a_file_onto_itself(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "team.yaml"
    source.write_text(YAML, encoding="utf-8")
    code, _, err = run("import", "team.yaml", "-o", "team.yaml")
    assert code == 2
    assert "the file exists; use --force to overwrite it" in err
    assert source.read_text(encoding="utf-8") == YAML
    # with --force: read completely first, then replaced by its native form
    code, _, _ = run("import", "team.yaml", "-o", "team.yaml", "--force")
    assert code == 0
    assert "rollback" in source.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


def test_force_replaces_a_link_not_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    code, _, err = run("export", "-o", str(link))
    assert code == 2
    assert "the file exists" in err
    code, _, _ = run("export", "-o", str(link), "--force")
    assert code == 0
    assert not link.is_symlink()
    assert "sculley2015hidden" in link.read_text(encoding="utf-8")
    assert real.read_text(encoding="utf-8") == "precious\n"


def test_a_directory_in_the_way(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x\n", encoding="utf-8")
    code, _, err = run("export", "-o", str(blocker / "out.yaml"))
    assert code == 2
    assert "does not exist" in err
    assert blocker.read_text(encoding="utf-8") == "x\n"
