"""Atomic output: links written through, devices and FIFOs written directly, the umask's permissions, errors that
name the target, and nothing left behind by a failure or an interrupt."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from neurosim.io import atomic as atomic_mod
from neurosim.io import atomic_write_bytes


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_new_file_gets_the_umask_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "a.json", b"{}")
        os.umask(0o077)
        atomic_write_bytes(tmp_path / "b.json", b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.json").stat().st_mode) == 0o600


def test_existing_file_keeps_its_mode(tmp_path):
    f = tmp_path / "x.txt"
    f.write_bytes(b"old")
    f.chmod(0o640)
    atomic_write_bytes(f, b"new")
    assert f.read_bytes() == b"new" and stat.S_IMODE(f.stat().st_mode) == 0o640


def test_symlink_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "target.json")
    atomic_write_bytes(dangling, b"made")
    assert dangling.is_symlink() and (tmp_path / "target.json").read_bytes() == b"made"
    assert _hidden(tmp_path) == []


def test_fifo_is_written_directly_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write_bytes(fifo, b"through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_character_device_is_written_directly():
    before = os.stat("/dev/null")
    atomic_write_bytes("/dev/null", b"discarded")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (before.st_ino, before.st_rdev) == (after.st_ino, after.st_rdev)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux) to provoke a full disk")
def test_full_device_error_names_the_path():
    with pytest.raises(OSError) as info:
        atomic_write_bytes("/dev/full", b"x" * 100_000)
    assert info.value.errno == errno.ENOSPC and info.value.filename == "/dev/full"


def test_full_disk_names_the_target_and_leaves_nothing(tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_mod.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    target = tmp_path / "x.json"
    target.write_bytes(b"keep me")
    with pytest.raises(OSError) as info:
        atomic_write_bytes(target, b"new contents")
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(target)
    assert target.read_bytes() == b"keep me" and _hidden(tmp_path) == []


def test_permission_error_names_the_target_not_the_temporary_file(tmp_path, monkeypatch):
    def refuse(path, *args):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(atomic_mod.os, "open", refuse)
    with pytest.raises(PermissionError) as info:
        atomic_write_bytes(tmp_path / "out.json", b"{}")
    assert info.value.filename == str(tmp_path / "out.json") and ".tmp" not in str(info.value)


def test_interrupt_between_write_and_rename_leaves_nothing(tmp_path, monkeypatch):
    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_mod.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(tmp_path / "out.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_folder_and_missing_folder_are_named(tmp_path):
    with pytest.raises(IsADirectoryError) as info:
        atomic_write_bytes(tmp_path, b"x")
    assert info.value.filename == str(tmp_path)
    with pytest.raises(FileNotFoundError) as info:
        atomic_write_bytes(tmp_path / "no" / "x.json", b"x")
    assert info.value.filename == str(tmp_path / "no")
