"""Safe file writing: never a half-written file, never an unasked-for overwrite."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO


class RefusedOverwrite(FileExistsError):
    """The target exists and the caller did not ask to replace it."""


class UnreadableFile(Exception):
    """A file that cannot be read; ``str()`` is a one-line message naming it."""


def special_kind(mode: int) -> str | None:
    """What a non-regular file is (in Chinese), or None for a regular file or a directory."""
    import stat

    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode):
        return "字符设备"
    if stat.S_ISBLK(mode):
        return "块设备"
    return "特殊文件"


def open_regular(path: Path, what: str = "报告文件") -> int:
    """A read-only descriptor of *path*, which must be a regular file (following symbolic
    links); UnreadableFile otherwise.  A FIFO is never waited on: the file is checked with
    stat() first and opened with O_NONBLOCK, and the open descriptor is checked again (the
    name may have been replaced in between)."""
    name = str(path)
    try:
        st = os.stat(path)
        if os.path.isdir(path):
            raise UnreadableFile(f"{name}: 是目录，不是{what}")
        kind = special_kind(st.st_mode)
        if kind:
            raise UnreadableFile(f"{name}: 是{kind}，不是普通文件，未读取")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFile(f"{name}: 文件不存在") from None
    except PermissionError:
        raise UnreadableFile(f"{name}: 没有读取权限") from None
    except OSError as exc:
        raise UnreadableFile(f"{name}: 无法读取（{exc.strerror or exc}）") from None
    kind = special_kind(os.fstat(fd).st_mode)
    if kind:
        os.close(fd)
        raise UnreadableFile(f"{name}: 是{kind}，不是普通文件，未读取")
    return fd


def read_head(path: Path, size: int) -> bytes | None:
    """The first *size* bytes of a regular file, or None if it cannot be read as one."""
    try:
        fd = open_regular(path)
    except UnreadableFile:
        return None
    with os.fdopen(fd, "rb") as fh:
        try:
            return fh.read(size)
        except OSError:
            return None


def read_bytes_checked(path: Path, max_bytes: int, what: str = "报告文件") -> bytes:
    """The bytes of *path*, or UnreadableFile with a one-line reason: missing, a directory,
    not a regular file (a FIFO, socket or device: never opened so that it could block), no
    permission, larger than *max_bytes* (not *what* it should be), or any other OS error."""
    name = str(path)
    fd = open_regular(path, what)
    with os.fdopen(fd, "rb") as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise UnreadableFile(_too_large(name, size, max_bytes, what))
            data = fh.read(max_bytes + 1)  # the file may grow while it is read
        except OSError as exc:
            raise UnreadableFile(f"{name}: 无法读取（{exc.strerror or exc}）") from None
    if len(data) > max_bytes:
        raise UnreadableFile(_too_large(name, len(data), max_bytes, what))
    return data


def _too_large(name: str, size: int, max_bytes: int, what: str) -> str:
    shown = (
        f"{size / (1024 * 1024):.1f} MB"
        if size <= 10 * max_bytes
        else f"超过 {max_bytes // (1024 * 1024)} MB"
    )
    return f"{name}: 文件过大（{shown}，上限 {max_bytes // (1024 * 1024)} MB），不像是{what}"


def read_stream_bounded(stream: BinaryIO, max_bytes: int, name: str, what: str = "年度报告") -> bytes:
    """All of *stream* (e.g. standard input), read in chunks; UnreadableFile as soon as it
    goes past *max_bytes*, so that no more than the limit is ever held in memory."""
    from govreport.limits import STDIN_CHUNK_BYTES

    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = stream.read(min(STDIN_CHUNK_BYTES, max_bytes + 1 - total))
        except OSError as exc:
            raise UnreadableFile(f"{name}: 无法读取（{exc.strerror or exc}）") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise UnreadableFile(f"{name}: 输入过大（超过 {max_bytes // (1024 * 1024)} MB），不像是{what}")


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool = False) -> None:
    """Write *data* to *path* through a temporary file in the same directory and a rename.

    The target is either left as it was or replaced by the complete new content.  Unless
    *overwrite* is true an existing target is left alone and ``RefusedOverwrite`` raised.
    An existing file's permission bits are kept.
    """
    import tempfile  # not at module level: the lint path, which never writes, skips its imports

    target = Path(path)
    if not overwrite and target.exists():
        raise RefusedOverwrite(str(target))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists() and not target.is_file() and not target.is_dir():
        # a device or a pipe (/dev/null, /dev/stdout, a FIFO): renaming over it would replace
        # the special file itself, so write into it
        with target.open("wb") as fh:
            fh.write(payload)
        return
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp_name, mode)
        if overwrite:
            os.replace(tmp_name, target)
        else:
            # link() fails if the target appeared meanwhile: no race can clobber a file.
            try:
                os.link(tmp_name, target)
            except FileExistsError:
                raise RefusedOverwrite(str(target)) from None
            except OSError:
                if target.exists():
                    raise RefusedOverwrite(str(target)) from None
                os.replace(tmp_name, target)  # file systems without hard links
            else:
                os.unlink(tmp_name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def resolved(path: Path) -> Path:
    """*path* made absolute with symbolic links resolved where possible (a link loop, or a
    link to nowhere, is kept as written rather than raising)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))
