"""Safe file writing: never a half-written file, never an unasked-for overwrite, never a file
that stops being what it was (see docs/write-safety.md).

Every file govreport writes goes through :func:`write_atomic`:

- the new content goes to a temporary file beside the target, named ``.NAME.govreport-tmp``
  (never ``*.toml``, so no directory walk picks it up), and is renamed over the target: the
  target is either as it was or complete;
- a symbolic link is written *through*: its target gets the content, the link stays a link;
- owner, group and permission bits are kept; where a rename cannot keep the file's identity
  (a hard link, or an owner the writer cannot give to a new file) the content is rewritten in
  place instead, with a backup of the old content kept until the new content is verified;
- a file without write permission is refused (also for root, who could write it anyway);
- ``expected`` (the :func:`fingerprint` of the bytes read) makes the write a compare-and-swap:
  if the file changed since it was read, nothing is written and ``ChangedSinceRead`` raised.
  Writers serialise on a lock of the directory, so two govreport processes cannot interleave
  between the check and the rename;
- temporary files and backups left behind by a killed process are cleaned up by the next
  write of the same file (a backup that still holds the only copy of the old text is never
  deleted: the write is refused and the backup named).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from govreport.i18n import t

TMP_MARK = ".govreport-tmp"
BACKUP_MARK = ".govreport-backup"
# a backup while it is being written: it gets its BACKUP_MARK name only once complete, so a
# backup that exists always holds the whole old text (a write killed before that left the
# target untouched, and what it left is an ordinary temporary file)
STAGE_MARK = TMP_MARK + "-backup"


class RefusedOverwrite(FileExistsError):
    """The target exists and the caller did not ask to replace it."""


class UnreadableFile(Exception):
    """A file that cannot be read; ``str()`` is a one-line message naming it."""


class WriteRefused(OSError):
    """A write that govreport refuses (the file is unchanged); ``str()`` is a one-line Chinese
    message without the file name (callers name the file)."""

    def __init__(self, message: str, err: int = errno.EPERM) -> None:
        super().__init__(err, message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ReadOnlyTarget(WriteRefused):
    """The target has no write permission."""


class ChangedSinceRead(WriteRefused):
    """The target's content is no longer what the caller read (``expected``)."""


class InterruptedWrite(WriteRefused):
    """An earlier in-place write of the target was interrupted; its backup holds the old text."""


def fingerprint(data: bytes) -> str:
    """The fingerprint of a file's content, for ``write_atomic(..., expected=...)``."""
    return hashlib.sha256(data).hexdigest()


# the errors a write meets: errno name | Chinese | English (the system's own text for the others)
_ERRNO_TABLE = """
EACCES | 没有写入权限 | no write permission
EPERM | 不允许此操作（权限不足） | operation not permitted
ENOSPC | 磁盘空间不足 | no space left on the disk
EDQUOT | 超出磁盘配额 | disk quota exceeded
EROFS | 文件系统是只读的 | the file system is read-only
ENOENT | 文件夹不存在 | the folder does not exist
ENOTDIR | 路径中有一项不是文件夹 | a part of the path is not a folder
EISDIR | 这是一个文件夹 | this is a folder
ELOOP | 符号链接循环 | a loop of symbolic links
ENAMETOOLONG | 文件名太长 | the file name is too long
EEXIST | 文件已存在 | the file exists
EIO | 读写设备出错 | input/output error
EBUSY | 文件正被占用 | the file is busy
"""
_ERRNO_TEXT = {
    getattr(errno, name): (zh, en)
    for name, zh, en in (row.split(" | ") for row in _ERRNO_TABLE.strip().splitlines())
    if hasattr(errno, name)
}


def describe_os_error(exc: OSError, lang: str | None = None) -> str:
    """A short reason for a failed write, in *lang* (``"zh"`` or ``"en"``; by default the
    language of the command line); the system's own text where the error is not a known one."""
    if isinstance(exc, WriteRefused):
        return exc.message
    if isinstance(exc, RefusedOverwrite):
        return t(*_ERRNO_TEXT[errno.EEXIST], lang)
    known = _ERRNO_TEXT.get(exc.errno or 0)
    if known is not None:
        return t(*known, lang)
    return str(exc.strerror or exc)


