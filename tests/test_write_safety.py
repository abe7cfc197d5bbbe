"""The one write path (govreport/fsutil.py): a file written by govreport stays what it was.

Symbolic links are written through, hard links keep sharing their content, owner, group and
mode are kept, a read-only file is refused, a file that changed since it was read is refused
(also between two concurrent writers), and a process killed in the middle of a write leaves
the old or the new content — never half a file — and no temporary file after the next write.
"""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from govreport.cli import cli
from govreport.fsutil import (
    BACKUP_MARK,
    TMP_MARK,
    ChangedSinceRead,
    InterruptedWrite,
    ReadOnlyTarget,
    fingerprint,
    write_atomic,
)

from .conftest import EXAMPLE, ROOT, run_cli

# A report that needs formatting (keys out of order), so that `fmt` writes it.
MESSY = """format = "2021"
[report]
year = 2024
organ = "青石镇人民政府"
"""


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if TMP_MARK in p.name or BACKUP_MARK in p.name)


def test_fmt_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "data" / "r.toml"
    real.parent.mkdir()
    real.write_text(MESSY, encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    proc = run_cli("fmt", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") != MESSY  # the target was formatted
    assert run_cli("fmt", "--check", str(real)).returncode == 0
    assert leftovers(real.parent) == [] and leftovers(tmp_path) == []


def test_render_force_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "page.html"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "current.html"
    link.symlink_to(real.name)
    proc = run_cli("render", str(EXAMPLE), "--force", "-o", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink()
    assert "<html" in real.read_text(encoding="utf-8")


def test_fmt_keeps_a_hard_link(tmp_path: Path) -> None:
    first = tmp_path / "r.toml"
    first.write_text(MESSY, encoding="utf-8")
    other = tmp_path / "alias.toml.bak"
    os.link(first, other)
    inode = first.stat().st_ino
    proc = run_cli("fmt", str(first))
    assert proc.returncode == 0, proc.stderr
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == first.read_text(encoding="utf-8") != MESSY
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_fmt_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    import grp
    import pwd

    nobody = pwd.getpwnam("nobody").pw_uid
    group = grp.getgrnam("nogroup").gr_gid if "nogroup" in {g.gr_name for g in grp.getgrall()} else 65534
    path = tmp_path / "r.toml"
    path.write_text(MESSY, encoding="utf-8")
    os.chown(path, nobody, group)
    os.chmod(path, 0o640)
    proc = run_cli("fmt", str(path))
    assert proc.returncode == 0, proc.stderr
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (nobody, group, 0o640)
    assert path.read_text(encoding="utf-8") != MESSY


def test_a_read_only_file_is_refused_and_the_summary_counts_right(tmp_path: Path) -> None:
    locked = tmp_path / "a.toml"
    locked.write_text(MESSY, encoding="utf-8")
    locked.chmod(0o444)
    free = tmp_path / "b.toml"
    free.write_text(MESSY, encoding="utf-8")
    proc = run_cli("fmt", str(locked), str(free))
    assert proc.returncode == 2
    assert f"无法写入 {locked}：文件是只读的" in proc.stderr
    assert "1 个文件已格式化，0 个文件无需改动，1 个文件未能处理。" in proc.stderr
    assert "-1 个" not in proc.stderr and "Traceback" not in proc.stderr
    assert locked.read_text(encoding="utf-8") == MESSY
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    with pytest.raises(ReadOnlyTarget):
        write_atomic(locked, "x", overwrite=True)


def test_expected_fingerprint_refuses_a_changed_file(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(b"mine\n")
    seen = fingerprint(path.read_bytes())
    path.write_bytes(b"theirs\n")
    with pytest.raises(ChangedSinceRead):
        write_atomic(path, "mine, edited\n", overwrite=True, expected=seen)
    assert path.read_bytes() == b"theirs\n"
    path.unlink()
    with pytest.raises(ChangedSinceRead):  # gone since it was read: not silently re-created
        write_atomic(path, "mine, edited\n", overwrite=True, expected=seen)
    assert not path.exists()
    write_atomic(path, "new\n", overwrite=True)
    write_atomic(path, "newer\n", overwrite=True, expected=fingerprint(b"new\n"))
    assert path.read_bytes() == b"newer\n"


def test_fmt_refuses_when_the_file_changes_while_it_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program saves between fmt's read and fmt's write: its edit is kept, fmt says so."""
    import govreport.report.fmt as fmt_module

    path = tmp_path / "r.toml"
    path.write_text(MESSY, encoding="utf-8")
    real_format = fmt_module.format_text
    theirs = MESSY + "# 编辑器刚保存的修改\n"

    def racing(text: str, name: str = "<text>") -> str:
        path.write_text(theirs, encoding="utf-8")
        return real_format(text, name)

    monkeypatch.setattr(fmt_module, "format_text", racing)
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 2
    assert "读取之后文件已被其他程序修改" in result.stderr
    assert path.read_text(encoding="utf-8") == theirs


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from govreport.fsutil import ChangedSinceRead, fingerprint, write_atomic

    path, me, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    done = refused = 0
    while done < rounds:
        raw = path.read_bytes()
        try:
            write_atomic(path, raw + f"{me}{done}\\n".encode(), overwrite=True, expected=fingerprint(raw))
        except ChangedSinceRead:
            refused += 1
            continue
        done += 1
    print(refused)
    """
)


def test_concurrent_read_modify_write_loses_no_edit(tmp_path: Path) -> None:
    """Two processes append to one file, each through read → modify → write(expected): every
    append that reported success is in the file; the others were refused, never lost."""
    path = tmp_path / "log.toml"
    path.write_bytes(b"")
    rounds = 40
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), me, str(rounds)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for me in ("a", "b")
    ]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    lines = path.read_text(encoding="utf-8").split()
    assert sorted(lines) == sorted([f"a{i}" for i in range(rounds)] + [f"b{i}" for i in range(rounds)])
    assert leftovers(tmp_path) == []


KILLED = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from govreport.fsutil import write_atomic

    path = Path(sys.argv[1])
    contents = [b"A" * 3_000_000 + b"\\n", b"B" * 2_000_000 + b"\\n"]
    print("ready", flush=True)
    i = 0
    while True:
        write_atomic(path, contents[i % 2], overwrite=True)
        i += 1
    """
)
WHOLE = {b"A" * 3_000_000 + b"\n", b"B" * 2_000_000 + b"\n"}


@pytest.mark.parametrize("hard_link", [False, True], ids=["rename", "in-place"])
def test_sigkill_never_leaves_half_a_file(tmp_path: Path, hard_link: bool) -> None:
    """Kill a writer at random moments; the file is always one whole version (or, for an
    in-place write of a hard-linked file, the next write refuses and names the backup that
    holds the old version), and the next write leaves no temporary file."""
    rng = random.Random(10)
    path = tmp_path / "r.toml"
    path.write_bytes(b"A" * 3_000_000 + b"\n")
    if hard_link:
        os.link(path, tmp_path / "other-name")
    interrupted = 0
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", KILLED, str(path)], stdout=subprocess.PIPE, cwd=ROOT)
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        now = path.read_bytes()
        if now not in WHOLE:
            assert hard_link, "a rename-based write left half a file"
            backups = [p for p in tmp_path.iterdir() if BACKUP_MARK in p.name]
            assert backups and backups[0].read_bytes() in WHOLE
            with pytest.raises(InterruptedWrite, match="原内容保存在"):
                write_atomic(path, b"next\n", overwrite=True)
            path.write_bytes(backups[0].read_bytes())  # the user restores the backup
            interrupted += 1
        write_atomic(path, now if now in WHOLE else path.read_bytes(), overwrite=True)  # the next run
        assert leftovers(tmp_path) == []
    assert path.read_bytes() in WHOLE


def test_a_disk_full_in_place_write_puts_the_old_text_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    path = tmp_path / "r.toml"
    path.write_bytes(b"old text\n" * 100)
    os.link(path, tmp_path / "other-name")
    real_pwrite = os.pwrite
    calls: list[int] = []

    def full_once(fd: int, data: bytes, offset: int) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            real_pwrite(fd, bytes(data)[: len(data) // 2], offset)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_pwrite(fd, data, offset)

    monkeypatch.setattr(os, "pwrite", full_once)
    with pytest.raises(OSError) as caught:
        write_atomic(path, b"new text\n" * 150, overwrite=True)
    assert caught.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"old text\n" * 100 == (tmp_path / "other-name").read_bytes()
    assert leftovers(tmp_path) == []


def test_an_interrupted_in_place_write_is_never_papered_over(tmp_path: Path) -> None:
    """What a writer killed in the middle of an in-place write leaves: a backup of the old text,
    the new text in a temporary file, and a target that is neither.  The next write refuses
    and names the backup; once the target is whole again (old or new text), the leftovers go."""
    path = tmp_path / "r.toml"
    path.write_text(MESSY[:36], encoding="utf-8")  # cut short (here still valid TOML)
    backup = tmp_path / f".r.toml{BACKUP_MARK}"
    backup.write_text(MESSY, encoding="utf-8")
    temp = tmp_path / f".r.toml{TMP_MARK}"
    temp.write_text(MESSY + "# new\n", encoding="utf-8")
    with pytest.raises(InterruptedWrite, match=str(backup)):
        write_atomic(path, b"newest\n", overwrite=True)
    assert path.read_text(encoding="utf-8") == MESSY[:36] and backup.exists() and temp.exists()
    proc = run_cli("fmt", str(path))
    assert proc.returncode == 2 and "上次写入被中断" in proc.stderr and str(backup) in proc.stderr
    assert path.read_text(encoding="utf-8") == MESSY[:36] and backup.exists()
    path.write_text(MESSY, encoding="utf-8")  # the user restores the backup
    assert run_cli("fmt", str(path)).returncode == 0
    assert leftovers(tmp_path) == []


def test_stale_temporary_files_are_cleaned_and_never_linted(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    stale = tmp_path / f".r.toml{TMP_MARK}"
    stale.write_text(EXAMPLE.read_text(encoding="utf-8")[:500], encoding="utf-8")
    lint = run_cli("lint", str(tmp_path))
    assert "检查了 1 个文件" in lint.stdout, lint.stdout + lint.stderr
    write_atomic(path, path.read_text(encoding="utf-8"), overwrite=True)
    assert leftovers(tmp_path) == []


def test_without_a_directory_lock_temporary_names_are_unique_and_still_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    import govreport.fsutil as fsutil

    @contextlib.contextmanager
    def no_lock(directory: Path):  # type: ignore[no-untyped-def]
        yield False

    monkeypatch.setattr(fsutil, "_directory_lock", no_lock)
    path = tmp_path / "r.toml"
    path.write_text("old\n", encoding="utf-8")
    (tmp_path / f".r.toml{TMP_MARK}-x1y2z3").write_text("half", encoding="utf-8")
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: object) -> None:
        seen.append(Path(src).name)
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(path, "new\n", overwrite=True, expected=fingerprint(b"old\n"))
    assert path.read_text(encoding="utf-8") == "new\n"
    assert seen and seen[0].startswith(f".r.toml{TMP_MARK}-") and seen[0] != f".r.toml{TMP_MARK}-x1y2z3"
    assert leftovers(tmp_path) == []


def test_a_directory_without_write_permission_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Root may write anywhere, so the refusal of the directory is simulated.)"""
    import errno

    import govreport.fsutil as fsutil

    def denied(self: object, mark: str, payload: bytes) -> str:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(fsutil._Scratch, "create", denied)
    path = tmp_path / "r.toml"
    path.write_text(MESSY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 2
    assert f"无法写入 {path}：所在目录没有写入权限" in result.stderr
    assert "0 个文件已格式化，0 个文件无需改动，1 个文件未能处理。" in result.stderr
    assert path.read_text(encoding="utf-8") == MESSY


def test_write_errors_are_chinese(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "r.html"
    proc = run_cli("render", str(EXAMPLE), "-o", str(missing))
    assert proc.returncode == 2
    assert f"无法写入 {missing}：" in proc.stderr and "不存在" in proc.stderr
    assert "Traceback" not in proc.stderr and "No such file" not in proc.stderr


def test_a_write_killed_while_it_made_the_backup_does_not_block_the_next(tmp_path: Path) -> None:
    """The backup is written under a temporary name and renamed when complete: a half-written
    one is an ordinary temporary file, and the intact target is written again without a word."""
    from govreport.fsutil import STAGE_MARK

    path = tmp_path / "r.toml"
    path.write_bytes(b"old\n" * 1000)
    os.link(path, tmp_path / "other-name")
    (tmp_path / f".r.toml{STAGE_MARK}").write_bytes(b"old\n" * 10)  # the kill came here
    write_atomic(path, b"new\n", overwrite=True)
    assert path.read_bytes() == b"new\n" and (tmp_path / "other-name").read_bytes() == b"new\n"
    assert leftovers(tmp_path) == []
