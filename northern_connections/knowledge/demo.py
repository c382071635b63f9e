"""Demo knowledge centre: procurement cases of the partner cities and regions (and a few peers beyond the
North Sea), the clusters' toolbox with two self-study modules, the SME self-assessment with the results of
50 demo SMEs, publications, Q&A threads and one conversation.

Deterministic (seeded) and idempotent (update_or_create on slugs and keys). The case texts are written in
the buyers' languages with an English summary; they are realistic in kind but invented (demo data).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from django.db import transaction

from northern_connections.accounts.choices import MembershipRole
from northern_connections.accounts.models import Membership, User
from northern_connections.core.search import bulk_index, bulk_index_parts
from northern_connections.directory.choices import OrganisationKind, OrganisationSource
from northern_connections.directory.demo import DEMO_PASSWORD, PARTNERS
from northern_connections.directory.models import ClusterMembership, CpvCode, EformsCode, Organisation, ValueChain
from northern_connections.directory.services import organisations_mark_verified

from . import scoring
from .choices import (
    INNOVATIVE_ACQUISITION_LIST,
    AssessmentStatus,
    CaseStage,
    CaseStatus,
    PostStatus,
    PublicationStatus,
    ToolboxStatus,
)
from .demo_texts import LOCAL, TOPICS
from .models import (
    AbuseReport,
    Assessment,
    AssessmentQuestion,
    AssessmentShare,
    CommunityAnswer,
    CommunityQuestion,
    Conversation,
    Dimension,
    Lesson,
    Message,
    ProcurementCase,
    Publication,
    Questionnaire,
    QuizQuestion,
    ToolboxItem,
    ToolboxVersion,
)
from .services.publications import tags_for

LANGUAGE_OF = {"DK": "da", "NO": "nb", "SE": "sv", "NL": "nl", "DE": "de", "GB": "en", "FI": "en", "BE": "nl",
               "EE": "en"}
# Peers beyond the partnership (PPI4Cities-like Baltic and Flemish buyers): demo organisations, verified.
EXTRA_BUYERS = [("tampereen-kaupunki", "Tampereen kaupunki", "FI", "Tampere"),
                ("stad-gent", "Stad Gent", "BE", "Gent"), ("tartu-linn", "Tartu linn", "EE", "Tartu")]
CASES_PER_BUYER = 4
EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def load(*, seed: int = 2024) -> dict[str, int]:
    rng = random.Random(seed)
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    buyers = list(Organisation.objects.filter(slug__in=[p[0] for p in PARTNERS],
                                              kind__in=(OrganisationKind.MUNICIPALITY,
                                                        OrganisationKind.REGIONAL_AUTHORITY)).order_by("slug"))
    if not buyers:
        raise RuntimeError("Load the directory demo first (its cities and regions are the buyers).")
    with transaction.atomic():
        buyers += _extra_buyers()
        cases = _cases(rng, buyers)
        items = _toolbox(rng, admin)
        form = _questionnaire()
        assessments = _assessments(rng, form)
        publications = _publications(admin)
        questions = _questions(admin, cases)
        _conversation(cases)
    bulk_index_parts((c, [(c.search_text(), c.language), (f"{c.english_text()} "
                                                          f"{' '.join(x.name for x in c.cpv_codes.all())}", "en")])
                     for c in cases)
    bulk_index((i, f"{i.title} {i.summary} {i.body}", i.language) for i in items)
    bulk_index((p, p.search_text(), p.language) for p in publications)
    bulk_index((q, f"{q.search_text()} {' '.join(a.body for a in q.answers.all())}", q.language) for q in questions)
    return {"cases": len(cases), "countries": len({c.country for c in cases}),
            "languages": len({c.language for c in cases}), "toolbox_items": len(items),
            "assessments": assessments, "publications": len(publications), "questions": len(questions)}


def _extra_buyers() -> list[Organisation]:
    rows = []
    for slug, name, country, city in EXTRA_BUYERS:
        org, _ = Organisation.objects.update_or_create(slug=slug, defaults={
            "name": name, "kind": OrganisationKind.MUNICIPALITY, "country": country, "city": city,
            "source": OrganisationSource.DEMO, "description": f"{city}: a peer city of the partnership (demo data)."})
        rows.append(org)
    organisations_mark_verified(organisations=rows)
    return rows


def _advisor(buyer: Organisation) -> User:
    """The buyer's demo procurement advisor (Göteborg and Aberdeen keep their demo officers)."""
    existing = {"goteborgs-stad": "officer.goteborg@example.org",
                "aberdeen-city-council": "officer.aberdeen@example.org",
                "region-midtjylland": "coordinator@example.org"}
    email = existing.get(buyer.slug) or f"advisor.{buyer.slug}@example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, is_demo=True,
                                        full_name=f"Demo procurement advisor, {buyer.city or buyer.name}")
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    Membership.objects.get_or_create(user=user, organisation=buyer, defaults={"role": MembershipRole.EDITOR})
    return user


