"""Who may use each survey page and endpoint (run by core/tests/test_permission_matrix.py).

The world: `organisation` (a verified Swedish municipality administered by "member") owns every survey;
"outsider" administers a Danish SME (an editor elsewhere: may draft surveys of their own, sees none of
these but the public ones). Keys in `world.objects` are prefixed `sv_`. A ballot's resume key and an
invitation's token are credentials: whoever holds the link uses the page.
"""

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, Private, expect

DRAFT_TITLE = "Secret draft survey ZQX"
FREE_TEXT = "Private answer text QJX"
RESPONDENT = "respondent-zqx@example.org"
TOKEN = "sv-invitation-token-for-the-matrix"


def build(world):
    from northern_connections.surveys import services
    from northern_connections.surveys.choices import SurveyStatus
    from northern_connections.surveys.models import Invitation, Response, digest

    from .factories import FEEDBACK, survey

    member, owner = world.member, world.organisation
    draft = survey(member, owner, status=SurveyStatus.DRAFT)
    draft.title = {"en": DRAFT_TITLE}
    draft.save()
    world.objects["sv_draft"] = draft
    world.objects["sv_section"] = services.section_create(actor=member, survey=draft, language="en", title="Spare")
    world.objects["sv_question"] = draft.questions.get(key="improve")
    opened = survey(member, owner, open_link=True)
    world.objects["sv_open"] = opened
    world.objects["sv_audience"] = services.audience_add(actor=member, survey=opened, kind="organisation",
                                                         organisation=world.other_organisation)
    answered = services.response_start_open(survey=opened, user=None)
    services.response_save(response=answered.response, answers={**FEEDBACK, "improve": FREE_TEXT}, submit=True)
    world.objects["sv_response"] = answered.response
    for _n in range(2):  # three answers: an anonymous survey shows no group smaller than that
        more = services.response_start_open(survey=opened, user=None)
        services.response_save(response=more.response, answers=FEEDBACK, submit=True)
    world.objects["sv_key"] = services.response_start_open(survey=opened, user=None).resume_key
    Invitation.objects.create(survey=opened, email="invited@example.org", token_digest=digest(TOKEN))
    named = survey(member, owner, template="sme-internationalisation")
    Response.objects.create(survey=named, respondent_email=RESPONDENT, claimed=True, submitted=True,
                            answers={"exporting": "regularly"})
    world.objects["sv_named"] = named
    published = survey(member, owner, status=SurveyStatus.CLOSED)
    services.survey_publish_results(actor=member, survey=published)
    world.objects["sv_published"] = published


def url(name, survey_key="sv_open", **extra):
    return lambda w: reverse(name, kwargs={"slug": w.objects[survey_key].slug,
                                           **{k: v(w) for k, v in extra.items()}})


def part(name, key, survey_key="sv_draft"):
    return url(name, survey_key, pk=lambda w: w.objects[key].pk)


PRIVATE = [
    Private("a draft survey", url("surveys:survey_detail", "sv_draft"), markers=lambda w: [DRAFT_TITLE],
            api_list="api:v1:survey-list", pk=lambda w: w.objects["sv_draft"].pk),
    Private("a named response's respondent", url("surveys:results_export", "sv_named"),
            markers=lambda w: [RESPONDENT]),
    Private("an anonymous response's free text", url("surveys:survey_results"), markers=lambda w: [FREE_TEXT]),
]

PUBLIC = expect(200, 200, 200, 200)
OWNERS = expect(302, 200, 403, 200)
OWNERS_POST = expect(302, 302, 403, 302)
DRAFT_PAGE = expect(302, 200, 404, 200)
DRAFT_POST = expect(302, 302, 404, 302)
API_OWNERS = expect(403, 200, 403, 200)
QUESTION = {"language": "en", "text": "A new question", "kind": "text"}

