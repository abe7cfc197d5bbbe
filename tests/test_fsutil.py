"""Atomic writes never replace a special file: writing to a pipe writes into it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from govreport.fsutil import RefusedOverwrite, write_atomic


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_writing_to_a_named_pipe_keeps_the_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "数据\n", overwrite=True)
    reader.join(timeout=10)
    assert received == ["数据\n".encode()]
    assert fifo.is_fifo()
    with pytest.raises(RefusedOverwrite):
        write_atomic(fifo, "x")