def _dates(rng: random.Random, stage: str) -> dict:
    start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 5 * 365))
    steps = [start]
    for gap in (rng.randrange(90, 300), rng.randrange(60, 150), rng.randrange(30, 120)):
        steps.append(steps[-1] + timedelta(days=gap))
    reached = [CaseStage.PREPARATION, CaseStage.TENDERING, CaseStage.CONTRACT, CaseStage.IMPLEMENTATION,
               CaseStage.COMPLETED].index(stage)
    names = ["preparation_start", "tender_published", "contract_signed", "implementation_start"]
    fields = {name: (steps[i] if i <= reached else None) for i, name in enumerate(names)}
    fields["implementation_end"] = steps[3] + timedelta(days=rng.randrange(200, 700)) if reached == 4 else None
    return fields


def _cases(rng: random.Random, buyers: list[Organisation]) -> list[ProcurementCase]:
    acquisitions = {e.code: e for e in EformsCode.objects.filter(list_name=INNOVATIVE_ACQUISITION_LIST)}
    chains = {c.slug: c for c in ValueChain.objects.all()}
    cases = []
    for index, buyer in enumerate(buyers):
        language = LANGUAGE_OF.get(buyer.country, "en")
        pool = list(LOCAL[language])
        advisor = _advisor(buyer)
        for n in range(min(CASES_PER_BUYER, len(pool))):
            key = pool[(index + n) % len(pool)]
            cases.append(_case(rng, buyer, language, key, advisor if n % 3 != 2 else None, acquisitions, chains))
    return cases


def _case(rng, buyer, language, key, advisor, acquisitions, chains) -> ProcurementCase:
    sector, procedure, codes, cpv, chain_slugs, title_en, summary_en, need, outcome, results = TOPICS[key]
    title, summary, lessons = LOCAL[language][key]
    city = buyer.city or buyer.name
    stage = rng.choice([CaseStage.CONTRACT, CaseStage.IMPLEMENTATION, CaseStage.COMPLETED, CaseStage.COMPLETED,
                        CaseStage.TENDERING])
    budget = rng.randrange(4, 400) * 50_000
    finished = stage == CaseStage.COMPLETED
    case, _ = ProcurementCase.objects.update_or_create(slug=f"{key}-{buyer.slug}"[:120], defaults={
        "buyer": buyer, "country": buyer.country, "nuts_region": buyer.nuts_region, "language": language,
        "title": f"{title} – {city}", "title_en": f"{title_en} – {city}", "summary": summary.format(city=city),
        "summary_en": f"{city}: {summary_en}", "need": need if language == "en" else "",
        "description": "", "procedure": procedure, "innovation_goal": procedure != "open", "sector": sector,
        "stage": stage, "budget_eur": budget, "contract_value_eur": int(budget * rng.uniform(0.7, 1.05))
        if stage != CaseStage.TENDERING else None,
        "outcome": outcome if finished else "", "lessons": lessons,
        "results": [{"indicator": i, "value": v, "unit": u} for i, v, u in results] if finished else [],
        "links": [{"title": "Tender documents (demo)", "url": f"https://example.org/{buyer.slug}/{key}"}],
        "advisor": advisor, "advisor_role": "Procurement advisor" if advisor else "",
        "status": CaseStatus.PUBLISHED, "published_at": EPOCH - timedelta(days=rng.randrange(0, 700)),
        "is_demo": True, **_dates(rng, stage)})
    case.cpv_codes.set(CpvCode.objects.filter(code__in=cpv))
    case.innovative_acquisitions.set([acquisitions[c] for c in codes if c in acquisitions])
    case.value_chains.set([chains[s] for s in chain_slugs if s in chains])
    return case


