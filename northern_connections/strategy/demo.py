"""Demo world of strategies and policy: a strategy for every partner region, two boards with three meetings
each, decisions with action points, an action plan and a policy brief generated from the analysis.

Deterministic and idempotent (rows are found by slug, title or number and updated). The strategies'
priorities are illustrative tags of the regions' published smart-specialisation themes, not quotations
of the documents; every strategy is marked `is_demo`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.audit import acting_as
from northern_connections.directory.models import NutsRegion, Organisation, S3Category, ValueChain

from . import briefs
from .choices import ActionStatus, BoardKind, BoardRole, BriefStatus, PlanStatus
from .models import (
    ActionPoint,
    AgendaItem,
    Barrier,
    Board,
    BoardMeeting,
    BoardMember,
    Decision,
    InternationalisationMeasure,
    MeetingDocument,
    PlanAction,
    PlanGoal,
    PolicyBrief,
    RegionalStrategy,
    StrategyPriority,
)

# region code: (maintainer slug, title, adopting body, language, [(priority, weight, tags)], measure, barrier)
STRATEGIES = {
    "DK04": ("region-midtjylland", "Regional business and tourism strategy, Central Denmark", "Regionsrådet", "da",
             [("Green energy and climate technology", 2, ["economic:D", "scientific:05", "policy:SUS",
                                                          "chain:onshore-wind", "chain:heating-cooling"]),
              ("Food and bio-resources", 1, ["economic:A", "scientific:08", "chain:bioenergy"])]),
    "DK03": ("esbjerg-kommune", "Syddanmark smart specialisation strategy", "Regionsrådet Syddanmark", "da",
             [("Offshore energy hub", 3, ["economic:D", "economic:C", "scientific:05", "policy:BLUE",
                                          "chain:offshore-wind", "chain:hydrogen-ptx"]),
              ("Robotics and automation", 1, ["economic:C", "scientific:06", "policy:KET"])]),
    "DK05": ("aalborg-kommune", "North Denmark growth plan", "Regionsrådet Nordjylland", "da",
             [("Energy systems and district heating", 2, ["economic:D", "scientific:05", "policy:SUS",
                                                          "chain:heating-cooling", "chain:energy-storage"]),
              ("Digital innovation", 1, ["economic:J", "policy:DIG"])]),
    "NO0A": ("rogaland-fylkeskommune", "Vestland and Rogaland innovation strategy", "Fylkestinget", "nb",
             [("Ocean industries", 3, ["economic:B", "economic:C", "scientific:01", "policy:BLUE",
                                       "chain:offshore-wind", "chain:ocean-energy"]),
              ("Hydrogen value chains", 2, ["economic:D", "scientific:05", "policy:SUS", "chain:hydrogen-ptx"])]),
    "SE23": ("region-vastra-gotaland", "Västra Götaland smart specialisation", "Regionfullmäktige", "sv",
             [("Electrification and batteries", 2, ["economic:C", "scientific:05", "policy:KET",
                                                    "chain:energy-storage", "chain:smart-grids"]),
              ("Bio-based industry", 1, ["economic:C", "scientific:08", "policy:SUS", "chain:bioenergy"])]),
    "NL11": ("provincie-groningen", "RIS3 Noord-Nederland", "Provinciale Staten", "nl",
             [("Hydrogen valley", 3, ["economic:D", "scientific:05", "policy:SUS", "chain:hydrogen-ptx"]),
              ("Energy transition in the built environment", 1, ["economic:F", "policy:SUS",
                                                                 "chain:heating-cooling"])]),
    "NL32": ("gemeente-den-helder", "Noord-Holland Noord innovation agenda", "Provinciale Staten Noord-Holland",
             "nl", [("Offshore wind maintenance port", 2, ["economic:H", "economic:D", "policy:BLUE",
                                                            "chain:offshore-wind"])]),
    "DE50": ("freie-hansestadt-bremen", "Innovationsstrategie Land Bremen 2030", "Senat der Freien Hansestadt Bremen",
             "de", [("Wind energy and green hydrogen", 3, ["economic:D", "economic:C", "scientific:05",
                                                           "policy:SUS", "chain:offshore-wind",
                                                           "chain:hydrogen-ptx"]),
                    ("Aerospace", 1, ["economic:C", "scientific:03", "policy:KET"])]),
    "DE94": ("stadt-oldenburg", "Regionale Innovationsstrategie Weser-Ems", "Landesregierung Niedersachsen", "de",
             [("Energy and digital systems", 2, ["economic:J", "scientific:05", "policy:DIG", "chain:smart-grids",
                                                 "chain:solar"])]),
    "DE60": ("eehh-clusteragentur", "Regionale Innovationsstrategie Hamburg", "Senat der Freien und Hansestadt Hamburg",
             "de", [("Renewable energy and hydrogen economy", 2, ["economic:D", "scientific:05", "policy:SUS",
                                                                  "chain:onshore-wind", "chain:offshore-wind",
                                                                  "chain:hydrogen-ptx"]),
                    ("Maritime economy and logistics", 1, ["economic:H", "policy:BLUE"])]),
    "TLM5": ("aberdeen-city-council", "Regional Economic Strategy, Aberdeen City and Shire", "Opportunity North East",
             "en", [("Energy transition", 3, ["economic:B", "economic:D", "scientific:05", "policy:SUS",
                                              "chain:offshore-wind", "chain:hydrogen-ptx"])]),
    "TLM6": ("orkney-islands-council", "Highlands and Islands innovation plan", "Highlands and Islands Enterprise",
             "en", [("Marine renewables", 3, ["economic:D", "scientific:05", "policy:BLUE", "chain:ocean-energy",
                                              "chain:hydrogen-ptx"])]),
    "TLM7": ("dundee-city-council", "Tay Cities regional economic strategy", "Tay Cities Region Joint Committee",
             "en", [("Low-carbon heat and storage", 2, ["economic:D", "scientific:05", "policy:SUS",
                                                        "chain:heating-cooling", "chain:energy-storage"]),
                    ("Digital and creative industries", 1, ["economic:J", "policy:CRE"])]),
}
MEASURES = [("cooperation", "Interregional cooperation under the North Sea programme"),
            ("funding", "Innovation vouchers open to partners from other countries")]
BARRIERS = {
    "da": ("language", "Calls and guidance are published in Danish only.", "Four of five regional calls in 2024."),
    "nb": ("funding_eligibility", "Regional grants require a Norwegian business register number.",
           "Funding rules of the county's business grants."),
    "sv": ("awareness", "Companies do not know the partner regions' test beds.", "Cluster survey, 2024."),
    "nl": ("regulatory", "Hydrogen pipelines across the border need two permits.", "Permit cases in 2023–2024."),
    "de": ("capacity", "Small municipalities have no staff for transnational projects.", "Interviews, 2024."),
    "en": ("funding_eligibility", "Post-Brexit eligibility for EU-funded calls is unclear to SMEs.",
           "Enquiries to the regional business helpdesk."),
}
BOARDS = [
    ("political-board", BoardKind.POLITICAL_BOARD, "Political Board",
     "Elected representatives of the partner cities and regions; decides the partnership's policy positions.",
     ["region-midtjylland", "esbjerg-kommune", "rogaland-fylkeskommune", "region-vastra-gotaland",
      "provincie-groningen", "freie-hansestadt-bremen", "aberdeen-city-council"]),
    ("policy-coordination-group", BoardKind.COORDINATION_GROUP, "Policy Coordination Group",
     "Officers of the cities and regions who prepare the Political Board's decisions.",
     ["region-midtjylland", "goteborgs-stad", "gemeente-groningen", "stadt-oldenburg", "aberdeen-city-council",
      "dundee-city-council", "bergen-kommune"]),
]
PEOPLE = {"region-midtjylland": "coordinator@example.org", "goteborgs-stad": "officer.goteborg@example.org",
          "aberdeen-city-council": "officer.aberdeen@example.org"}
# Days from today of each board's three meetings: two held, one to come.
MEETING_DAYS = (-150, -40, 30)
PLAN = [("Open regional calls to partners from other countries", [
            ("Joint call for offshore-wind O&M pilots", "esbjerg-kommune", 120, 60, PlanStatus.IN_PROGRESS),
            ("Publish every call with an English summary", "region-midtjylland", 60, 80, PlanStatus.IN_PROGRESS)]),
        ("Connect the hydrogen valleys", [
            ("Hydrogen valley exchange Groningen–Bremen–Aberdeen", "provincie-groningen", 200, 20,
             PlanStatus.PLANNED)]),
        ("Build policy capacity in small municipalities", [
            ("Peer learning on innovation procurement", "dundee-city-council", -10, 70, PlanStatus.DELAYED)])]


def _categories() -> dict[str, S3Category]:
    return {f"{c.dimension}:{c.code}": c for c in S3Category.objects.all()}


def _strategies(partners: dict[str, Organisation]) -> list[RegionalStrategy]:
    categories, chains = _categories(), {c.slug: c for c in ValueChain.objects.all()}
    regions = {r.code: r for r in NutsRegion.objects.filter(code__in=list(STRATEGIES))}
    found = []
    for code, (maintainer, title, body, language, priorities) in STRATEGIES.items():
        if code not in regions or maintainer not in partners:
            continue
        strategy, _ = RegionalStrategy.objects.update_or_create(
            region=regions[code], period_start=2021, defaults={
                "slug": f"{code.lower()}-2021", "maintainer": partners[maintainer], "title": title, "period_end": 2027,
                "adopting_body": body, "adopted_on": dt.date(2021, 6, 1), "language": language, "is_demo": True,
                "summary_en": f"{title}: priorities for 2021–2027 ({', '.join(p[0] for p in priorities)})."})
        strategy.priorities.all().delete()
        for name, weight, tags in priorities:
            priority = StrategyPriority.objects.create(strategy=strategy, name=name, weight=weight)
            priority.categories.set([categories[t] for t in tags if t in categories])
            priority.value_chains.set([chains[t[6:]] for t in tags if t.startswith("chain:") and t[6:] in chains])
        strategy.measures.all().delete()
        for kind, measure in MEASURES:
            InternationalisationMeasure.objects.create(strategy=strategy, kind=kind, title=measure)
        strategy.barriers.all().delete()
        kind, description, evidence = BARRIERS[language]
        Barrier.objects.create(strategy=strategy, kind=kind, description=description, evidence=evidence)
        found.append(strategy)
    return found


def _boards(partners: dict[str, Organisation]) -> list[Board]:
    users = {u.email: u for u in User.objects.filter(email__in=PEOPLE.values())}
    boards = []
    for slug, kind, name, description, members in BOARDS:
        board, _ = Board.objects.update_or_create(slug=slug, defaults={"kind": kind, "name": name,
                                                                        "description": description})
        board.members.all().delete()
        for index, member in enumerate(m for m in members if m in partners):
            person = users.get(PEOPLE.get(member, ""))
            BoardMember.objects.create(board=board, organisation=partners[member], person=person,
                                       person_name=person.full_name if person else "",
                                       role=BoardRole.SECRETARY if index == 0 else BoardRole.MEMBER)
        boards.append(board)
    return boards


def _meetings(board: Board, partners: dict[str, Organisation], today: dt.date) -> list[BoardMeeting]:
    meetings = []
    for number, days in enumerate(MEETING_DAYS, start=1):
        title = f"{board.name}, meeting {number}"
        day = today + dt.timedelta(days=days)
        meeting, _ = BoardMeeting.objects.update_or_create(board=board, title=title, defaults={
            "starts_at": dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC), "location": "Online"})
        meeting.agenda.all().delete()
        meeting.documents.all().delete()
        for order, item in enumerate(["Welcome and minutes of the last meeting", "Progress of the action plan",
                                      "Regional strategies and synergies"], start=1):
            AgendaItem.objects.create(meeting=meeting, order=order, title=item)
        if days < 0:
            MeetingDocument.objects.create(meeting=meeting, kind="minutes", title=f"Minutes of {title}",
                                           text="The members discussed the action plan and the synergy analysis.")
            MeetingDocument.objects.create(meeting=meeting, kind="background", internal=False,
                                           title=f"Press release: {title}", text="The partnership met online.")
            _decisions(meeting, partners, today)
        meetings.append(meeting)
    return meetings


def _decisions(meeting: BoardMeeting, partners: dict[str, Organisation], today: dt.date) -> None:
    texts = [("Adopt the action plan as proposed by the secretariat.", "region-midtjylland", ActionStatus.DONE),
             ("Ask every region to publish its calls with an English summary.", "esbjerg-kommune",
              ActionStatus.IN_PROGRESS)]
    for number, (text, owner, status) in enumerate(texts, start=1):
        decision, _ = Decision.objects.update_or_create(meeting=meeting, number=f"{meeting.pk}.{number}",
                                                        defaults={"text": text})
        decision.action_points.all().delete()
        if owner in partners:
            ActionPoint.objects.create(decision=decision, title=f"Follow up: {text[:80]}", owner=partners[owner],
                                       due_date=today + dt.timedelta(days=60), status=status)


def _plan(partners: dict[str, Organisation], today: dt.date) -> int:
    decisions = list(Decision.objects.order_by("pk")[:4])
    count = 0
    for order, (goal_title, actions) in enumerate(PLAN, start=1):
        goal, _ = PlanGoal.objects.update_or_create(title=goal_title, defaults={"order": order})
        goal.actions.all().delete()
        for title, owner, days, progress, status in actions:
            if owner not in partners:
                continue
            action = PlanAction.objects.create(goal=goal, title=title, owner=partners[owner], progress=progress,
                                               deadline=today + dt.timedelta(days=days), status=status)
            action.decisions.set(decisions[count % len(decisions):count % len(decisions) + 1] if decisions else [])
            count += 1
    return count


def _brief(meeting: BoardMeeting) -> PolicyBrief:
    """The brief of the last meeting held, generated from the analysis and issued."""
    meeting.briefs.all().delete()
    brief = PolicyBrief.objects.create(meeting=meeting, **briefs.draft(meeting))
    brief.status, brief.issued_at = BriefStatus.ISSUED, meeting.starts_at - dt.timedelta(days=3)
    brief.save(update_fields=["status", "issued_at"])
    return brief


def load(*, seed: int = 2024) -> dict[str, int]:
    partners = {o.slug: o for o in Organisation.objects.filter(slug__in=[s[0] for s in STRATEGIES.values()]
                                                                + [m for b in BOARDS for m in b[4]])}
    if not partners:
        raise RuntimeError("Load the directory demo first (its partners keep the strategies and sit on the boards).")
    today = clock.now().date()
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    with transaction.atomic(), acting_as(coordinator):
        strategies = _strategies(partners)
        boards = _boards(partners)
        meetings = [m for board in boards for m in _meetings(board, partners, today)]
        actions = _plan(partners, today)
        held = [m for m in meetings if m.board.slug == "political-board" and m.starts_at.date() < today]
        brief = _brief(held[-1]) if held else None
    return {"strategies": len(strategies), "boards": len(boards), "meetings": len(meetings),
            "decisions": Decision.objects.filter(meeting__in=meetings).count(), "plan_actions": actions,
            "briefs": 1 if brief else 0}
