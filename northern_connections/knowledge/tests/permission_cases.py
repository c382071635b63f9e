"""Who may use each knowledge-centre page and endpoint (run by core/tests/test_permission_matrix.py).

The world: `organisation` (a verified Swedish municipality administered by "member", the lead partner of a
partnership, so "member" also reviews the toolbox and moderates the Q&A) buys the cases, authors the toolbox
items and publishes; "member" also belongs to an SME (in a cluster) whose self-assessments are private;
"outsider" administers a Danish SME. Keys in `world.objects` are prefixed `kc_`.
"""

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, Private, expect

DRAFT_CASE = "Secret draft case QZV"
DRAFT_ITEM = "Secret toolbox draft QZW"
DRAFT_PUBLICATION = "Secret publication draft QZX"
PENDING_QUESTION = "Secret pending question QZY"
CONVERSATION = "Private conversation QZZ"


def build(world):
    from northern_connections.accounts.models import Membership
    from northern_connections.directory.models import ClusterMembership
    from northern_connections.directory.tests.factories import OrganisationFactory
    from northern_connections.knowledge.models import AbuseReport, CommunityAnswer, Conversation, Message
    from northern_connections.knowledge.services import assessment as assessments
    from northern_connections.knowledge.services import toolbox

    from .factories import AssessmentFactory, CaseFactory, QuestionFactory, question_ids, questionnaire, vocabulary

    vocabulary()
    o, member, admin = world.objects, world.users["member"], world.users["admin"]
    o["kc_case"] = CaseFactory(buyer=world.organisation, slug="kc-case", title="Published heat pump case",
                               advisor=member)
    o["kc_draft"] = CaseFactory(buyer=world.organisation, slug="kc-draft", title=DRAFT_CASE, status="draft",
                                published_at=None)
    o["kc_module"] = toolbox.toolbox_create(
        actor=admin, lead_author=world.organisation, kind="module", title="PCP module", summary="Self-study.",
        audience=["procurer"], lessons=[{"title": "Lesson one", "body": "Text."}],
        quiz=[{"text": "PCP is R&D?", "options": ["No", "Yes"], "correct": 1}])
    for status in ("in_review", "published"):
        o["kc_module"] = toolbox.toolbox_transition(actor=admin, item=o["kc_module"], to_status=status)
    o["kc_item_draft"] = toolbox.toolbox_create(actor=admin, lead_author=world.organisation, kind="guide",
                                                title=DRAFT_ITEM, summary="Draft.", audience=["sme"])
    form = questionnaire()
    sme = OrganisationFactory(kind="sme", country="SE", name="Member SME AB", slug="kc-sme")
    cluster = OrganisationFactory(kind="cluster", country="SE", name="Kc Cluster", slug="kc-cluster")
    ClusterMembership.objects.create(cluster=cluster, member=sme)
    Membership.objects.create(user=member, organisation=sme, role="editor")
    o["kc_cluster"] = cluster
    done = AssessmentFactory(questionnaire=form, organisation=sme)
    o["kc_assessment"] = assessments.assessment_answer(actor=member, assessment=done,
                                                       answers=dict.fromkeys(question_ids(form), 1), complete=True)
    o["kc_share"] = assessments.assessment_share(actor=member, assessment=o["kc_assessment"], cluster=cluster)
    o["kc_assessment_draft"] = AssessmentFactory(questionnaire=form, organisation=sme)
    o["kc_form"] = form
    o["kc_sme"] = sme
    _publications(world)
    conversation = Conversation.objects.create(case=o["kc_case"], subject=CONVERSATION, started_by=admin,
                                               advisor=member)
    Message.objects.create(conversation=conversation, author=admin, body="Hello")
    o["kc_conversation"] = conversation
    o["kc_question"] = QuestionFactory(author=member, slug="kc-question", title="Published question")
    o["kc_pending"] = QuestionFactory(author=member, slug="kc-pending", title=PENDING_QUESTION, status="pending")
    o["kc_answer"] = CommunityAnswer.objects.create(question=o["kc_question"], author=admin, body="An answer.")
    o["kc_report"] = AbuseReport.objects.create(answer=o["kc_answer"], reporter=member, reason="Spam?")


def _publications(world):
    from northern_connections.knowledge.services import publications

    admin = world.users["admin"]
    world.objects["kc_publication"] = publications.publication_publish_external(
        actor=admin, publisher=world.organisation, source="test", reference="1", title="Published lessons",
        summary="Lessons.")
    world.objects["kc_publication_draft"] = publications.publication_create(
        actor=admin, publisher=world.organisation, kind="news", title=DRAFT_PUBLICATION, summary="Draft.")