# ---------------------------------------------------------------- toolbox

# (kind, title, summary, audience, format, topics)
TOOLBOX = [
    ("method", "Preliminary market consultation in five steps", "Plan, announce, meet, record and use a market "
     "consultation without distorting competition.", ["procurer"], "checklist", ["market-access"]),
    ("method", "Functional specification workshop", "Turn a need into outcome requirements with users, operators "
     "and suppliers in one day.", ["procurer"], "canvas", ["innovation-process"]),
    ("template", "Innovation partnership contract template", "A phased contract with go/no-go points, IPR options "
     "and payment per phase.", ["procurer"], "document", ["partnerships"]),
    ("template", "Total cost of ownership calculator", "A spreadsheet for life-cycle costing of energy-using "
     "equipment, ready for award criteria.", ["procurer"], "spreadsheet", ["market-access"]),
    ("guide", "How SMEs win public tenders", "Reading a tender, bidding in a consortium, asking clarification "
     "questions and pricing the risk.", ["sme"], "document", ["market-access", "partnerships"]),
    ("guide", "Funding readiness for energy SMEs", "What grant and loan providers ask for, and how to prepare the "
     "numbers.", ["sme"], "document", ["funding"]),
    ("method", "Innovation strategy on one page", "A canvas that links the company's goals, technologies and "
     "markets to a yearly innovation plan.", ["sme", "cluster_manager"], "canvas", ["strategy"]),
    ("guide", "Going abroad: first export market", "Choosing the first foreign market, partners and support "
     "offices in the North Sea countries.", ["sme"], "document", ["internationalisation"]),
    ("method", "Cluster service design sprint", "Redesign a cluster service around the needs SMEs reported in "
     "their self-assessments.", ["cluster_manager"], "canvas", ["strategy", "innovation-process"]),
    ("template", "Consortium agreement for small bids", "A short agreement for SMEs bidding together for a public "
     "contract.", ["sme"], "document", ["partnerships"]),
    ("guide", "Pre-commercial procurement explained", "Phases, competition, IPR and state aid in PCP, with "
     "examples.", ["procurer", "sme"], "document", ["innovation-process"]),
    ("guide", "Using the eForms innovation fields", "How to flag innovative procurement in eForms (BT-06, "
     "BT-776) so that peers can find it.", ["procurer"], "document", ["market-access"]),
    ("method", "Technology readiness self-check", "Place a product on the TRL scale with evidence questions.",
     ["sme"], "checklist", ["innovation-process"]),
    ("template", "Letter of intent for test-bed access", "A template to request access to a public test bed.",
     ["sme"], "document", ["partnerships"]),
    ("guide", "Finding partners across borders", "Matchmaking, brokerage events and how to follow up.",
     ["sme", "cluster_manager"], "document", ["internationalisation", "partnerships"]),
    ("method", "Open innovation challenge design", "Writing a challenge that SMEs can answer.",
     ["procurer", "cluster_manager"], "canvas", ["innovation-process"]),
    ("guide", "Green public procurement criteria for buildings", "Criteria and verification for low-carbon "
     "construction.", ["procurer"], "document", []),
    ("template", "Supplier day agenda and invitation", "Invitation, agenda and note template for a supplier day.",
     ["procurer"], "document", ["market-access"]),
    ("guide", "Intellectual property in public contracts", "Who owns what, licences back, and what SMEs should "
     "negotiate.", ["sme", "procurer"], "document", ["partnerships"]),
    ("method", "Pitching to investors in energy", "A ten-slide structure and the numbers investors check.",
     ["sme"], "video", ["funding"]),
    ("guide", "Grant writing for Horizon Europe", "Impact, excellence and implementation in practice.",
     ["sme", "cluster_manager"], "document", ["funding"]),
    ("template", "Cluster member needs survey", "Questions to find out what member SMEs need from the cluster.",
     ["cluster_manager"], "document", ["strategy"]),
    ("guide", "Export credit and guarantees", "Public export finance in the partner countries.",
     ["sme"], "document", ["funding", "internationalisation"]),
    ("method", "Customer discovery interviews", "Twenty interviews before building: questions and notes.",
     ["sme"], "checklist", ["market-access", "strategy"]),
    ("guide", "Standards and certification for market access", "Which standards apply to energy products in the "
     "EU and how to plan certification.", ["sme"], "document", ["market-access"]),
    ("template", "Innovation roadmap template", "A three-year roadmap linking projects, funding and markets.",
     ["sme"], "spreadsheet", ["strategy", "funding"]),
    ("guide", "Joint procurement between municipalities", "Buying together across borders: legal options and "
     "practice.", ["procurer"], "document", ["partnerships"]),
    ("method", "Lessons-learned review after a procurement", "A one-hour review format for the project team.",
     ["procurer"], "checklist", []),
]
MODULES = [
    ("Innovation procurement in six lessons", "A self-study course for procurers new to innovation procurement.",
     ["procurer"], ["innovation-process", "market-access"],
     [("Why buy innovation?", "Public buyers spend about 14% of GDP. Buying outcomes instead of products lets "
       "suppliers propose new solutions."),
      ("Know your need", "Describe the problem, the users and the result wanted; leave the solution open."),
      ("Talk to the market", "A preliminary market consultation is allowed and useful when it is open and recorded."),
      ("Choose the procedure", "Competitive dialogue, innovation partnership, PCP: when each fits."),
      ("Award for value", "Life-cycle cost and quality criteria reward innovation."),
      ("Manage the contract", "Milestones, go/no-go points and shared learning.")],
     [("Is a preliminary market consultation allowed?", ["No, never", "Yes, if open and documented"], 1),
      ("Which procedure includes R&D phases with several suppliers competing?", ["Open procedure", "PCP"], 1),
      ("What does a functional specification describe?", ["The result wanted", "The exact product"], 0)]),
    ("From idea to first customer: SME innovation basics", "A self-study course for SME managers.", ["sme"],
     ["strategy", "funding", "market-access"],
     [("Innovation strategy", "Link innovation to the company's goals with a one-page plan."),
      ("Know the customer", "Interview customers before building."),
      ("Fund it", "Grants, vouchers, loans and equity: which fits which stage."),
      ("Sell to the public sector", "Tenders, market dialogues and innovation partnerships.")],
     [("What should come before building a product?", ["Customer interviews", "A trade fair stand"], 0),
      ("Which is usually for early stages?", ["Innovation voucher", "Scale-up loan"], 0),
      ("Can SMEs bid for public contracts in a consortium?", ["Yes", "No"], 0)]),
]


