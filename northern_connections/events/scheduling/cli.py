"""File-based batch interface behind ``manage.py schedule_meetings`` (no Django needed).

The contract is deliberately atomic: the output file is written to a temporary file in the
same directory and renamed into place only after a valid schedule exists, so a failed run never
leaves a partial or stale-looking schedule behind for the event office to publish.

Besides the documented instance keys, an optional top-level ``"fixed"`` list
(``[{"meeting", "slot", "table"}]``, the shape of the output ``assignments``) pins meetings of a
published schedule in slot and table; ``previous_path`` does the same with every assignment of
an earlier output file (rescheduling after late changes).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from typing import Any, TextIO

from .instance import InstanceError, parse_instance
from .solver import schedule_to_json, solve

DEFAULT_TIME_LIMIT = 55.0


class CliError(Exception):
    """A one-line, user-facing error."""


def _load_json(path: str, what: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise CliError(f"{what} file not found: {path}") from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise CliError(f"{what} file {path} is not valid JSON: {exc.msg} at {where}") from None
    except OSError as exc:
        raise CliError(f"cannot read {what} file {path}: {exc.strerror}") from None


def _fixed_from(items: Any, where: str) -> dict[str, tuple[str, int]]:
    if not isinstance(items, list):
        raise CliError(f"{where} must be a list of {{meeting, slot, table}} objects")
    out: dict[str, tuple[str, int]] = {}
    for k, a in enumerate(items):
        if not isinstance(a, dict) or not {"meeting", "slot", "table"} <= a.keys():
            raise CliError(f"{where} entry #{k + 1} must have 'meeting', 'slot' and 'table'")
        if a["meeting"] in out:
            raise CliError(f"{where} lists meeting {a['meeting']!r} twice")
        out[a["meeting"]] = (a["slot"], a["table"])
    return out


def run(instance_path: str, out_path: str, time_limit: float = DEFAULT_TIME_LIMIT, *,
        previous_path: str | None = None, method: str = "auto",
        progress: Callable[[float, str], None] | None = None) -> dict[str, Any]:
    """Solve and write ``out_path``; raise :class:`CliError` (nothing written) on bad input."""
    if not (time_limit > 0):
        raise CliError("time limit must be a positive number of seconds")
    data = _load_json(instance_path, "instance")
    fixed: dict[str, tuple[str, int]] = {}
    if isinstance(data, dict) and data.get("fixed") is not None:
        fixed.update(_fixed_from(data["fixed"], "instance 'fixed'"))
    if previous_path:
        prev = _load_json(previous_path, "previous schedule")
        if not isinstance(prev, dict) or "assignments" not in prev:
            raise CliError(f"previous schedule {previous_path} has no 'assignments' list")
        for mid, placement in _fixed_from(prev["assignments"], "previous 'assignments'").items():
            fixed.setdefault(mid, placement)
    try:
        instance = parse_instance(data)
        schedule = solve(instance, time_limit=time_limit, method=method, fixed=fixed or None, progress=progress)
    except InstanceError as exc:
        raise CliError(f"invalid instance: {exc}") from None
    result = schedule_to_json(schedule)
    directory = os.path.dirname(os.path.abspath(out_path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".schedule-", suffix=".json", dir=directory)
    except OSError as exc:
        raise CliError(f"cannot write output file {out_path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=1)
            fh.write("\n")
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return result


def main(instance_path: str, out_path: str, time_limit: float = DEFAULT_TIME_LIMIT, *,
         previous_path: str | None = None, stderr: TextIO | None = None) -> int:
    """Exit code 0 on success; 2 with one line on stderr for bad input or infeasible locks."""
    err = stderr if stderr is not None else sys.stderr
    try:
        run(instance_path, out_path, time_limit, previous_path=previous_path)
    except CliError as exc:
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
