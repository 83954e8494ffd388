"""The output planner: every file a command writes is planned here, before anything is read or written.

A careless call must never replace an input: ``convert x.txt x.md --out-dir . --to md`` would write
``x.txt``'s edition over ``x.md`` before ``x.md`` is read; ``--explain-json x.md``, ``--debug-dir .``,
``issue saved -o saved/a.md`` and ``--individual`` could do the same. So a command first lists its inputs
(the files as given, every file inside an input folder or named by a manifest, the manifest itself, the
cover and the ``--css`` files) and its targets (the edition, each ``--out-dir``/``--individual`` file,
the ``--explain-json`` report, the ``--debug-dir`` stage files, standard output when it is a file), then
``OutputPlan.check`` refuses, with a ``UsageError`` (exit 2) naming both, a target that is an input by
any name: the same path once resolved, a symlink to it, or a hard link (same device and inode).

It also refuses two targets that are one file (``-o article.md --debug-dir .``), a ``--debug-dir`` file
the converter did not write (a user's ``article.md``: the folder must be new, or ours, marked by
``DEBUG_MARKER``), and a target whose folder does not exist or cannot be made (``--out-dir`` under a
file). Folders are made only after every check passed; the writes themselves stay atomic
(``converter.render.writing``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from converter.errors import UsageError

#: A file ``--debug-dir`` leaves in its folder: its stage files may be replaced by the next run.
DEBUG_MARKER = ".converter-debug"

#: The file names ``--debug-dir`` writes.
DEBUG_FILES = ("extraction.json", "article.md", "article.html")

#: The target that means standard output.
STDOUT = Path("<standard output>")


@dataclass(frozen=True)
class Target:
    """One file a command will write, and what it is (for messages): "the output", "--explain-json" ..."""

    path: Path
    role: str


@dataclass
class OutputPlan:
    """The inputs and targets of one command; ``check`` before reading or writing anything."""

    inputs: dict[tuple[int, int], str] = field(default_factory=dict)
    """(device, inode) of every input file -> the name the user knows it by."""
    input_paths: dict[str, str] = field(default_factory=dict)
    """Resolved path of every input (also those that do not exist yet) -> its name."""
    targets: list[Target] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    """Folders to make once the plan is checked."""
    allow_outside: tuple[Path, ...] = ()
    """Where an input folder's links may lead (``--allow-outside``), as the issue reads it."""

    def add_input(self, path: str | Path, name: str | None = None) -> None:
        """An input file, or a folder whose article files are inputs."""
        path = Path(path)
        shown = name or str(path)
        if path.is_dir():
            from converter.issue.inputs import folder_articles

            # the compiler walks the folder again and says what it leaves out: once is enough
            for child in folder_articles(path, self.allow_outside, warn=False):
                self.add_input(child)
            return
        self.input_paths.setdefault(_resolved(path), shown)
        identity = _identity(path)
        if identity is not None:
            self.inputs.setdefault(identity, shown)

    def add_inputs(self, paths: Iterable[str | Path]) -> None:
        for path in paths:
            self.add_input(path)

    def add_target(self, path: Path, role: str = "the output") -> None:
        self.targets.append(Target(path, role))

    def add_stdout(self) -> None:
        """Standard output as a target, when it is a file (``> x.md`` or ``>> x.md`` on an input)."""
        self.targets.append(Target(STDOUT, "standard output"))

    def add_folder(self, folder: Path, option: str) -> None:
        """A folder the targets go in (``--out-dir``, ``--debug-dir``, ``--individual``), made after ``check``."""
        _check_folder_can_exist(folder, option)
        self.folders.append(folder)

    def check(self) -> None:
        """Refuse any target that is an input or another target, or whose folder is missing; nothing is written.

        Raises ``UsageError`` (exit 2) naming both files, or the folder.
        """
        seen: dict[str, Target] = {}
        for target in self.targets:
            source = self.input_of(target.path)
            if source is not None:
                where = "standard output" if target.path == STDOUT else f"{target.role} {target.path}"
                raise UsageError(f"{where} is the input {source}; nothing was written (choose another name, "
                                 "an input is never overwritten)")
            if target.path == STDOUT:
                continue
            key = _resolved(target.path)
            other = seen.get(key)
            if other is not None and other.role != target.role:
                raise UsageError(f"{target.role} {target.path} and {other.role} {other.path} are the same file; "
                                 "choose another name")
            seen.setdefault(key, target)
            if target.path.parent not in self.folders:
                _check_folder_exists(target)

    def input_of(self, target: Path) -> str | None:
        """The input ``target`` is, by any name, or ``None``."""
        if target == STDOUT:
            identity = _stdout_identity()
            return self.inputs.get(identity) if identity else None
        identity = _identity(target)
        if identity is not None and identity in self.inputs:
            return self.inputs[identity]
        return self.input_paths.get(_resolved(target))

    def check_target_free(self, target: Path) -> None:
        """Refuse at once a target that is one of the inputs known so far (before reading a manifest).

        Raises ``UsageError`` naming the input.
        """
        source = self.input_of(target)
        if source is not None:
            raise UsageError(f"the output {target} is the input {source}; nothing was written (choose another "
                             "name, an input is never overwritten)")

    def input_inside(self, folder: Path) -> str | None:
        """An input inside ``folder`` (at any depth), if there is one."""
        base = _resolved(folder).rstrip(os.sep) + os.sep
        return next((name for path, name in self.input_paths.items() if path.startswith(base)), None)

    def make_folders(self) -> None:
        """Make the planned folders (after ``check``).

        Raises ``UsageError`` (an ``OSError`` is the user's: exit 2, one line) for a folder that cannot be made.
        """
        for folder in self.folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise UsageError(f"{folder}: the folder cannot be made ({err.strerror})") from None

    def ready(self) -> None:
        """``check`` then ``make_folders``: the plan is safe to carry out."""
        self.check()
        self.make_folders()