def _toolbox(rng: random.Random, admin: User | None) -> list[ToolboxItem]:
    authors = list(Organisation.objects.filter(kind=OrganisationKind.CLUSTER, slug__in=[p[0] for p in PARTNERS])
                   .order_by("slug"))
    items = []
    for n, (kind, title, summary, audience, fmt, topics) in enumerate(TOOLBOX):
        status = ToolboxStatus.IN_REVIEW if n in (5, 17) else ToolboxStatus.PUBLISHED
        items.append(_item(kind, title, summary, audience, fmt, topics, authors[n % len(authors)],
                           authors[(n + 1) % len(authors)], status, admin))
    for n, (title, summary, audience, topics, lessons, quiz) in enumerate(MODULES):
        item = _item("module", title, summary, audience, "online", topics, authors[n], authors[n + 2],
                     ToolboxStatus.PUBLISHED, admin, body="\n\n".join(body for _t, body in lessons))
        for order, (lesson_title, body) in enumerate(lessons, start=1):
            Lesson.objects.update_or_create(item=item, order=order, defaults={"title": lesson_title, "body": body})
        for order, (text, options, correct) in enumerate(quiz, start=1):
            QuizQuestion.objects.update_or_create(item=item, order=order, defaults={
                "text": text, "options": options, "correct": correct})
        items.append(item)
    return items