def slug_url(name, key):
    return lambda w: reverse(name, kwargs={"slug": w.objects[key].slug})


def pk_url(name, key):
    return lambda w: reverse(name, kwargs={"pk": w.objects[key].pk})


def url(name):
    return lambda w: reverse(name)


def case_data(w):
    return {"buyer": w.organisation.pk, "title": "Form case", "language": "en", "summary": "A case.",
            "procedure": "open", "sector": "energy", "stage": "preparation"}


def item_data(w):
    return {"lead_author": w.organisation.pk, "kind": "guide", "title": "Form guide", "summary": "A guide.",
            "language": "en", "audience": ["sme"], "format": "document", "licence": "cc-by-4.0"}


def publication_data(w):
    return {"publisher": w.organisation.pk, "kind": "news", "title": "Form news", "summary": "News.",
            "language": "en", "tags": "wind, news"}


PRIVATE = [
    Private("a draft case", slug_url("knowledge:case_detail", "kc_draft"), markers=lambda w: [DRAFT_CASE],
            api_list="api:v1:procurementcase-list", pk=lambda w: w.objects["kc_draft"].pk),
    Private("a toolbox draft", slug_url("knowledge:toolbox_detail", "kc_item_draft"), markers=lambda w: [DRAFT_ITEM],
            api_list="api:v1:toolboxitem-list", pk=lambda w: w.objects["kc_item_draft"].pk),
    Private("a draft publication", slug_url("knowledge:publication_detail", "kc_publication_draft"),
            markers=lambda w: [DRAFT_PUBLICATION], api_list="api:v1:publication-list",
            pk=lambda w: w.objects["kc_publication_draft"].pk),
    Private("a pending question", slug_url("knowledge:question_detail", "kc_pending"),
            markers=lambda w: [PENDING_QUESTION], api_list="api:v1:communityquestion-list",
            pk=lambda w: w.objects["kc_pending"].pk),
    Private("a conversation", pk_url("knowledge:conversation_detail", "kc_conversation"),
            markers=lambda w: [CONVERSATION]),
    Private("a self-assessment", pk_url("knowledge:assessment_detail", "kc_assessment"),
            api_list="api:v1:assessment-list", pk=lambda w: w.objects["kc_assessment"].pk),
]

PUBLIC = expect(200, 200, 200, 200)
SIGNED_IN = expect(302, 200, 200, 200)
OWNER = expect(302, 200, 403, 200)
OWNER_WRITE = expect(302, 302, 403, 302)
PRIVATE_PAGE = expect(302, 200, 404, 200)
PRIVATE_WRITE = expect(302, 302, 404, 302)
ANYONE_WRITE = expect(302, 302, 302, 302)