CASES = [
    PermissionCase("surveys:survey_list", "get", lambda w: reverse("surveys:survey_list"), PUBLIC),
    PermissionCase("surveys:survey_add", "get", lambda w: reverse("surveys:survey_add"), expect(302, 200, 200, 200)),
    PermissionCase("surveys:survey_add", "post", lambda w: reverse("surveys:survey_add"), expect(302, 302, 400, 302),
                   data=lambda w: {"owner": w.organisation.pk, "title": "Form survey", "language": "en",
                                   "languages": ["en"], "anonymous": "on"}),
    PermissionCase("surveys:survey_detail", "get", url("surveys:survey_detail"), PUBLIC),
    PermissionCase("surveys:survey_detail", "get", url("surveys:survey_detail", "sv_draft"), DRAFT_PAGE,
                   label="(draft)"),
    PermissionCase("surveys:survey_edit", "get", url("surveys:survey_edit"), OWNERS),
    PermissionCase("surveys:survey_edit", "post", url("surveys:survey_edit"), OWNERS_POST,
                   data=lambda w: {"language": "en", "title": "Edited title"}),
    PermissionCase("surveys:survey_delete", "post", url("surveys:survey_delete", "sv_draft"), DRAFT_POST),
    PermissionCase("surveys:survey_transition", "post", url("surveys:survey_transition"), OWNERS_POST,
                   data=lambda w: {"to_status": "closed"}),
    PermissionCase("surveys:survey_history", "get", url("surveys:survey_history"), OWNERS),
    PermissionCase("surveys:survey_new_round", "post", url("surveys:survey_new_round"), OWNERS_POST),
    PermissionCase("surveys:survey_publish", "post", url("surveys:survey_publish"), OWNERS_POST),
    PermissionCase("surveys:survey_invite", "post", url("surveys:survey_invite"), OWNERS_POST),
    PermissionCase("surveys:survey_remind", "post", url("surveys:survey_remind"), OWNERS_POST),
    PermissionCase("surveys:question_add", "get", url("surveys:question_add", "sv_draft"), DRAFT_PAGE),
    PermissionCase("surveys:question_add", "post", url("surveys:question_add", "sv_draft"), DRAFT_POST,
                   data=lambda w: QUESTION),
    PermissionCase("surveys:question_edit", "get", part("surveys:question_edit", "sv_question"), DRAFT_PAGE),
    PermissionCase("surveys:question_edit", "post", part("surveys:question_edit", "sv_question"), DRAFT_POST,
                   data=lambda w: QUESTION),
    PermissionCase("surveys:question_delete", "post", part("surveys:question_delete", "sv_question"), DRAFT_POST),
    PermissionCase("surveys:question_move", "post", part("surveys:question_move", "sv_question"), DRAFT_POST,
                   data=lambda w: {"direction": "up"}),
    PermissionCase("surveys:section_add", "get", url("surveys:section_add", "sv_draft"), DRAFT_PAGE),
    PermissionCase("surveys:section_add", "post", url("surveys:section_add", "sv_draft"), DRAFT_POST,
                   data=lambda w: {"language": "en", "title": "More"}),
    PermissionCase("surveys:section_edit", "get", part("surveys:section_edit", "sv_section"), DRAFT_PAGE),
    PermissionCase("surveys:section_edit", "post", part("surveys:section_edit", "sv_section"), DRAFT_POST,
                   data=lambda w: {"language": "en", "title": "Renamed"}),
    PermissionCase("surveys:section_delete", "post", part("surveys:section_delete", "sv_section"), DRAFT_POST),
    PermissionCase("surveys:audience_add", "get", url("surveys:audience_add"), OWNERS),
    PermissionCase("surveys:audience_add", "post", url("surveys:audience_add"), OWNERS_POST,
                   data=lambda w: {"kind": "kind_region", "organisation_kind": "municipality"}),
    PermissionCase("surveys:audience_delete", "post", part("surveys:audience_delete", "sv_audience", "sv_open"),
                   expect(302, 302, 404, 302)),
    PermissionCase("surveys:survey_answer", "get", url("surveys:survey_answer"), PUBLIC),
    PermissionCase("surveys:survey_answer", "post", url("surveys:survey_answer"), expect(302, 302, 302, 302)),
    PermissionCase("surveys:survey_answer", "get", url("surveys:survey_answer", "sv_named"),
                   expect(302, 200, 404, 200), label="(by invitation only)"),
    PermissionCase("surveys:ballot", "get", url("surveys:ballot", key=lambda w: w.objects["sv_key"]), PUBLIC),
    PermissionCase("surveys:ballot", "post", url("surveys:ballot", key=lambda w: w.objects["sv_key"]), PUBLIC,
                   data=lambda w: {"page": "0", "action": "later", "overall": "3"}),
    PermissionCase("surveys:survey_thanks", "get", url("surveys:survey_thanks"), PUBLIC),
    PermissionCase("surveys:invitation_answer", "get", lambda w: reverse("surveys:invitation_answer", args=[TOKEN]),
                   PUBLIC),
    PermissionCase("surveys:invitation_answer", "post", lambda w: reverse("surveys:invitation_answer", args=[TOKEN]),
                   expect(302, 302, 302, 302)),
    PermissionCase("surveys:survey_results", "get", url("surveys:survey_results"), OWNERS),
    PermissionCase("surveys:results_export", "get", url("surveys:results_export"), OWNERS),
    PermissionCase("surveys:survey_compare", "get", url("surveys:survey_compare"), OWNERS),
    PermissionCase("surveys:response_tag", "post", url("surveys:response_tag", pk=lambda w: w.objects[
        "sv_response"].pk), expect(302, 302, 404, 302), data=lambda w: {"question": "improve", "tags": "time"}),
    PermissionCase("surveys:survey_published", "get", url("surveys:survey_published", "sv_published"), PUBLIC),
    PermissionCase("api:v1:survey-list", "get", lambda w: reverse("api:v1:survey-list"), PUBLIC),
    PermissionCase("api:v1:survey-detail", "get", url("api:v1:survey-detail"), PUBLIC),
    PermissionCase("api:v1:survey-results", "get", url("api:v1:survey-results"), API_OWNERS),
    PermissionCase("api:v1:survey-responses", "get", url("api:v1:survey-responses"), API_OWNERS),
]