def _item(kind, title, summary, audience, fmt, topics, lead, coauthor, status, admin, body="") -> ToolboxItem:
    from django.utils.text import slugify

    published = status == ToolboxStatus.PUBLISHED
    body = body or f"{summary}\n\nWritten by {lead.name} with {coauthor.name} for the partnership (demo data)."
    item, _ = ToolboxItem.objects.update_or_create(slug=slugify(title)[:120], defaults={
        "kind": kind, "title": title, "summary": summary, "body": body, "language": "en", "audience": audience,
        "format": fmt, "licence": "cc-by-4.0", "topics": topics, "lead_author": lead, "status": status,
        "version": 1 if published else 0, "published_at": EPOCH if published else None, "is_demo": True})
    item.authors.set([coauthor])
    if published:
        ToolboxVersion.objects.update_or_create(item=item, number=1, defaults={
            "title": title, "summary": summary, "body": body, "note": "First edition.", "published_by": admin})
    return item


# ---------------------------------------------------------------- self-assessment

SCALE = ["Not at all", "Started", "Partly in place", "In place", "In place and reviewed"]
DIMENSIONS = [
    ("strategy", "Innovation strategy", ["advisory"],
     [("Do you have a written innovation plan with goals for the next two years?", 2),
      ("Does management set aside time and budget for innovation every year?", 1),
      ("Do you review which innovations paid off?", 1)]),
    ("internationalisation", "Internationalisation", ["network", "advisory"],
     [("Do you sell outside your home country?", 2), ("Do you know the support offices in your target markets?", 1),
      ("Do you take part in international brokerage events?", 1)]),
    ("innovation-process", "Innovation process", ["test_facility", "voucher"],
     [("Do you test new products with customers before launch?", 2),
      ("Do you use test beds or labs outside the company?", 1),
      ("Do you know the TRL of your main products?", 1)]),
    ("partnerships", "Partnerships", ["network"],
     [("Do you develop products with research institutions?", 1), ("Are you a member of a cluster or network?", 1),
      ("Have you bid for a contract in a consortium?", 1)]),
    ("funding", "Funding readiness", ["grant", "voucher", "finance"],
     [("Have you applied for public innovation funding?", 2), ("Do you have a budget and cash-flow plan for "
                                                               "your innovation projects?", 1),
      ("Have you talked to investors or lenders about innovation?", 1)]),
    ("market-access", "Market access", ["procurement", "advisory"],
     [("Do you follow public tenders in your field?", 1), ("Have you taken part in a market dialogue?", 1),
      ("Are your products certified for the markets you target?", 2)]),
]


