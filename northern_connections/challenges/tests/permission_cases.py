"""Who may use each page and endpoint of the board (run by core/tests/test_permission_matrix.py).

The world: `organisation` (a Swedish municipality, administered by "member") owns the challenges;
`other_organisation` (a Danish SME, administered by "outsider") has applied.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from northern_connections.core.testing import PermissionCase, Private, expect

from ..models import (
    ApplicationPartner,
    Attachment,
    Challenge,
    ChallengeDocument,
    ChallengeTranslation,
    Clarification,
    ConflictDeclaration,
    JuryAssignment,
    Recommendation,
    Score,
)
from .factories import ApplicationFactory, ChallengeFactory

PDF = b"%PDF-1.4\n%%EOF\n"


def build(world):
    from northern_connections.accounts.models import User
    from northern_connections.directory.tests.factories import OrganisationFactory

    published = ChallengeFactory(owner=world.organisation, slug="perm-published")
    draft = ChallengeFactory(owner=world.organisation, slug="perm-draft", status="draft", published_at=None)
    open2 = ChallengeFactory(owner=world.organisation, slug="perm-open2")
    ChallengeFactory(owner=world.organisation, slug="perm-open3")
    submitted = ApplicationFactory(challenge=published, applicant=world.other_organisation, status="submitted",
                                   submitted_at=timezone.now())
    draft_application = ApplicationFactory(challenge=open2, applicant=world.other_organisation)
    third = OrganisationFactory(kind="sme", country="NO")
    partner = ApplicationPartner.objects.create(application=submitted, organisation=third)
    attachment = Attachment.objects.create(application=submitted, title="Offer", content_type="application/pdf",
                                           size=9, file=SimpleUploadedFile("offer.pdf", b"%PDF-1.4\n"))
    clarification = Clarification.objects.create(challenge=published, organisation=world.other_organisation,
                                                 question="Is winter testing possible?")
    juror = User.objects.create_user(email="perm-juror@example.org", password="x" * 12)
    assignment = JuryAssignment.objects.create(challenge=published, user=juror)
    score = Score.objects.create(assignment=assignment, application=submitted,
                                 criterion=published.criteria.first(), value=7)
    document = ChallengeDocument.objects.create(challenge=published, title="Specification", size=9,
                                               content_type="application/pdf", file=SimpleUploadedFile("spec.pdf", PDF))
    draft_document = ChallengeDocument.objects.create(challenge=draft, title="Draft plan", size=9,
                                                     content_type="application/pdf",
                                                     file=SimpleUploadedFile("plan.pdf", PDF))
    translation = ChallengeTranslation.objects.create(challenge=published, language="da", title="Energi i skoler",
                                                      summary="Vi søger løsninger.")
    decided = ChallengeFactory(owner=world.organisation, slug="perm-decided", status="decided")
    decided_application = ApplicationFactory(challenge=decided, applicant=world.other_organisation, status="selected",
                                             feedback="Clear pilot plan.", submitted_at=timezone.now(),
                                             decided_at=timezone.now())
    # For the API of partners, jury, conflicts and recommendations
    from northern_connections.directory.models import ClusterMembership

    invitee = OrganisationFactory(kind="sme", country="DE", slug="perm-invitee")
    cluster = OrganisationFactory(kind="cluster", country="DK", slug="perm-cluster")
    ClusterMembership.objects.create(cluster=cluster, member=invitee)
    ClusterMembership.objects.create(cluster=cluster, member=world.other_organisation)
    second_juror = User.objects.create_user(email="perm-juror2@example.org", password="x" * 12)
    unscored = JuryAssignment.objects.create(challenge=published, user=second_juror)
    conflict = ConflictDeclaration.objects.create(assignment=unscored, application=submitted, reason="Former client")
    recommendation = Recommendation.objects.create(challenge=published, cluster=cluster,
                                                   organisation=world.other_organisation, message="Fits you.")
    world.objects.update({"ch_assignment": assignment, "ch_unscored": unscored, "ch_conflict": conflict,
                          "ch_recommendation": recommendation})
    # Keys are prefixed: `world.objects` is shared with every other app's cases.
    world.objects.update({f"ch_{name}": value for name, value in {
        "published": published, "draft": draft, "open2": open2, "submitted": submitted,
        "draft_application": draft_application, "partner": partner, "attachment": attachment,
        "clarification": clarification, "score": score, "document": document, "draft_document": draft_document,
        "translation": translation, "decided": decided_application}.items()})
    build_private(world)


def build_private(world):
    """Give the rows that outsiders must not see words found nowhere else (see PRIVATE)."""
    from northern_connections.directory.tests.factories import OrganisationFactory

    o = world.objects
    Challenge.objects.filter(pk=o["ch_draft"].pk).update(title="Hemligt utkast", title_en="Secret draft challenge")
    ChallengeDocument.objects.filter(pk=o["ch_draft_document"].pk).update(title="Private draft plan")
    Score.objects.filter(pk=o["ch_score"].pk).update(comment="Private score comment")
    ConflictDeclaration.objects.filter(pk=o["ch_conflict"].pk).update(reason="Private conflict reason")
    rival = OrganisationFactory(kind="sme", country="FI", slug="perm-rival")
    o["ch_rival"] = ApplicationFactory(challenge=o["ch_open2"], applicant=rival, status="submitted",
                                       title="Rival application", submitted_at=timezone.now())


def _api(name):
    return lambda w: reverse(name)


def _pk(key):
    return lambda w: w.objects[key].pk


# Rows of `organisation` (and of applicants other than the outsider) that no outsider nor anonymous
# visitor may see on any page, feed, export or API response (core/tests/test_permission_matrix.py).
PRIVATE = [
    Private("a draft challenge", lambda w: reverse("challenges:challenge_detail", args=["perm-draft"]),
            markers=lambda w: ["Secret draft challenge"]),
    Private("a draft challenge's document",
            lambda w: reverse("challenges:challenge_documents", args=["perm-draft"]),
            markers=lambda w: ["Private draft plan"]),
    Private("a jury assignment", _api("api:v1:juryassignment-list"), markers=lambda w: ["perm-juror@example.org"],
            api_list="api:v1:juryassignment-list", pk=_pk("ch_assignment")),
    Private("a score", _api("api:v1:score-list"), markers=lambda w: ["Private score comment"],
            api_list="api:v1:score-list", pk=_pk("ch_score")),
    Private("a conflict declaration", _api("api:v1:conflictdeclaration-list"),
            markers=lambda w: ["Private conflict reason"], api_list="api:v1:conflictdeclaration-list",
            pk=_pk("ch_conflict")),
    Private("another applicant's application",
            lambda w: reverse("challenges:application_detail", args=[w.objects["ch_rival"].pk]),
            markers=lambda w: ["Rival application"], api_list="api:v1:application-list", pk=_pk("ch_rival")),
]


def url(name, key=None, attr="pk"):
    if key is None:
        return lambda w: reverse(name)
    return lambda w: reverse(name, args=[getattr(w.objects[f"ch_{key}"], attr)])


def slug_url(name, key="published"):
    return url(name, key, "slug")


def challenge_data(w):
    return {"owner": w.organisation.pk, "language": "en", "title": "Shore power for ferries",
            "summary": "Electrify the ferry quay.", "route": "none", "currency": "EUR", "max_consortium_size": 3,
            "time_zone": "Europe/Stockholm", "consortia_allowed": "on",
            "application_deadline": (timezone.now() + timedelta(days=40)).strftime("%Y-%m-%dT%H:%M")}


def application_data(w):
    return {"title": "Solar canopies", "solution_summary": "PV", "trl": 7, "currency": "EUR",
            "version": w.objects["ch_submitted"].version}


PUBLIC = expect(200, 200, 200, 200)
OWNER_PAGE = expect(302, 200, 403, 200)
OWNER_POST = expect(302, 302, 403, 302)
APPLICANT_POST = expect(302, 403, 302, 302)
JUROR_PAGE = expect(302, 403, 403, 200)

CASES = [
    PermissionCase("challenges:challenge_list", "get", url("challenges:challenge_list"), PUBLIC),
    PermissionCase("challenges:challenge_feed", "get", url("challenges:challenge_feed"), PUBLIC),
    PermissionCase("challenges:challenge_ical", "get", url("challenges:challenge_ical"), PUBLIC),
    PermissionCase("challenges:ocds_package", "get", url("challenges:ocds_package"), PUBLIC),
    PermissionCase("challenges:challenge_ocds", "get", slug_url("challenges:challenge_ocds"), PUBLIC),
    PermissionCase("challenges:challenge_ocds", "get", slug_url("challenges:challenge_ocds", "draft"),
                   expect(404, 404, 404, 404), label="(draft: never published)"),
    PermissionCase("challenges:challenge_detail", "get", slug_url("challenges:challenge_detail"), PUBLIC),
    PermissionCase("challenges:challenge_detail", "get", slug_url("challenges:challenge_detail", "draft"),
                   expect(404, 200, 404, 200), label="(draft)"),
    PermissionCase("challenges:challenge_add", "get", url("challenges:challenge_add"),
                   # The outsider edits only an SME, which cannot own a challenge.
                   OWNER_PAGE),
    PermissionCase("challenges:challenge_add", "post", url("challenges:challenge_add"), OWNER_POST,
                   data=challenge_data),
    PermissionCase("challenges:challenge_edit", "get", slug_url("challenges:challenge_edit"), OWNER_PAGE),
    PermissionCase("challenges:challenge_edit", "post", slug_url("challenges:challenge_edit"), OWNER_POST,
                   data=challenge_data),
    PermissionCase("challenges:challenge_criteria", "get", slug_url("challenges:challenge_criteria", "draft"),
                   expect(302, 200, 404, 200)),
    PermissionCase("challenges:challenge_criteria", "post", slug_url("challenges:challenge_criteria", "draft"),
                   expect(302, 302, 404, 302),
                   data=lambda w: {"form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 0, "form-0-name": "Impact",
                                   "form-0-weight": 100}),
    PermissionCase("challenges:challenge_transition", "post", slug_url("challenges:challenge_transition", "draft"),
                   expect(302, 302, 404, 302), data=lambda w: {"to_status": "cancelled"}),
    PermissionCase("challenges:clarification_add", "post", slug_url("challenges:clarification_add"),
                   expect(302, 302, 302, 302), data=lambda w: {"organisation": w.other_organisation.pk,
                                                               "question": "Can we test in winter?"}),
    PermissionCase("challenges:clarification_answer", "post", url("challenges:clarification_answer", "clarification"),
                   # The outsider asked it: they see it but may not answer it.
                   expect(302, 302, 403, 302), data=lambda w: {"answer": "Yes."}),
    PermissionCase("challenges:application_add", "post", slug_url("challenges:application_add", "open2"),
                   expect(302, 302, 302, 302), data=lambda w: {"applicant": w.other_organisation.pk}),
    PermissionCase("challenges:application_list", "get", url("challenges:application_list"),
                   expect(302, 200, 200, 200)),
    PermissionCase("challenges:application_detail", "get", url("challenges:application_detail", "submitted"),
                   expect(302, 200, 200, 200)),
    PermissionCase("challenges:application_detail", "get", url("challenges:application_detail", "draft_application"),
                   # A draft is the applicant's business; the owner sees applications once submitted.
                   expect(302, 404, 200, 200), label="(draft)"),
    PermissionCase("challenges:application_detail", "post", url("challenges:application_detail", "submitted"),
                   APPLICANT_POST, data=application_data),
    PermissionCase("challenges:application_submit", "post", url("challenges:application_submit", "draft_application"),
                   expect(302, 404, 302, 302)),
    PermissionCase("challenges:application_withdraw", "post", url("challenges:application_withdraw", "submitted"),
                   APPLICANT_POST),
    PermissionCase("challenges:partner_invite", "post", url("challenges:partner_invite", "submitted"), APPLICANT_POST,
                   data=lambda w: {"organisation": "no-such-organisation"}),
    PermissionCase("challenges:partner_respond", "post", url("challenges:partner_respond", "partner"),
                   # Only the invited organisation's editors answer; nobody in the world edits it.
                   expect(302, 403, 403, 302), data=lambda w: {"accept": "1"}),
    PermissionCase("challenges:attachment_add", "post", url("challenges:attachment_add", "submitted"),
                   APPLICANT_POST),
    PermissionCase("challenges:attachment_download", "get", url("challenges:attachment_download", "attachment"),
                   expect(302, 200, 200, 200)),
    PermissionCase("challenges:challenge_jury", "get", slug_url("challenges:challenge_jury"), OWNER_PAGE),
    PermissionCase("challenges:challenge_jury", "post", slug_url("challenges:challenge_jury"), OWNER_POST,
                   data=lambda w: {"email": "perm-juror@example.org"}),
    PermissionCase("challenges:conflict_exception", "post", url("challenges:conflict_exception", "assignment"),
                   # The owners record exceptions; the applicant sees the challenge but is refused.
                   expect(302, 302, 404, 302), data=lambda w: {"reason": "The only expert in the region"}),
    PermissionCase("challenges:challenge_evaluate", "get", slug_url("challenges:challenge_evaluate"), JUROR_PAGE),
    PermissionCase("challenges:application_score", "get", url("challenges:application_score", "submitted"),
                   JUROR_PAGE),
    PermissionCase("challenges:application_score", "post", url("challenges:application_score", "submitted"),
                   # The administrator may look, but only jurors score.
                   expect(302, 403, 403, 403)),
    PermissionCase("challenges:conflict_declare", "post", url("challenges:conflict_declare", "submitted"),
                   expect(302, 403, 403, 403)),
    PermissionCase("challenges:challenge_ranking", "get", slug_url("challenges:challenge_ranking"), OWNER_PAGE),
    PermissionCase("challenges:challenge_ranking_xlsx", "get", slug_url("challenges:challenge_ranking_xlsx"),
                   OWNER_PAGE),
    PermissionCase("challenges:application_shortlist", "post", url("challenges:application_shortlist", "submitted"),
                   OWNER_POST),
    PermissionCase("challenges:application_decide", "post", url("challenges:application_decide", "submitted"),
                   OWNER_POST, data=lambda w: {"selected": "0", "feedback": "Thank you."}),
    PermissionCase("challenges:challenge_reach", "get", slug_url("challenges:challenge_reach"), OWNER_PAGE),
    PermissionCase("challenges:challenge_history", "get", slug_url("challenges:challenge_history"), OWNER_PAGE),
    PermissionCase("challenges:challenge_recommend", "get", slug_url("challenges:challenge_recommend"),
                   # Only cluster managers recommend; nobody in the world manages a cluster.
                   expect(302, 403, 403, 200)),
    PermissionCase("challenges:challenge_recommend", "post", slug_url("challenges:challenge_recommend"),
                   expect(302, 403, 403, 400)),
    # Documents and translations of a challenge
    PermissionCase("challenges:challenge_documents", "get", slug_url("challenges:challenge_documents"), OWNER_PAGE),
    PermissionCase("challenges:challenge_documents", "post", slug_url("challenges:challenge_documents"), OWNER_POST,
                   data=lambda w: {"title": "Site plan", "file": SimpleUploadedFile("site.pdf", PDF)}),
    PermissionCase("challenges:document_download", "get", url("challenges:document_download", "document"), PUBLIC),
    PermissionCase("challenges:document_download", "get", url("challenges:document_download", "draft_document"),
                   expect(302, 200, 404, 200), label="(draft)"),
    PermissionCase("challenges:document_delete", "post", url("challenges:document_delete", "draft_document"),
                   expect(302, 302, 404, 302)),
    PermissionCase("challenges:challenge_translations", "get", slug_url("challenges:challenge_translations"),
                   OWNER_PAGE),
    PermissionCase("challenges:challenge_translations", "post", slug_url("challenges:challenge_translations"),
                   OWNER_POST, data=lambda w: {"language": "nb", "title": "Energi i skoler", "summary": "Vi søker."}),
    PermissionCase("challenges:translation_delete", "post", url("challenges:translation_delete", "translation"),
                   # Everybody sees a published challenge's translations; only its owners remove them.
                   expect(302, 302, 403, 302)),
    # The applicant's documents: the owner sees the application but the receipt is the applicant's.
    PermissionCase("challenges:application_receipt", "get", url("challenges:application_receipt", "submitted"),
                   expect(302, 403, 200, 200)),
    PermissionCase("challenges:application_receipt", "get",
                   url("challenges:application_receipt", "draft_application"), expect(302, 404, 404, 404),
                   label="(draft: nothing submitted)"),
    PermissionCase("challenges:application_feedback", "get", url("challenges:application_feedback", "decided"),
                   expect(302, 200, 200, 200)),
    PermissionCase("challenges:application_feedback", "get", url("challenges:application_feedback", "submitted"),
                   expect(302, 404, 404, 404), label="(not decided yet)"),
    PermissionCase("challenges:application_feedback_pdf", "get",
                   url("challenges:application_feedback_pdf", "decided"), expect(302, 200, 200, 200)),
    # API
    PermissionCase("api:v1:challenge-list", "get", url("api:v1:challenge-list"), PUBLIC),
    PermissionCase("api:v1:challenge-list", "post", url("api:v1:challenge-list"), expect(403, 201, 403, 201),
                   json=True, data=lambda w: {"owner": w.organisation.slug, "language": "en", "title": "Heat storage",
                                              "summary": "Seasonal storage for district heating."}),
    PermissionCase("api:v1:challenge-detail", "get", url("api:v1:challenge-detail", "published", "slug"), PUBLIC),
    PermissionCase("api:v1:challenge-detail", "get", url("api:v1:challenge-detail", "draft", "slug"),
                   expect(404, 200, 404, 200), label="(draft)"),
    PermissionCase("api:v1:challenge-detail", "patch", url("api:v1:challenge-detail", "published", "slug"),
                   expect(403, 200, 403, 200), json=True, data=lambda w: {"contact_name": "Energy office"}),
    PermissionCase("api:v1:challenge-transition", "post", url("api:v1:challenge-transition", "published", "slug"),
                   expect(403, 200, 403, 200), json=True, data=lambda w: {"to_status": "cancelled"}),
    PermissionCase("api:v1:clarification-list", "get", url("api:v1:clarification-list"), PUBLIC),
    PermissionCase("api:v1:clarification-list", "post", url("api:v1:clarification-list"),
                   # The member asks for an SME they do not belong to; the admin belongs to no organisation.
                   expect(403, 403, 201, 403), json=True,
                   data=lambda w: {"challenge": "perm-published", "organisation": w.other_organisation.slug,
                                   "question": "Is there a site visit?"}),
    PermissionCase("api:v1:clarification-detail", "get", url("api:v1:clarification-detail", "clarification"),
                   expect(404, 200, 200, 200)),
    PermissionCase("api:v1:clarification-answer", "post", url("api:v1:clarification-answer", "clarification"),
                   expect(403, 200, 403, 200), json=True, data=lambda w: {"answer": "Yes, in March."}),
    PermissionCase("api:v1:application-list", "get", url("api:v1:application-list"), PUBLIC),
    PermissionCase("api:v1:application-list", "post", url("api:v1:application-list"), expect(403, 403, 201, 201),
                   json=True, data=lambda w: {"challenge": "perm-open3", "applicant": w.other_organisation.slug}),
    PermissionCase("api:v1:application-detail", "get", url("api:v1:application-detail", "submitted"),
                   expect(404, 200, 200, 200)),
    PermissionCase("api:v1:application-detail", "patch", url("api:v1:application-detail", "submitted"),
                   expect(403, 403, 200, 200), json=True,
                   data=lambda w: {"team": "Three engineers", "version": w.objects["ch_submitted"].version}),
    PermissionCase("api:v1:application-submit", "post", url("api:v1:application-submit", "draft_application"),
                   expect(403, 404, 200, 200), json=True, data=lambda w: {}),
    PermissionCase("api:v1:application-withdraw", "post", url("api:v1:application-withdraw", "submitted"),
                   expect(403, 403, 200, 200), json=True, data=lambda w: {}),
    PermissionCase("api:v1:score-list", "get", url("api:v1:score-list"), PUBLIC),
    PermissionCase("api:v1:score-list", "post", url("api:v1:score-list"), expect(403, 403, 403, 403), json=True,
                   data=lambda w: {"application": w.objects["ch_submitted"].pk,
                                   "criterion": w.objects["ch_published"].criteria.first().pk, "value": 5}),
    PermissionCase("api:v1:score-detail", "get", url("api:v1:score-detail", "score"), expect(404, 200, 404, 200)),
    # API: consortium partners, attachments, jury, conflicts, recommendations
    PermissionCase("api:v1:applicationpartner-list", "get", url("api:v1:applicationpartner-list"), PUBLIC),
    PermissionCase("api:v1:applicationpartner-list", "post", url("api:v1:applicationpartner-list"),
                   # Only the lead's editors invite; the owner sees the application but does not write it.
                   expect(403, 403, 201, 201), json=True,
                   data=lambda w: {"application": w.objects["ch_submitted"].pk, "organisation": "perm-invitee",
                                   "role": "Installer"}),
    PermissionCase("api:v1:applicationpartner-detail", "get", url("api:v1:applicationpartner-detail", "partner"),
                   expect(404, 200, 200, 200)),
    PermissionCase("api:v1:applicationpartner-detail", "delete", url("api:v1:applicationpartner-detail", "partner"),
                   expect(403, 403, 204, 204)),
    PermissionCase("api:v1:applicationpartner-respond", "post", url("api:v1:applicationpartner-respond", "partner"),
                   # Only the invited organisation's editors answer; nobody in the world edits it.
                   expect(403, 403, 403, 200), json=True, data=lambda w: {"accept": True}),
    PermissionCase("api:v1:attachment-list", "get", url("api:v1:attachment-list"), PUBLIC),
    PermissionCase("api:v1:attachment-list", "post", url("api:v1:attachment-list"), expect(403, 403, 201, 201),
                   data=lambda w: {"application": w.objects["ch_submitted"].pk, "title": "Offer",
                                   "file": SimpleUploadedFile("offer.pdf", PDF)}),
    PermissionCase("api:v1:attachment-detail", "get", url("api:v1:attachment-detail", "attachment"),
                   expect(404, 200, 200, 200)),
    PermissionCase("api:v1:attachment-detail", "delete", url("api:v1:attachment-detail", "attachment"),
                   expect(403, 403, 204, 204)),
    PermissionCase("api:v1:juryassignment-list", "get", url("api:v1:juryassignment-list"), PUBLIC),
    PermissionCase("api:v1:juryassignment-list", "post", url("api:v1:juryassignment-list"),
                   expect(403, 201, 403, 201), json=True,
                   data=lambda w: {"challenge": "perm-published", "email": "perm-juror2@example.org"}),
    PermissionCase("api:v1:juryassignment-detail", "get", url("api:v1:juryassignment-detail", "assignment"),
                   expect(404, 200, 404, 200)),
    PermissionCase("api:v1:juryassignment-exception", "post", url("api:v1:juryassignment-exception", "assignment"),
                   expect(403, 200, 404, 200), json=True, data=lambda w: {"reason": "The only expert in the region"}),
    PermissionCase("api:v1:challenge-ranking", "get", slug_url("api:v1:challenge-ranking"),
                   expect(403, 200, 403, 200)),
    PermissionCase("api:v1:juryassignment-detail", "delete", url("api:v1:juryassignment-detail", "unscored"),
                   expect(403, 204, 404, 204)),
    PermissionCase("api:v1:conflictdeclaration-list", "get", url("api:v1:conflictdeclaration-list"), PUBLIC),
    PermissionCase("api:v1:conflictdeclaration-list", "post", url("api:v1:conflictdeclaration-list"),
                   # Only jurors declare; the administrator is on no jury.
                   expect(403, 403, 403, 403), json=True,
                   data=lambda w: {"application": w.objects["ch_submitted"].pk, "reason": "Former client"}),
    PermissionCase("api:v1:conflictdeclaration-detail", "get",
                   url("api:v1:conflictdeclaration-detail", "conflict"), expect(404, 200, 404, 200)),
    PermissionCase("api:v1:recommendation-list", "get", url("api:v1:recommendation-list"), PUBLIC),
    PermissionCase("api:v1:recommendation-list", "post", url("api:v1:recommendation-list"),
                   # Only cluster managers recommend; nobody in the world manages a cluster.
                   expect(403, 403, 403, 201), json=True,
                   data=lambda w: {"challenge": "perm-open2", "cluster": "perm-cluster",
                                   "organisations": ["perm-invitee"], "message": "Worth a look."}),
    PermissionCase("api:v1:recommendation-detail", "get",
                   url("api:v1:recommendation-detail", "recommendation"), expect(404, 404, 200, 200)),
]
