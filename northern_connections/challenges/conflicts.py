"""Conflicts of interest in a challenge's competition (plain Python, no Django).

A juror who belongs to an organisation that takes part in the competition — the lead applicant
or a confirmed consortium partner of any application under evaluation — is conflicted for the
whole competition: whoever wins, their organisation gains or loses, so they score none of its
applications. The challenge's owner may record an exception with a reason (a small field where
every expert works somewhere); it lets the juror score the competitors, never an application
their own organisation takes part in. A juror who declares a conflict with one application is
excluded from that one.

The rule is evaluated from the facts of the moment (applications, partners, memberships), by the
scoring service and again by the ranking, so a tie that appears after the appointment counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Conflict(StrEnum):
    OWN = "own"  # a member of this application's consortium: never waived
    STRUCTURAL = "structural"  # a member of another consortium of the competition, without an exception
    DECLARED = "declared"  # the juror declared a conflict with this application
    EXCEPTION = "exception"  # would be structural; the owner's recorded exception lets the score count


EXCLUDING = frozenset({Conflict.OWN, Conflict.STRUCTURAL, Conflict.DECLARED})


@dataclass(frozen=True)
class Competition:
    """Who takes part in one challenge's competition and how the jurors are tied to them.

    `consortia`: application id → organisation ids (lead and confirmed partners);
    `memberships`: juror (user id) → the organisations they are a member of;
    `declared`: (user id, application id) pairs; `exceptions`: user ids with a recorded exception.
    """

    consortia: Mapping[int, frozenset[int]]
    memberships: Mapping[int, frozenset[int]]
    declared: frozenset[tuple[int, int]] = frozenset()
    exceptions: frozenset[int] = frozenset()
    taking_part: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "taking_part", frozenset().union(*self.consortia.values()))

    def organisations_of(self, juror: int) -> frozenset[int]:
        """The juror's organisations that take part in the competition (empty: not conflicted)."""
        return self.memberships.get(juror, frozenset()) & self.taking_part

    def conflict(self, juror: int, application: int) -> Conflict | None:
        """Why the juror's score of the application does not count (or counts by exception); None: no tie."""
        own = self.memberships.get(juror, frozenset())
        if own & self.consortia.get(application, frozenset()):
            return Conflict.OWN
        if (juror, application) in self.declared:
            return Conflict.DECLARED
        if own & self.taking_part:
            return Conflict.EXCEPTION if juror in self.exceptions else Conflict.STRUCTURAL
        return None

    def excluded(self, juror: int, application: int) -> bool:
        return self.conflict(juror, application) in EXCLUDING


def build_competition(applications: Iterable[tuple[int, int]], partners: Iterable[tuple[int, int]],
                      memberships: Iterable[tuple[int, int]], declared: Iterable[tuple[int, int]] = (),
                      exceptions: Iterable[int] = ()) -> Competition:
    """A Competition from rows: (application, lead), (application, partner), (user, organisation), …"""
    consortia: dict[int, set[int]] = {}
    for application, organisation in (*applications, *partners):
        consortia.setdefault(application, set()).add(organisation)
    members: dict[int, set[int]] = {}
    for user, organisation in memberships:
        members.setdefault(user, set()).add(organisation)
    return Competition(consortia={a: frozenset(o) for a, o in consortia.items()},
                       memberships={u: frozenset(o) for u, o in members.items()},
                       declared=frozenset(declared), exceptions=frozenset(exceptions))