def _questionnaire() -> Questionnaire:
    form, _ = Questionnaire.objects.update_or_create(slug="sme-innovation", defaults={
        "title": "SME innovation self-assessment", "is_active": True,
        "description": "Eighteen questions in six dimensions, about fifteen minutes. You see your scores beside "
                       "comparable SMEs and get toolbox items, support measures and clusters to look at."})
    for order, (key, name, kinds, questions) in enumerate(DIMENSIONS, start=1):
        dimension, _ = Dimension.objects.update_or_create(questionnaire=form, key=key, defaults={
            "name": name, "order": order, "support_kinds": kinds})
        for q_order, (text, weight) in enumerate(questions, start=1):
            AssessmentQuestion.objects.update_or_create(dimension=dimension, order=q_order, defaults={
                "text": text, "weight": weight, "options": SCALE})
    return form


def _assessments(rng: random.Random, form: Questionnaire) -> int:
    """Completed self-assessments of the first 50 demo SMEs (not the demo SME login's, which the journey takes);
    those that are cluster members share with one cluster."""
    keep_free = Membership.objects.filter(user__email="sme@example.org").values("organisation_id")
    smes = list(Organisation.objects.filter(kind=OrganisationKind.SME, source=OrganisationSource.DEMO)
                .exclude(pk__in=keep_free).order_by("slug")[:50])
    questions = list(AssessmentQuestion.objects.filter(dimension__questionnaire=form).select_related("dimension")
                     .order_by("dimension__order", "order"))
    scored = [scoring.Question(q.pk, q.dimension.key, float(q.weight), len(q.options)) for q in questions]
    for n, sme in enumerate(smes):
        maturity = rng.random()
        answers = {q.pk: max(0, min(4, round(maturity * 4 + rng.uniform(-1.5, 1.5)))) for q in questions}
        scores = scoring.dimension_scores(scored, answers)
        assessment, _ = Assessment.objects.update_or_create(questionnaire=form, organisation=sme, is_demo=True,
                                                            defaults={
            "answers": {str(k): v for k, v in answers.items()}, "scores": scores,
            "overall": scoring.overall_score(scores), "status": AssessmentStatus.COMPLETED,
            "completed_at": EPOCH - timedelta(days=n * 3)})
        cluster = ClusterMembership.objects.filter(member=sme).order_by("cluster__slug").first()
        if cluster is not None and n % 2 == 0:
            AssessmentShare.objects.get_or_create(assessment=assessment, cluster_id=cluster.cluster_id)
    return len(smes)


# ---------------------------------------------------------------- publications, Q&A, a conversation

PUBLICATIONS = [
    ("lessons", "What 60 innovation procurements taught us", "Functional specifications, market dialogues and "
     "phased contracts made the difference in the partnership's case library.", ["procurement", "lessons learned"]),
    ("report", "SME innovation skills in the North Sea region", "Results of 50 SME self-assessments: funding "
     "readiness and internationalisation are the weakest dimensions.", ["SMEs", "self-assessment"]),
    ("policy_note", "Making innovation procurement visible in eForms", "Why buyers should use BT-06 and BT-776, "
     "and what the partnership asks of national tender portals.", ["eForms", "policy"]),
    ("news", "Toolbox: two new self-study modules", "Procurers and SME managers can now learn at their own pace "
     "and keep their progress.", ["toolbox"]),
    ("news", "Peer connection opens for all partner municipalities", "Ask the buyer of a similar procurement "
     "directly through the platform.", ["peer learning"]),
    ("article", "Electric ferries: three islands compare notes", "Ærø-style innovation partnerships, Norwegian "
     "development contracts and a German pilot side by side.", ["mobility", "procurement"]),
    ("lessons", "Heat pumps in schools: the operators' view", "Involve the caretakers early; monitor the first "
     "two winters closely.", ["heating", "lessons learned"]),
    ("report", "Market consultations: a practical review", "Twelve consultations, what they cost and what they "
     "changed.", ["procurement", "market dialogue"]),
]
QUESTIONS = [
    ("How did you score noise in a heat pump tender?", "We are writing award criteria for heat pumps near homes.",
     ["We used a maximum sound power level as a requirement and rewarded lower levels with points.",
      "Ask for measurements at the property line, not at the unit."], 0),
    ("Can a market consultation exclude a supplier later?", "Our lawyers worry about equal treatment.",
     ["No, as long as all information given is shared with every bidder and the time limits are long enough."], 0),
    ("Who has bought electric refuse trucks for hilly routes?", "",
     ["We did in Bergen; battery size was the key question, see our case.", "Try a pilot route first."], 0),
    ("Experiences with IPR in innovation partnerships?", "Should the municipality own the IPR?",
     ["We let the supplier keep it, with a free licence for us and a share of future sales."], None),
    ("How many suppliers should a PCP start with?", "", ["Three to five in the first phase is common."], 0),
]


