"""File-based batch interface behind ``manage.py schedule_meetings`` (no Django needed).

The contract is deliberately atomic: the output file is written to a temporary file in the
same directory and renamed into place only after a valid schedule exists, so a failed run never
leaves a partial or stale-looking schedule behind for the event office to publish. Reading and
writing follow the batch-file rules every command shares (:mod:`northern_connections.core.batchio`:
UTF-8, strict JSON, an unusable output path refused before any work).

Besides the documented instance keys, an optional top-level ``"fixed"`` list
(``[{"meeting", "slot", "table"}]``, the shape of the output ``assignments``) pins meetings of a
published schedule in slot and table; ``previous_path`` does the same with every assignment of
an earlier output file (rescheduling after late changes).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import Any, TextIO

from northern_connections.core import batchio
from northern_connections.core.batchio import BatchInputError, shown

from .instance import MAX_ID_LENGTH, MAX_TABLES, Instance, InstanceError, parse_instance
from .solver import schedule_to_json, solve

DEFAULT_TIME_LIMIT = 55.0
MIN_TIME_LIMIT = 0.1
MAX_TIME_LIMIT = 3600.0


class CliError(BatchInputError):
    """A one-line, user-facing error (a batch-input error, so the command base reports it)."""


def _fixed_from(items: Any, where: str) -> dict[str, tuple[str, int]]:
    if not isinstance(items, list):
        raise CliError(f"{where} must be a list of {{meeting, slot, table}} objects")
    out: dict[str, tuple[str, int]] = {}
    for k, a in enumerate(items):
        if not isinstance(a, dict) or not {"meeting", "slot", "table"} <= a.keys():
            raise CliError(f"{where} entry #{k + 1} must have 'meeting', 'slot' and 'table'")
        meeting, slot, table = a["meeting"], a["slot"], a["table"]
        for key, value in (("meeting", meeting), ("slot", slot)):
            if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_LENGTH:
                raise CliError(f"{where} entry #{k + 1}: {key}: must be an id (a string), not {shown(value)}")
        if not isinstance(table, int) or isinstance(table, bool) or not 1 <= table <= MAX_TABLES:
            raise CliError(f"{where} entry #{k + 1}: table: must be an integer from 1 to {MAX_TABLES:,}, "
                           f"not {shown(table)}")
        if meeting in out:
            raise CliError(f"{where} lists meeting {meeting!r} twice")
        out[meeting] = (slot, table)
    return out


def check_time_limit(time_limit: float) -> None:
    if not (isinstance(time_limit, (int, float)) and math.isfinite(time_limit)
            and MIN_TIME_LIMIT <= time_limit <= MAX_TIME_LIMIT):
        raise CliError(f"--time-limit: must be a number of seconds from {MIN_TIME_LIMIT:g} to {MAX_TIME_LIMIT:g}, "
                       f"not {shown(time_limit)}")


def parse(data: Any, previous: Any = None) -> Instance:
    """The instance with its ``fixed`` meetings and those of an earlier output; :class:`CliError` if invalid."""
    fixed: dict[str, tuple[str, int]] = {}
    if isinstance(data, dict) and data.get("fixed") is not None:
        fixed.update(_fixed_from(data["fixed"], "instance 'fixed'"))
    if previous is not None:
        if not isinstance(previous, dict) or "assignments" not in previous:
            raise CliError("previous schedule has no 'assignments' list")
        for mid, placement in _fixed_from(previous["assignments"], "previous 'assignments'").items():
            fixed.setdefault(mid, placement)
    try:
        return parse_instance(data).with_fixed(fixed or None)
    except InstanceError as exc:
        raise CliError(f"invalid instance: {exc}") from None


def schedule(data: Any, time_limit: float = DEFAULT_TIME_LIMIT, *, previous: Any = None, method: str = "auto",
             progress: Callable[[float, str], None] | None = None) -> dict[str, Any]:
    """The output document for an instance (and an earlier output to keep); :class:`CliError` if invalid."""
    check_time_limit(time_limit)
    instance = parse(data, previous)
    return schedule_to_json(solve(instance, time_limit=time_limit, method=method, progress=progress))


def dumps(result: dict[str, Any]) -> str:
    return batchio.dumps(result, indent=1) + "\n"


def run(instance_path: str, out_path: str, time_limit: float = DEFAULT_TIME_LIMIT, *,
        previous_path: str | None = None, method: str = "auto",
        progress: Callable[[float, str], None] | None = None) -> dict[str, Any]:
    """Solve and write ``out_path``; raise :class:`~northern_connections.core.batchio.BatchInputError` on bad input.

    Nothing is written then; an unusable ``out_path`` is refused before the instance is read.
    """
    batchio.check_output(out_path)
    check_time_limit(time_limit)
    data = batchio.read_json(instance_path)
    previous = batchio.read_json(previous_path) if previous_path else None
    result = schedule(data, time_limit, previous=previous, method=method, progress=progress)
    batchio.write_atomic(out_path, dumps(result))
    return result


def main(instance_path: str, out_path: str, time_limit: float = DEFAULT_TIME_LIMIT, *,
         previous_path: str | None = None, stderr: TextIO | None = None) -> int:
    """Exit code 0 on success; 2 with one line on stderr for bad input or infeasible locks."""
    err = stderr if stderr is not None else sys.stderr
    try:
        run(instance_path, out_path, time_limit, previous_path=previous_path)
    except BatchInputError as exc:
        print(f"error: {exc}", file=err)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover - convenience for running without Django
    import argparse

    parser = argparse.ArgumentParser(description="Schedule B2B meetings (see schedule_meetings --help).")
    parser.add_argument("--instance", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT)
    parser.add_argument("--previous")
    ns = parser.parse_args()
    raise SystemExit(main(ns.instance, ns.out, ns.time_limit, previous_path=ns.previous))