def plan_debug_dir(plan: OutputPlan, folder: Path) -> None:
    """The ``--debug-dir`` stage files as targets.

    Raises ``UsageError`` for a stage file there that we did not write.
    """
    plan.add_folder(folder, "--debug-dir")
    ours = (folder / DEBUG_MARKER).is_file()
    for name in DEBUG_FILES:
        path = folder / name
        if not ours and os.path.lexists(path):
            raise UsageError(f"--debug-dir {folder}: it already holds {name}, which the converter did not write; "
                             "give a new or empty folder (nothing was written)")
        plan.add_target(path, "--debug-dir")


def refuse_writing_over_inputs(output: Path, inputs: Iterable[str | Path]) -> None:
    """The library's side of the CLI's check (``render``, ``render_issue``): ``output`` must be none of
    ``inputs`` (the files the Article or the issue was read from), by any name. Its folder is not checked
    here: the library makes a Markdown edition's folder with its pictures (``write_atomic`` refuses a
    missing one for the rest).

    Raises ``UsageError`` with the CLI's words (exit 2 there); nothing was written.
    """
    plan = OutputPlan()
    plan.add_inputs(path for path in inputs if path)
    plan.check_target_free(output)


def resolved_path(path: Path) -> str:
    """``path`` resolved (links followed), or made absolute when it cannot be (a symlink loop)."""
    return _resolved(path)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _stdout_identity() -> tuple[int, int] | None:
    """Standard output's file, when it is a regular file (a pipe or a terminal is never an input)."""
    try:
        info = os.fstat(1)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return os.path.abspath(path)


def _check_folder_can_exist(folder: Path, option: str) -> None:
    """The folder exists, or can be made: its nearest existing ancestor is a folder."""
    probe = folder
    while not os.path.lexists(probe) and probe != probe.parent:
        probe = probe.parent
    if os.path.lexists(probe) and not probe.is_dir():
        what = "is a file" if probe == folder else f"is under {probe}, which is a file"
        raise UsageError(f"{option} {folder}: {what}; give a folder (nothing was written)")


def _check_folder_exists(target: Target) -> None:
    """A target's folder must exist and be a folder: we never make the folder of ``-o``."""
    if _is_device(target.path):
        return
    folder = target.path.parent if str(target.path.parent) else Path(".")
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"{target.role} {target.path}: the folder {folder} {what}; create it first "
                         "(nothing was written)")
    why = _cannot_take_files(folder)
    if why:  # read-only, or a pseudo file system (/proc, /sys): as wrong a place as a missing folder
        raise UsageError(f"{target.role} {target.path}: the folder {folder} cannot be written in ({why}); "
                         "choose another folder (nothing was written)")


def _cannot_take_files(folder: Path) -> str:
    """Why no file can be made in ``folder`` (the OS's reason), "" when one can: tried with a temporary file,
    removed at once, as the atomic write will make one (permission bits do not tell for root or /proc)."""
    import tempfile

    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".converter-probe.", suffix=".part")
    except OSError as err:
        return err.strerror or str(err)
    os.close(fd)
    os.unlink(probe)
    return ""


def _is_device(path: Path) -> bool:
    from converter.render.writing import stream_target

    return stream_target(path) is not None
