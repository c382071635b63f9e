"""Rules of the knowledge centre's services: cases, toolbox review and progress, self-assessment, Q&A."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from northern_connections.core.permissions import VIEW
from northern_connections.knowledge.models import Assessment, CommunityAnswer, CommunityQuestion, ToolboxItem
from northern_connections.knowledge.services import assessment as assessments
from northern_connections.knowledge.services import cases, community, publications, toolbox

from .factories import AssessmentFactory, CaseFactory, QuestionFactory, question_ids, questionnaire


def _case(people, **extra):
    fields = {"title": "Varmepumper til skolerne", "language": "da", "summary": "Kommunen købte varmepumper.",
              "procedure": "innovation", "sector": "buildings", "stage": "contract"} | extra
    return cases.case_create(actor=people.member, buyer=people.organisation, **fields)


def test_a_case_is_a_draft_of_its_verified_buyer_and_publishes_with_english_summary_and_cpv(knowledge_people,
                                                                                           vocabulary):
    people = knowledge_people
    case = _case(people, advisor=people.member)
    assert case.is_draft and case.country == "SE"
    with pytest.raises(ValidationError) as refused:
        cases.case_transition(actor=people.member, case=case, to_status="published")
    assert "English summary" in str(refused.value) and "CPV" in str(refused.value)
    cases.case_update(actor=people.member, case=case, summary_en="The city bought heat pumps.",
                      cpv_codes=[vocabulary["cpv"]["45331000-6"]])
    case = cases.case_transition(actor=people.member, case=case, to_status="published")
    assert case.is_public and case.published_at is not None


def test_a_case_names_an_eforms_procedure_or_pcp_and_bt776_codes_only(knowledge_people, vocabulary):
    people = knowledge_people
    with pytest.raises(ValidationError) as refused:
        _case(people, procedure="auction")
    assert "procedure" in refused.value.message_dict
    assert _case(people, procedure="pcp").procedure == "pcp"
    with pytest.raises(ValidationError):
        _case(people, innovative_acquisitions=[vocabulary["eforms"]["open"]])
    case = _case(people, innovative_acquisitions=[vocabulary["eforms"]["prod-innov"]], innovation_goal=True)
    assert [c.code for c in case.innovative_acquisitions.all()] == ["prod-innov"]


def test_only_editors_of_a_verified_public_authority_add_cases_and_the_advisor_is_one_of_theirs(knowledge_people):
    people = knowledge_people
    with pytest.raises(PermissionDenied):
        cases.case_create(actor=people.outsider, buyer=people.organisation, title="x", summary="y",
                          procedure="open", sector="energy")
    with pytest.raises(ValidationError) as refused:
        _case(people, advisor=people.outsider)
    assert "advisor" in refused.value.message_dict


def test_toolbox_items_are_reviewed_and_each_publication_is_a_numbered_version(knowledge_people):
    people = knowledge_people
    item = toolbox.toolbox_create(actor=people.member, lead_author=people.organisation, kind="method",
                                  title="Market dialogue canvas", summary="A one-page canvas.", audience=["procurer"])
    item = toolbox.toolbox_transition(actor=people.member, item=item, to_status="in_review")
    # the sme user's organisation is no lead partner: not a reviewer
    with pytest.raises((PermissionDenied, ValidationError)):
        toolbox.toolbox_transition(actor=people.users["sme"], item=item, to_status="published")
    item = toolbox.toolbox_transition(actor=people.member, item=item, to_status="published")
    assert item.version == 1 and item.versions.get().title == "Market dialogue canvas"
    item = toolbox.toolbox_transition(actor=people.member, item=item, to_status="draft")
    toolbox.toolbox_update(actor=people.member, item=item, title="Market dialogue canvas (2nd ed.)")
    # while revised, the public still sees the item (and its published version)
    assert ToolboxItem.objects.restrict(None, VIEW).filter(pk=item.pk).exists()
    toolbox.toolbox_transition(actor=people.member, item=item, to_status="in_review")
    item = toolbox.toolbox_transition(actor=people.member, item=item, to_status="published")
    assert [v.number for v in item.versions.all()] == [2, 1]


def _module(people):
    item = toolbox.toolbox_create(
        actor=people.member, lead_author=people.organisation, kind="module", title="PCP in five lessons",
        summary="Self-study.", audience=["procurer"],
        lessons=[{"title": "Why PCP", "body": "..."}, {"title": "How", "body": "..."}],
        quiz=[{"text": "Is PCP R&D?", "options": ["No", "Yes"], "correct": 1},
              {"text": "Phases?", "options": ["1", "3"], "correct": 1},
              {"text": "Who owns IPR?", "options": ["Buyer", "Supplier"], "correct": 1}])
    for status in ("in_review", "published"):
        item = toolbox.toolbox_transition(actor=people.member, item=item, to_status=status)
    return item


def test_quiz_progress_keeps_the_best_result_and_completes_with_all_lessons(knowledge_people):
    people = knowledge_people
    item = _module(people)
    learner = people.outsider
    questions = list(item.quiz_questions.all())
    progress = toolbox.quiz_submit(actor=learner, item=item, answers={questions[0].pk: 1})
    assert (progress.quiz_score, progress.quiz_total, progress.quiz_passed) == (1, 3, False)
    progress = toolbox.quiz_submit(actor=learner, item=item, answers={q.pk: 1 for q in questions[:2]})
    assert (progress.quiz_score, progress.quiz_passed, progress.completed_at) == (2, True, None)
    progress = toolbox.quiz_submit(actor=learner, item=item, answers={})
    assert progress.quiz_score == 2 and progress.quiz_passed  # a worse try does not undo the best
    for lesson in item.lessons.all():
        progress = toolbox.lesson_complete(actor=learner, lesson=lesson)
    assert progress.completed_at is not None and len(progress.lessons_done) == 2


def test_a_self_assessment_is_scored_per_dimension_as_computed_by_hand(knowledge_people):
    people = knowledge_people
    form = questionnaire()
    q1, q2, q3 = question_ids(form)
    assessment = assessments.assessment_start(actor=people.users["sme"], questionnaire=form, organisation=people.sme)
    assessment = assessments.assessment_answer(actor=people.users["sme"], assessment=assessment, answers={q1: 3})
    assert not assessment.is_completed
    with pytest.raises(ValidationError):
        assessments.assessment_answer(actor=people.users["sme"], assessment=assessment, answers={q2: 1},
                                      complete=True)
    with pytest.raises(ValidationError):
        assessments.assessment_answer(actor=people.users["sme"], assessment=assessment, answers={q3: 4})
    assessment = assessments.assessment_answer(actor=people.users["sme"], assessment=assessment,
                                               answers={str(q2): "1", q3: 1}, complete=True)
    # strategy (2*3/4 + 1*1/2) / 3 = 66.7; funding 1/3 = 33.3; overall 50.0
    assert assessment.scores == {"strategy": 66.7, "funding": 33.3} and assessment.overall == 50.0


def test_a_shared_result_is_seen_by_the_clusters_managers_only(knowledge_people):
    people = knowledge_people
    form = questionnaire()
    assessment = AssessmentFactory(questionnaire=form, organisation=people.sme)
    assessment = assessments.assessment_answer(actor=people.users["sme"], assessment=assessment,
                                               answers=dict.fromkeys(question_ids(form), 1), complete=True)
    visible = Assessment.objects.restrict(people.users["manager"], VIEW)
    assert not visible.filter(pk=assessment.pk).exists()
    with pytest.raises(ValidationError):  # not a member of that "cluster"
        assessments.assessment_share(actor=people.users["sme"], assessment=assessment,
                                     cluster=people.organisation)
    with pytest.raises(PermissionDenied):
        assessments.assessment_share(actor=people.users["manager"], assessment=assessment, cluster=people.cluster)
    share = assessments.assessment_share(actor=people.users["sme"], assessment=assessment, cluster=people.cluster)
    assert visible.filter(pk=assessment.pk).exists()
    assert not Assessment.objects.restrict(people.outsider, VIEW).filter(pk=assessment.pk).exists()
    assessments.assessment_unshare(actor=people.users["sme"], share=share)
    assert not visible.filter(pk=assessment.pk).exists()


def test_a_conversation_with_the_advisor_notifies_the_other_person(knowledge_people,
                                                                   django_capture_on_commit_callbacks):
    people = knowledge_people
    case = CaseFactory(buyer=people.organisation, advisor=people.member)
    with django_capture_on_commit_callbacks(execute=True):
        conversation = community.conversation_start(actor=people.outsider, case=case, subject="Your heat pumps",
                                                    body="How did you write the specification?")
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        community.message_send(actor=people.member, conversation=conversation, body="Functionally.")
    assert mail.outbox[-1].to == ["outsider@example.org"]
    with pytest.raises(PermissionDenied):
        community.message_send(actor=people.users["sme"], conversation=conversation, body="Me too?")
    with pytest.raises(ValidationError):
        community.conversation_start(actor=people.member, case=case, subject="x", body="y")


def test_questions_wait_for_a_moderator_and_an_upheld_report_hides_the_answer(knowledge_people):
    people = knowledge_people
    question = community.question_ask(actor=people.outsider, title="Who has bought electric ferries?")
    assert question.is_pending
    assert not CommunityQuestion.objects.restrict(None, VIEW).filter(pk=question.pk).exists()
    with pytest.raises(ValidationError):
        community.answer_post(actor=people.member, question=question, body="We did.")
    with pytest.raises(PermissionDenied):
        community.question_moderate(actor=people.users["sme"], question=question, publish=True)
    question = community.question_moderate(actor=people.member, question=question, publish=True)
    answer = community.answer_post(actor=people.member, question=question, body="We did, in 2023.")
    spam = community.answer_post(actor=people.users["sme"], question=question, body="Buy cheap watches!")
    with pytest.raises(PermissionDenied):
        community.answer_accept(actor=people.member, question=question, answer=answer)  # not the author
    question = community.answer_accept(actor=people.outsider, question=question, answer=answer)
    assert question.accepted_answer == answer
    report = community.abuse_report(actor=people.outsider, answer=spam, reason="Spam")
    with pytest.raises(PermissionDenied):
        community.report_decide(actor=people.outsider, report=report, uphold=True)
    community.report_decide(actor=people.member, report=report, uphold=True)
    public = CommunityAnswer.objects.restrict(None, VIEW)
    assert public.filter(pk=answer.pk).exists() and not public.filter(pk=spam.pk).exists()
    with pytest.raises(ValidationError):
        community.report_decide(actor=people.member, report=report, uphold=False)


def test_publish_external_creates_once_and_updates_on_the_second_call(knowledge_people):
    people = knowledge_people
    first = publications.publication_publish_external(
        actor=people.member, publisher=people.organisation, source="surveys", reference="survey-1",
        title="Needs of procurement offices", summary="Results of the survey.", tags=["Survey", "procurement"])
    again = publications.publication_publish_external(
        actor=people.member, publisher=people.organisation, source="surveys", reference="survey-1",
        title="Needs of procurement offices (final)", summary="Final results.", tags=["Survey"])
    assert first.pk == again.pk and again.is_public and again.title.endswith("(final)")
    assert [t.slug for t in again.tags.all()] == ["survey"]
    with pytest.raises(PermissionDenied):
        publications.publication_publish_external(actor=people.outsider, publisher=people.organisation,
                                                  source="surveys", reference="survey-2", title="x", summary="y")


def test_pending_question_factory_is_private(knowledge_people):
    pending = QuestionFactory(author=knowledge_people.outsider, status="pending")
    assert not CommunityQuestion.objects.restrict(knowledge_people.users["sme"], VIEW).filter(pk=pending.pk).exists()


def test_published_survey_results_become_a_report_and_a_withdrawal_a_draft(knowledge_people):
    from types import SimpleNamespace

    from northern_connections.knowledge.models import Publication
    from northern_connections.surveys.publishing import results_published

    survey = SimpleNamespace(pk=7, slug="procurement-needs", default_language="en", owner=knowledge_people.organisation,
                             title={"en": "Procurement needs 2026"}, introduction={})
    results_published.send(sender=None, survey=survey, published=True)
    report = Publication.objects.get(source="surveys", reference="survey-7")
    assert report.is_public and report.title == "Procurement needs 2026" and report.publisher == survey.owner
    results_published.send(sender=None, survey=survey, published=True)
    assert Publication.objects.filter(source="surveys").count() == 1
    results_published.send(sender=None, survey=survey, published=False)
    report.refresh_from_db()
    assert report.is_draft and report.published_at is None