def _publications(admin: User | None) -> list[Publication]:
    from django.utils.text import slugify

    publisher = Organisation.objects.filter(slug="region-midtjylland").first() or Organisation.objects.first()
    rows = []
    for n, (kind, title, summary, tags) in enumerate(PUBLICATIONS):
        publication, _ = Publication.objects.update_or_create(slug=slugify(title)[:120], defaults={
            "kind": kind, "title": title, "summary": summary, "body": f"{summary}\n\n(Demo text.)", "language": "en",
            "publisher": publisher, "author": admin, "status": PublicationStatus.PUBLISHED,
            "published_at": EPOCH - timedelta(days=20 * n), "is_demo": True})
        publication.tags.set(tags_for(tags))
        rows.append(publication)
    return rows


def _questions(admin: User | None, cases: list[ProcurementCase]) -> list[CommunityQuestion]:
    from django.utils.text import slugify

    people = list(User.objects.filter(email__startswith="advisor.").order_by("email")[:6])
    asker = User.objects.filter(email="officer.aberdeen@example.org").first() or admin
    rows = []
    for n, (title, body, answers, accepted) in enumerate(QUESTIONS):
        question, _ = CommunityQuestion.objects.update_or_create(slug=slugify(title)[:120], defaults={
            "title": title, "body": body, "language": "en", "author": asker, "case": cases[n * 7] if cases else None,
            "status": PostStatus.PUBLISHED, "is_demo": True})
        made = []
        for m, text in enumerate(answers):
            author = people[(n + m) % len(people)] if people else admin
            answer, _ = CommunityAnswer.objects.update_or_create(question=question, body=text,
                                                                 defaults={"author": author})
            made.append(answer)
        question.accepted_answer = made[accepted] if accepted is not None else None
        question.save(update_fields=["accepted_answer"])
        rows.append(question)
    pending, _ = CommunityQuestion.objects.update_or_create(slug="tender-for-offshore-wind-port-services", defaults={
        "title": "Tender for offshore wind port services: lots or one contract?", "language": "en", "author": asker,
        "status": PostStatus.PENDING, "is_demo": True})
    rows.append(pending)
    spam = CommunityAnswer.objects.filter(question=rows[0], body__startswith="Visit").first() or \
        CommunityAnswer.objects.create(question=rows[0], author=people[0] if people else admin,
                                       body="Visit our website for cheap tender writing!")
    if admin is not None:
        AbuseReport.objects.get_or_create(answer=spam, reporter=admin, defaults={"reason": "Advertising."})
    return rows


def _conversation(cases: list[ProcurementCase]) -> None:
    asker = User.objects.filter(email="officer.aberdeen@example.org").first()
    case = next((c for c in cases if c.advisor_id and c.advisor.email.startswith("advisor.")), None)
    if asker is None or case is None:
        return
    conversation, created = Conversation.objects.get_or_create(case=case, started_by=asker, advisor=case.advisor,
                                                               defaults={"subject": case.display_title[:200]})
    if created:
        Message.objects.create(conversation=conversation, author=asker, body="We are preparing a similar tender. "
                               "Could you share how you defined the functional requirements?")
        reply = Message.objects.create(conversation=conversation, author=case.advisor, body="Gladly: we can send "
                                       "our specification and talk next week.")
        conversation.last_message_at = reply.created
        conversation.save(update_fields=["last_message_at"])