def special_kind(mode: int) -> str | None:
    """What a non-regular file is (in Chinese), or None for a regular file or a directory."""
    import stat

    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return t("命名管道（FIFO）", "a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return t("套接字", "a socket")
    if stat.S_ISCHR(mode):
        return t("字符设备", "a character device")
    if stat.S_ISBLK(mode):
        return t("块设备", "a block device")
    return t("特殊文件", "a special file")


def report_file() -> str:
    """What a file is meant to be, by default: a report file (for the messages)."""
    return t("报告文件", "a report file")


def not_regular(name: str, kind: str) -> str:
    """The message for a file that is a FIFO, socket or device (*kind*, from :func:`special_kind`)."""
    return t(f"{name}: 是{kind}，不是普通文件，未读取", f"{name}: is {kind}, not a regular file; not read")


def cannot_read(name: str, exc: OSError) -> str:
    return t(f"{name}: 无法读取（{exc.strerror or exc}）", f"{name}: cannot be read ({exc.strerror or exc})")


def open_regular(path: Path, what: str | None = None) -> int:
    """A read-only descriptor of *path*, which must be a regular file (following symbolic
    links); UnreadableFile otherwise.  A FIFO is never waited on: the file is checked with
    stat() first and opened with O_NONBLOCK, and the open descriptor is checked again (the
    name may have been replaced in between)."""
    name = str(path)
    what = what or report_file()
    try:
        st = os.stat(path)
        if os.path.isdir(path):
            raise UnreadableFile(t(f"{name}: 是目录，不是{what}", f"{name}: is a directory, not {what}"))
        kind = special_kind(st.st_mode)
        if kind:
            raise UnreadableFile(not_regular(name, kind))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFile(t(f"{name}: 文件不存在", f"{name}: no such file")) from None
    except PermissionError:
        raise UnreadableFile(t(f"{name}: 没有读取权限", f"{name}: no read permission")) from None
    except OSError as exc:
        raise UnreadableFile(cannot_read(name, exc)) from None
    kind = special_kind(os.fstat(fd).st_mode)
    if kind:
        os.close(fd)
        raise UnreadableFile(not_regular(name, kind))
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


def read_bytes_checked(path: Path, max_bytes: int, what: str | None = None) -> bytes:
    """The bytes of *path*, or UnreadableFile with a one-line reason: missing, a directory,
    not a regular file (a FIFO, socket or device: never opened so that it could block), no
    permission, larger than *max_bytes* (not *what* it should be), or any other OS error."""
    name = str(path)
    what = what or report_file()
    fd = open_regular(path, what)
    with os.fdopen(fd, "rb") as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise UnreadableFile(_too_large(name, size, max_bytes, what))
            data = fh.read(max_bytes + 1)  # the file may grow while it is read
        except OSError as exc:
            raise UnreadableFile(cannot_read(name, exc)) from None
    if len(data) > max_bytes:
        raise UnreadableFile(_too_large(name, len(data), max_bytes, what))
    return data


def _too_large(name: str, size: int, max_bytes: int, what: str) -> str:
    limit = max_bytes // (1024 * 1024)
    shown = (
        f"{size / (1024 * 1024):.1f} MB"
        if size <= 10 * max_bytes
        else t(f"超过 {limit} MB", f"over {limit} MB")
    )
    return t(
        f"{name}: 文件过大（{shown}，上限 {limit} MB），不像是{what}",
        f"{name}: file too large ({shown}, the limit is {limit} MB); not {what}",
    )


def read_stream_bounded(stream: BinaryIO, max_bytes: int, name: str, what: str | None = None) -> bytes:
    """All of *stream* (e.g. standard input), read in chunks; UnreadableFile as soon as it
    goes past *max_bytes*, so that no more than the limit is ever held in memory."""
    from govreport.limits import STDIN_CHUNK_BYTES

    what = what or t("年度报告", "an annual report")
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = stream.read(min(STDIN_CHUNK_BYTES, max_bytes + 1 - total))
        except OSError as exc:
            raise UnreadableFile(cannot_read(name, exc)) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            limit = max_bytes // (1024 * 1024)
            raise UnreadableFile(
                t(
                    f"{name}: 输入过大（超过 {limit} MB），不像是{what}",
                    f"{name}: input too large (over {limit} MB); not {what}",
                )
            )


@contextlib.contextmanager
def _directory_lock(directory: Path) -> Iterator[bool]:
    """An exclusive lock that every govreport writer in *directory* takes; yields whether it
    was taken (a file system without locks, or a directory that cannot be opened, has none)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield False
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            locked = False
        else:
            locked = True
        yield locked
    finally:
        os.close(fd)  # closing releases the lock


def _current(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None


class _Scratch:
    """Where one write of *target* keeps its temporary file and its backup.

    With the directory locked, no other govreport write in the directory is in progress, so
    the names are fixed — ``.NAME.govreport-tmp`` and ``.NAME.govreport-backup`` — and what a
    killed write left is found without listing the directory.  Without a lock the names get
    a random suffix (two writers must not share one), and leftovers are looked for by listing
    the directory."""

    def __init__(self, target: Path, locked: bool) -> None:
        self.target = target
        self.directory = target.parent
        self.locked = locked

    def _fixed(self, mark: str) -> Path:
        return self.directory / f".{self.target.name}{mark}"

    def leftovers(self, mark: str) -> list[Path]:
        if self.locked:
            path = self._fixed(mark)
            return [path] if os.path.lexists(path) else []
        prefix = f".{self.target.name}{mark}-"
        try:
            names = os.listdir(self.directory)
        except OSError:
            return []
        return [self.directory / n for n in sorted(names) if n.startswith(prefix)]

    def create(self, mark: str, payload: bytes) -> str:
        """A new file holding *payload* (flushed to disk); its name."""
        if self.locked:
            name = str(self._fixed(mark))
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        else:
            import tempfile  # not at module level: the lint path, which never writes, skips it

            fd, name = tempfile.mkstemp(prefix=f".{self.target.name}{mark}-", dir=self.directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
            raise
        return name

    def create_backup(self, payload: bytes) -> str:
        """A complete backup of *payload* under its BACKUP_MARK name (written, then renamed)."""
        staged = Path(self.create(STAGE_MARK, payload))
        if self.locked:
            final = self._fixed(BACKUP_MARK)
        else:
            final = staged.with_name(staged.name.replace(STAGE_MARK, BACKUP_MARK, 1))
        os.replace(staged, final)
        _fsync_directory(self.directory)
        return str(final)

    def clean(self) -> None:
        """Remove what a killed write of the target left behind.

        A temporary file never holds the only copy of anything.  A backup does when an
        in-place write was cut short: then the target is neither the old text (the backup)
        nor the new one (the temporary file beside it), and the write is refused with the
        backup named."""
        temps = sorted(set(self.leftovers(TMP_MARK) + self.leftovers(STAGE_MARK)))
        backups = self.leftovers(BACKUP_MARK)
        if backups:
            now = _current(self.target)
            versions = set()
            for p in temps + backups:
                with contextlib.suppress(OSError):
                    versions.add(p.read_bytes())
            if now is not None and now not in versions:
                raise InterruptedWrite(
                    t(
                        f"上次写入被中断，文件可能不完整；原内容保存在 {backups[0]}，请核对后删除该备份",
                        f"an earlier write was interrupted and the file may be incomplete; the old content "
                        f"is in {backups[0]}: check it, then delete that backup",
                    )
                )
        for p in temps + backups:
            with contextlib.suppress(OSError):
                p.unlink()


def _writable(st: os.stat_result, target: Path) -> bool:
    if st.st_mode & 0o222 == 0:
        return False  # nobody may write it: not even root should
    return os.access(target, os.W_OK)


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_in_place(target: Path, payload: bytes, old: bytes, tmp_name: str, scratch: _Scratch) -> None:
    """Rewrite *target*'s inode (hard links, foreign owners): back up *old*, write, verify."""
    backup = scratch.create_backup(old)
    try:
        _overwrite_inode(target, payload)
    except OSError as exc:
        # e.g. the disk filled up half way: put the old text back, or say where it is
        try:
            _overwrite_inode(target, old)
        except OSError:
            reason = describe_os_error(exc)
            raise OSError(
                exc.errno,
                t(
                    f"{reason}；文件可能不完整，原内容保存在 {backup}",
                    f"{reason}; the file may be incomplete, the old content is in {backup}",
                ),
            ) from None
        os.unlink(backup)
        raise
    if target.read_bytes() != payload:
        raise OSError(
            errno.EIO,
            t(
                f"写入后核对不一致，原内容保存在 {backup}",
                f"the file read back differs from what was written; the old content is in {backup}",
            ),
        )
    os.unlink(backup)
    os.unlink(tmp_name)


def _overwrite_inode(target: Path, payload: bytes) -> None:
    fd = os.open(target, os.O_WRONLY)
    try:
        view = memoryview(payload)
        offset = 0
        while offset < len(view):
            offset += os.pwrite(fd, view[offset:], offset)
        os.ftruncate(fd, len(payload))
        os.fsync(fd)
    finally:
        os.close(fd)


def _real_target(path: Path) -> Path:
    """Where writing *path* should go: through symbolic links to the file they name."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    overwrite: bool = False,
    expected: str | None = None,
) -> None:
    """Write *data* to *path* so that the file is never half-written nor loses its identity.

    Unless *overwrite* is true an existing target is left alone and ``RefusedOverwrite``
    raised.  With *expected* (the :func:`fingerprint` of the content the caller read) the
    write is refused with ``ChangedSinceRead`` if the file's content is no longer that — or
    the file is gone.  A file without write permission is refused (``ReadOnlyTarget``).
    Other failures raise ``OSError`` (see :func:`describe_os_error`); the target is unchanged.
    """
    target = _real_target(Path(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not overwrite and target.exists():
        raise RefusedOverwrite(str(path))
    if target.exists() and not target.is_file() and not target.is_dir():
        # a device or a pipe (/dev/null, /dev/stdout, a FIFO): renaming over it would replace
        # the special file itself, so write into it
        with target.open("wb") as fh:
            fh.write(payload)
        return
    directory = target.parent if str(target.parent) else Path(".")
    with _directory_lock(directory) as locked:
        scratch = _Scratch(target, locked)
        scratch.clean()
        try:
            st: os.stat_result | None = target.stat()
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise WriteRefused(
                t("不是普通文件", "not a regular file"),
                errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EPERM,
            )
        if st is not None and not overwrite:
            raise RefusedOverwrite(str(path))  # it appeared since the first look
        if st is not None and not _writable(st, target):
            raise ReadOnlyTarget(
                t(
                    "文件是只读的（没有写入权限），未改动",
                    "the file is read-only (no write permission); not changed",
                ),
                errno.EACCES,
            )
        try:
            tmp_name = scratch.create(TMP_MARK, payload)
        except PermissionError:
            raise WriteRefused(
                t(
                    "所在目录没有写入权限（需要在同一目录中建临时文件），未改动",
                    "no write permission in its directory (a temporary file is made beside it); not changed",
                ),
                errno.EACCES,
            ) from None
        try:
            # compared as late as possible: right before the rename (the slow part, writing
            # and syncing the new content, is done)
            old: bytes | None = None
            if expected is not None:
                old = _current(target)
                if old is None or fingerprint(old) != expected:
                    raise ChangedSinceRead(
                        t(
                            "读取之后文件已被其他程序修改，未写入（请重新读取后再试）",
                            "another program changed the file after it was read; not written (read it again)",
                        )
                    )
            if st is None:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp_name, 0o666 & ~umask)
                try:
                    # link() fails if the target appeared meanwhile: no race can clobber a file.
                    os.link(tmp_name, target)
                except FileExistsError:
                    if not overwrite:
                        raise RefusedOverwrite(str(path)) from None
                    os.replace(tmp_name, target)
                except OSError:
                    if not overwrite and target.exists():
                        raise RefusedOverwrite(str(path)) from None
                    os.replace(tmp_name, target)  # file systems without hard links
                else:
                    os.unlink(tmp_name)
                _fsync_directory(directory)
                return
            same_owner = True
            if (st.st_uid, st.st_gid) != (os.stat(tmp_name).st_uid, os.stat(tmp_name).st_gid):
                try:
                    os.chown(tmp_name, st.st_uid, st.st_gid)
                except OSError:
                    same_owner = False
            os.chmod(tmp_name, stat.S_IMODE(st.st_mode))
            if st.st_nlink > 1 or not same_owner:
                if old is None:
                    old = target.read_bytes()
                _write_in_place(target, payload, old, tmp_name, scratch)
                return
            os.replace(tmp_name, target)
            _fsync_directory(directory)
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