CASES = [
    PermissionCase("knowledge:home", "get", lambda w: reverse("knowledge:home") + "?q=heat", PUBLIC),
    PermissionCase("knowledge:case_list", "get", lambda w: reverse("knowledge:case_list") + "?q=heat&country=SE",
                   PUBLIC),
    PermissionCase("knowledge:case_add", "get", url("knowledge:case_add"), OWNER),
    PermissionCase("knowledge:case_add", "post", url("knowledge:case_add"), OWNER_WRITE, data=case_data),
    PermissionCase("knowledge:case_detail", "get", slug_url("knowledge:case_detail", "kc_case"), PUBLIC),
    PermissionCase("knowledge:case_detail", "get", slug_url("knowledge:case_detail", "kc_draft"), PRIVATE_PAGE,
                   label="(draft)"),
    PermissionCase("knowledge:case_edit", "get", slug_url("knowledge:case_edit", "kc_case"), OWNER),
    PermissionCase("knowledge:case_edit", "post", slug_url("knowledge:case_edit", "kc_case"), OWNER_WRITE,
                   data=case_data),
    PermissionCase("knowledge:case_delete", "post", slug_url("knowledge:case_delete", "kc_draft"), PRIVATE_WRITE),
    PermissionCase("knowledge:case_transition", "post", slug_url("knowledge:case_transition", "kc_case"),
                   OWNER_WRITE, data=lambda w: {"to_status": "archived"}),
    PermissionCase("knowledge:case_history", "get", slug_url("knowledge:case_history", "kc_case"), OWNER),
    PermissionCase("knowledge:case_peers", "get", slug_url("knowledge:case_peers", "kc_case"), PUBLIC),
    PermissionCase("knowledge:case_contact", "get", slug_url("knowledge:case_contact", "kc_case"), SIGNED_IN),
    # The member is the case's advisor: writing to oneself is refused on the form.
    PermissionCase("knowledge:case_contact", "post", slug_url("knowledge:case_contact", "kc_case"),
                   expect(302, 400, 302, 302), data=lambda w: {"subject": "Question", "body": "How?"}),
    PermissionCase("knowledge:toolbox_list", "get", lambda w: reverse("knowledge:toolbox_list") + "?q=pcp", PUBLIC),
    PermissionCase("knowledge:toolbox_add", "get", url("knowledge:toolbox_add"), OWNER),
    PermissionCase("knowledge:toolbox_add", "post", url("knowledge:toolbox_add"), OWNER_WRITE, data=item_data),
    PermissionCase("knowledge:toolbox_detail", "get", slug_url("knowledge:toolbox_detail", "kc_module"), PUBLIC),
    PermissionCase("knowledge:toolbox_detail", "get", slug_url("knowledge:toolbox_detail", "kc_item_draft"),
                   PRIVATE_PAGE, label="(draft)"),
    PermissionCase("knowledge:toolbox_edit", "get", slug_url("knowledge:toolbox_edit", "kc_module"), OWNER),
    PermissionCase("knowledge:toolbox_edit", "post", slug_url("knowledge:toolbox_edit", "kc_item_draft"),
                   PRIVATE_WRITE, data=item_data),
    PermissionCase("knowledge:toolbox_transition", "post", slug_url("knowledge:toolbox_transition", "kc_module"),
                   OWNER_WRITE, data=lambda w: {"to_status": "draft"}),
    PermissionCase("knowledge:toolbox_history", "get", slug_url("knowledge:toolbox_history", "kc_module"), OWNER),
    PermissionCase("knowledge:quiz_submit", "post", slug_url("knowledge:quiz_submit", "kc_module"), ANYONE_WRITE,
                   data=lambda w: {f"q{w.objects['kc_module'].quiz_questions.get().pk}": "1"}),
    PermissionCase("knowledge:lesson_complete", "post",
                   lambda w: reverse("knowledge:lesson_complete", args=[w.objects["kc_module"].lessons.get().pk]),
                   ANYONE_WRITE),
    PermissionCase("knowledge:assessment_home", "get", url("knowledge:assessment_home"), PUBLIC),
    PermissionCase("knowledge:assessment_start", "post", slug_url("knowledge:assessment_start", "kc_form"),
                   ANYONE_WRITE, data=lambda w: {"organisation": w.objects["kc_sme"].pk}),
    PermissionCase("knowledge:assessment_detail", "get", pk_url("knowledge:assessment_detail", "kc_assessment"),
                   PRIVATE_PAGE),
    PermissionCase("knowledge:assessment_answer", "get",
                   pk_url("knowledge:assessment_answer", "kc_assessment_draft"), PRIVATE_PAGE),
    PermissionCase("knowledge:assessment_answer", "post",
                   pk_url("knowledge:assessment_answer", "kc_assessment_draft"), PRIVATE_WRITE,
                   data=lambda w: {"save": "1"}),
    PermissionCase("knowledge:assessment_share", "post", pk_url("knowledge:assessment_share", "kc_assessment"),
                   PRIVATE_WRITE, data=lambda w: {"cluster": w.objects["kc_cluster"].pk}),
    PermissionCase("knowledge:share_delete", "post", pk_url("knowledge:share_delete", "kc_share"), PRIVATE_WRITE),
    PermissionCase("knowledge:publication_list", "get", lambda w: reverse("knowledge:publication_list") + "?tag=x",
                   PUBLIC),
    PermissionCase("knowledge:publication_feed", "get", url("knowledge:publication_feed"), PUBLIC),
    PermissionCase("knowledge:publication_add", "get", url("knowledge:publication_add"), OWNER),
    PermissionCase("knowledge:publication_add", "post", url("knowledge:publication_add"), OWNER_WRITE,
                   data=publication_data),
    PermissionCase("knowledge:publication_detail", "get",
                   slug_url("knowledge:publication_detail", "kc_publication"), PUBLIC),
    PermissionCase("knowledge:publication_edit", "get", slug_url("knowledge:publication_edit", "kc_publication"),
                   OWNER),
    PermissionCase("knowledge:publication_edit", "post", slug_url("knowledge:publication_edit", "kc_publication"),
                   OWNER_WRITE, data=publication_data),
    PermissionCase("knowledge:publication_publish", "post",
                   slug_url("knowledge:publication_publish", "kc_publication_draft"), PRIVATE_WRITE),
    PermissionCase("knowledge:conversation_list", "get", url("knowledge:conversation_list"), SIGNED_IN),
    PermissionCase("knowledge:conversation_detail", "get",
                   pk_url("knowledge:conversation_detail", "kc_conversation"), PRIVATE_PAGE),
    PermissionCase("knowledge:conversation_detail", "post",
                   pk_url("knowledge:conversation_detail", "kc_conversation"), PRIVATE_WRITE,
                   data=lambda w: {"body": "A reply."}),
    PermissionCase("knowledge:question_list", "get", url("knowledge:question_list"), PUBLIC),
    PermissionCase("knowledge:question_add", "get", url("knowledge:question_add"), SIGNED_IN),
    PermissionCase("knowledge:question_add", "post", url("knowledge:question_add"), ANYONE_WRITE,
                   data=lambda w: {"title": "A new question?", "body": "", "language": "en"}),
    PermissionCase("knowledge:question_detail", "get", slug_url("knowledge:question_detail", "kc_question"), PUBLIC),
    PermissionCase("knowledge:question_detail", "get", slug_url("knowledge:question_detail", "kc_pending"),
                   PRIVATE_PAGE, label="(pending)"),
    PermissionCase("knowledge:question_detail", "post", slug_url("knowledge:question_detail", "kc_question"),
                   ANYONE_WRITE, data=lambda w: {"body": "My answer."}),
    PermissionCase("knowledge:question_moderate", "post", slug_url("knowledge:question_moderate", "kc_pending"),
                   PRIVATE_WRITE, data=lambda w: {"publish": "1"}),
    PermissionCase("knowledge:answer_accept", "post", pk_url("knowledge:answer_accept", "kc_answer"), OWNER_WRITE),
    PermissionCase("knowledge:report_add", "post", url("knowledge:report_add"), ANYONE_WRITE,
                   data=lambda w: {"question": w.objects["kc_question"].pk, "reason": "Off topic"}),
    PermissionCase("knowledge:moderation", "get", url("knowledge:moderation"), OWNER),
    PermissionCase("knowledge:report_decide", "post", pk_url("knowledge:report_decide", "kc_report"), PRIVATE_WRITE,
                   data=lambda w: {"uphold": "0"}),
    PermissionCase("api:v1:procurementcase-list", "get", url("api:v1:procurementcase-list"), PUBLIC),
    PermissionCase("api:v1:procurementcase-list", "post", url("api:v1:procurementcase-list"),
                   expect(403, 201, 403, 201), json=True,
                   data=lambda w: {"buyer": w.organisation.slug, "title": "API case", "summary": "A case.",
                                   "procedure": "open", "sector": "energy", "cpv_codes": ["45331000-6"]}),
    PermissionCase("api:v1:procurementcase-detail", "get", slug_url("api:v1:procurementcase-detail", "kc_case"),
                   PUBLIC),
    PermissionCase("api:v1:procurementcase-detail", "patch", slug_url("api:v1:procurementcase-detail", "kc_case"),
                   expect(403, 200, 403, 200), json=True, data=lambda w: {"title": "Patched case"}),
    PermissionCase("api:v1:procurementcase-detail", "delete", slug_url("api:v1:procurementcase-detail", "kc_draft"),
                   expect(403, 204, 404, 204), json=True),
    PermissionCase("api:v1:toolboxitem-list", "get", url("api:v1:toolboxitem-list"), PUBLIC),
    PermissionCase("api:v1:toolboxitem-detail", "get", slug_url("api:v1:toolboxitem-detail", "kc_module"), PUBLIC),
    PermissionCase("api:v1:publication-list", "get", url("api:v1:publication-list"), PUBLIC),
    PermissionCase("api:v1:publication-detail", "get", slug_url("api:v1:publication-detail", "kc_publication"),
                   PUBLIC),
    PermissionCase("api:v1:communityquestion-list", "get", url("api:v1:communityquestion-list"), PUBLIC),
    PermissionCase("api:v1:communityquestion-detail", "get",
                   slug_url("api:v1:communityquestion-detail", "kc_question"), PUBLIC),
    PermissionCase("api:v1:assessment-list", "get", url("api:v1:assessment-list"), PUBLIC),
    PermissionCase("api:v1:assessment-detail", "get", pk_url("api:v1:assessment-detail", "kc_assessment"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:knowledge-search", "get", lambda w: reverse("api:v1:knowledge-search") + "?q=heat",
                   PUBLIC),
]
