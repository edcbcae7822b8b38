"""Atomic file output for the library: a temporary file in the target folder, then one rename.

A failure (full disk, an exception while drawing, an interrupt) leaves no partial file behind and never truncates
an existing one. The rules, in order:

- a path that names a FIFO, a character or block device or a socket (``/dev/null``, ``/dev/stdout``, a named
  pipe) is written directly: renaming a regular file over it would replace the device with a file;
- a symbolic link is followed: the file it points to is replaced, and the link stays a link;
- a new file gets the permissions the umask gives (``0644`` under ``022``), as ``open(path, "w")`` would; an
  existing file keeps its mode;
- every error names the target, never the hidden temporary file (``out.json: No space left on device``).

Interrupts: an exception raised anywhere in the write (``KeyboardInterrupt`` from Ctrl-C, or the exception that
the command line's SIGTERM handler raises) removes the temporary file. A process killed outright (SIGKILL, or
SIGTERM with no handler) cannot clean up; the command line installs a handler for that reason.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

__all__ = ["atomic_write_bytes"]

_NEW_FILE_MODE = 0o666  # less the umask, as open() gives


def _named_error(exc: OSError, path: Path) -> OSError:
    """The same error (same class, errno and reason) naming ``path`` instead of whatever file it named."""
    err = type(exc)(exc.errno, exc.strerror or str(exc), str(path)) if exc.errno else OSError(
        0, str(exc) or type(exc).__name__, str(path))
    return err


def _write_direct(path: Path, data: bytes) -> None:
    """Write to a device, FIFO or socket by opening it, never by rename."""
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise _named_error(exc, path) from None


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` all at once (temporary file + :func:`os.replace`), by the module's rules.

    Raises
    ------
    FileNotFoundError
        The target folder does not exist.
    IsADirectoryError
        ``path`` is a folder.
    OSError
        Any other failure (permissions, a full disk), naming ``path``.
    """
    given = Path(path)
    try:
        st = os.stat(given)  # follows symbolic links
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _named_error(exc, given) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(21, "is a directory, expected a file", str(given))
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_direct(given, data)
        return
    # a link (even a dangling one) is written through: the file it names is replaced, the link stays
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise FileNotFoundError(2, "folder does not exist", str(parent))
    mode = None if st is None else stat.S_IMODE(st.st_mode)
    tmp = parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), _NEW_FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            if mode is not None:
                os.chmod(fd, mode)
            fh.write(data)
        os.replace(tmp, target)
    except BaseException as exc:
        if not isinstance(exc, FileExistsError):  # O_EXCL met a name that is not ours: leave it alone
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _named_error(exc, given) from None
        raise
