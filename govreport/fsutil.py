"""Safe file writing: never a half-written file, never an unasked-for overwrite."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


class RefusedOverwrite(FileExistsError):
    """The target exists and the caller did not ask to replace it."""


class UnreadableFile(Exception):
    """A file that cannot be read; ``str()`` is a one-line message naming it."""


def read_bytes_checked(path: Path, max_bytes: int, what: str = "报告文件") -> bytes:
    """The bytes of *path*, or UnreadableFile with a one-line reason: missing, a directory,
    no permission, larger than *max_bytes* (not *what* it should be), or any other OS error."""
    name = str(path)
    try:
        if path.is_dir():
            raise UnreadableFile(f"{name}: 是目录，不是{what}")
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableFile(f"{name}: 文件过大（{size // (1024 * 1024)} MB），不像是{what}")
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"{name}: 文件不存在") from None
    except PermissionError:
        raise UnreadableFile(f"{name}: 没有读取权限") from None
    except OSError as exc:
        raise UnreadableFile(f"{name}: 无法读取（{exc.strerror or exc}）") from None


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
