"""Independent searches in forked processes, one per core, results handed back as they arrive.

Why processes: the local searches are pure Python, so threads would share one interpreter lock;
and why ``fork``: the children inherit the instance and the start schedule without pickling
them, and only the (small) result travels back through a pipe. Callers fall back to one
in-process run where ``fork`` is unavailable (``can_fork``). Do not call this from a threaded web
worker: Celery's prefork or solo pool, and management commands, are fine.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Sequence
from typing import Any


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def shared_int(value: int):
    """An integer the children of :func:`fork_each` see change (e.g. a bound proven meanwhile)."""
    return mp.get_context("fork").Value("i", value, lock=False)


def _run(job: Callable[[], Any], conn) -> None:  # pragma: no cover - child process
    try:
        conn.send(job())
    finally:
        conn.close()


def _receive(pipe) -> tuple[bool, Any]:
    """(whether the child has answered, its result); a dead child answers None."""
    try:
        ready = pipe.poll(0.02)
        return ready, (pipe.recv() if ready else None)
    except (EOFError, OSError):
        return True, None


def fork_each(jobs: Sequence[Callable[[], Any]], *, time_limit: float, on_result: Callable[[Any], None],
              should_stop: Callable[[], bool] | None = None, poll: Callable[[], None] | None = None) -> None:
    """Run every job in its own forked process and pass each result to ``on_result``.

    Returns when every job has answered, when ``should_stop()`` says so (checked after each
    round of polling, e.g. once a result meets a proven bound), or two seconds after
    ``time_limit``; children still running are then terminated. A child that dies sends nothing.
    ``poll()`` runs in this process before each round (e.g. to share a bound with the children).
    """
    ctx = mp.get_context("fork")
    procs, pipes = [], []
    for job in jobs:
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_run, args=(job, send), daemon=True)
        proc.start()
        send.close()
        procs.append(proc)
        pipes.append(recv)
    deadline = time.monotonic() + time_limit + 2.0
    pending = list(range(len(jobs)))
    try:
        while pending and time.monotonic() < deadline:
            if poll is not None:
                poll()
            for k in list(pending):
                ready, result = _receive(pipes[k])
                if ready:
                    pending.remove(k)
                if result is not None:
                    on_result(result)
            if should_stop is not None and should_stop():
                break
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join(timeout=1.0)
        for recv in pipes:
            recv.close()
