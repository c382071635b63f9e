"""Pages of the knowledge centre: case library, toolbox, self-assessment, publications, peers and Q&A."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, VIEW, can_add, is_signed_in
from northern_connections.core.views import (
    GateView,
    ObjectActionView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    TransitionActionView,
    message_error,
    submit_form,
)

from . import charts, search, selectors
from .filtersets import CaseFilterSet, PublicationFilterSet, ToolboxFilterSet
from .forms import (
    AnswerForm,
    AssessmentAnswerForm,
    CaseCreateForm,
    CaseForm,
    ContactForm,
    MessageForm,
    PublicationCreateForm,
    PublicationForm,
    QuestionForm,
    QuizForm,
    ReportForm,
    ShareForm,
    ToolboxCreateForm,
    ToolboxForm,
)
from .models import (
    AbuseReport,
    Assessment,
    AssessmentShare,
    CommunityAnswer,
    CommunityQuestion,
    Conversation,
    Lesson,
    ProcurementCase,
    Publication,
    Questionnaire,
    ToolboxItem,
)
from .permissions import ACCEPT, MODERATE
from .services import assessment as assessment_services
from .services import cases as case_services
from .services import community, publications, toolbox


class SelectorDetailView(ObjectDetailView):
    """A detail page read through its selector; a hidden object sends the anonymous visitor to log in (as the
    gate's own look-up does), and is a 404 for everyone else."""

    def get_detail_object(self):
        try:
            return super().get_detail_object()
        except Http404:
            if not self.request.user.is_authenticated:
                self.deny()
            raise


class HomeView(GateView):
    """The knowledge centre's front page and its one search across cases, toolbox, publications and Q&A."""

    model = ProcurementCase
    template_name = "knowledge/home.html"

    def get(self, request):
        query = request.GET.get("q", "")
        return render(request, self.template_name, {
            "query": query, "sections": search.knowledge_search(actor=request.user, query=query),
            "recent_cases": selectors.case_list(actor=request.user)[:5],
            "recent_publications": selectors.publication_list(actor=request.user).filter(
                published_at__isnull=False)[:5]})


# ---------------------------------------------------------------- cases


class CaseListView(GateView):
    """The case library: full text across languages and facets with counts (plain GET form, no JavaScript)."""

    model = ProcurementCase
    template_name = "knowledge/case_list.html"
    page_size = 20

    def get(self, request):
        filterset = CaseFilterSet(request.GET or None, queryset=selectors.case_list(actor=request.user),
                                  choices=selectors.case_vocabularies())
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        page = _page(request, rows, self.page_size)
        query = request.GET.get("q", "")
        hits = [(case, search.best_snippet([(case.summary, case.language), (case.summary_en, "en")], query)[0])
                for case in page.object_list]
        return render(request, self.template_name, {
            "filterset": filterset, "page": page, "hits": hits, "query": query,
            "facets": selectors.case_facets(actor=request.user, data=request.GET, filterset=filterset),
            "can_add": can_add(request.user, ProcurementCase), "querystring": _without_page(request)})


def _page(request, rows, size: int):
    """One page of `rows` (a bad page number gives the last or first page, never an error)."""
    return Paginator(rows, size).get_page(request.GET.get("page"))


def _without_page(request) -> str:
    data = request.GET.copy()
    data.pop("page", None)
    return data.urlencode()


class CaseDetailView(SelectorDetailView):
    model, selector = ProcurementCase, selectors.case_get

    def get_extra_context(self, obj):
        return {**selectors.case_page(actor=self.request.user, case=obj), "contact_form": ContactForm(
            initial={"subject": obj.display_title[:200]})}


class CasePeersView(GateView):
    """Municipalities and regions that ran a similar procurement, to learn from or to ask."""

    model = ProcurementCase
    template_name = "knowledge/case_peers.html"

    def get(self, request, slug):
        case = self.get_object()
        return render(request, self.template_name, {"object": case,
                                                    "peers": selectors.peer_buyers(actor=request.user, case=case)})


class CaseCreateView(ObjectCreateView):
    model, form_class, service = ProcurementCase, CaseCreateForm, case_services.case_create

    def get_form_kwargs(self):
        return {"user": self.request.user}


class CaseEditView(ObjectEditView):
    model, form_class, service = ProcurementCase, CaseForm, case_services.case_update


class CaseDeleteView(ObjectDeleteView):
    model, service = ProcurementCase, case_services.case_delete
    success_url = reverse_lazy("knowledge:case_list")


class CaseTransitionView(TransitionActionView):
    model, service = ProcurementCase, case_services.case_transition
    success_message = _lazy("The case's status was changed.")


class CaseContactView(GateView):
    """Write to the case's advising contact: starts a private conversation."""

    model = ProcurementCase
    template_name = "knowledge/case_contact.html"

    def get(self, request, slug):
        case = self.get_object()
        if not is_signed_in(request.user):
            self.deny()
        return render(request, self.template_name, {"object": case, "form": ContactForm(
            initial={"subject": case.display_title[:200]})})

    def post(self, request, slug):
        case = self.get_object()
        if not is_signed_in(request.user):
            self.deny()
        form = ContactForm(request.POST)
        start = partial(community.conversation_start, actor=request.user, case=case)
        if sent := submit_form(request, form, start, _("Your message was sent.")):
            return redirect(sent.result.get_absolute_url())
        return render(request, self.template_name, {"object": case, "form": form}, status=400)


# ---------------------------------------------------------------- toolbox


class ToolboxListView(GateView):
    model = ToolboxItem
    template_name = "knowledge/toolbox_list.html"

    def get(self, request):
        filterset = ToolboxFilterSet(request.GET or None, queryset=selectors.toolbox_list(actor=request.user))
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        return render(request, self.template_name, {
            "filterset": filterset, "page": _page(request, rows, 24), "querystring": _without_page(request),
            "can_add": can_add(request.user, ToolboxItem),
            "review_queue": selectors.review_queue(actor=request.user)})


class ToolboxDetailView(SelectorDetailView):
    model, selector = ToolboxItem, selectors.toolbox_get

    def get_extra_context(self, obj):
        context = selectors.toolbox_page(actor=self.request.user, item=obj)
        return {**context, "quiz_form": QuizForm(questions=context["quiz"]) if context["quiz"] else None}


class ToolboxCreateView(ObjectCreateView):
    model, form_class, service = ToolboxItem, ToolboxCreateForm, toolbox.toolbox_create

    def get_form_kwargs(self):
        return {"user": self.request.user}


class ToolboxEditView(ObjectEditView):
    model, form_class, service = ToolboxItem, ToolboxForm, toolbox.toolbox_update


class ToolboxTransitionView(TransitionActionView):
    model, service = ToolboxItem, toolbox.toolbox_transition
    success_message = _lazy("The item's status was changed.")


class LessonCompleteView(ObjectActionView):
    """A learner marks a lesson as done (their progress is kept)."""

    model, action, service = Lesson, VIEW, toolbox.lesson_complete
    success_message = _lazy("Lesson marked as done.")


class QuizSubmitView(ObjectActionView):
    """A learner answers the module's quiz; the best result is kept."""

    model, action, service = ToolboxItem, VIEW, toolbox.quiz_submit

    def service_kwargs(self, obj):
        form = QuizForm(self.request.POST, questions=list(obj.quiz_questions.all()))
        if not form.is_valid():
            raise ValidationError(_("Answer every question of the quiz."))
        return {"answers": form.answers()}

    def get_success_message(self, obj, result):
        if result.quiz_passed:
            return _("Quiz passed: %(score)s of %(total)s right.") % {"score": result.quiz_score,
                                                                     "total": result.quiz_total}
        return _("%(score)s of %(total)s right: read the lessons again and retry.") % {
            "score": result.quiz_score, "total": result.quiz_total}


# ---------------------------------------------------------------- self-assessment


class AssessmentHomeView(GateView):
    """Start or continue the self-assessment; a cluster manager sees the results members shared."""

    model = Questionnaire
    template_name = "knowledge/assessment_home.html"

    def get(self, request):
        return render(request, self.template_name, {
            "questionnaire": selectors.active_questionnaire(),
            "smes": selectors.sme_choices(actor=request.user) if is_signed_in(request.user) else [],
            "mine": selectors.my_assessments(actor=request.user) if is_signed_in(request.user) else [],
            "shared": selectors.shared_with_my_clusters(actor=request.user)})


class AssessmentStartView(GateView):
    """POST: open (or continue) the SME's self-assessment of this questionnaire."""

    model = Questionnaire

    def get(self, request, slug):
        return redirect("knowledge:assessment_home")

    def post(self, request, slug):
        if not is_signed_in(request.user):
            self.deny()
        questionnaire = selectors.questionnaire_get(slug=slug)
        if questionnaire is None:
            raise Http404
        organisation = selectors.sme_choices(actor=request.user).filter(pk=request.POST.get("organisation")).first()
        if organisation is None:
            messages.error(request, _("Choose one of your SMEs."))
            return redirect("knowledge:assessment_home")
        try:
            assessment = assessment_services.assessment_start(actor=request.user, questionnaire=questionnaire,
                                                              organisation=organisation)
        except ValidationError as error:
            message_error(request, error)
            return redirect("knowledge:assessment_home")
        return redirect("knowledge:assessment_answer", pk=assessment.pk)


class AssessmentAnswerView(GateView):
    """The questionnaire, one radio group per question; "Save" keeps the answers, "See my result" scores them."""

    model, action = Assessment, CHANGE
    template_name = "knowledge/assessment_answer.html"

    def form(self, assessment, data=None):
        dimensions = assessment.questionnaire.dimensions.prefetch_related("questions").order_by("order", "pk")
        return AssessmentAnswerForm(data, dimensions=dimensions, initial_answers=assessment.answers)

    def get(self, request, pk):
        assessment = self.get_object()
        if assessment.is_completed:
            return redirect(assessment.get_absolute_url())
        return render(request, self.template_name, {"object": assessment, "form": self.form(assessment)})

    def post(self, request, pk):
        assessment = self.get_object()
        form = self.form(assessment, request.POST)
        complete = "complete" in request.POST
        answer = partial(assessment_services.assessment_answer, actor=request.user, assessment=assessment,
                         complete=complete)
        if form.is_valid() and submit_form(request, form, lambda **_f: answer(answers=form.answers()),
                                           _("Your result is ready.") if complete else _("Answers saved.")):
            return redirect(assessment.get_absolute_url() if complete else
                            request.path)
        return render(request, self.template_name, {"object": assessment, "form": form}, status=400)


class AssessmentDetailView(SelectorDetailView):
    """The result: radar chart with the benchmark of comparable SMEs (and its table), recommendations, sharing."""

    model, selector = Assessment, selectors.assessment_get

    def get_extra_context(self, obj):
        context = selectors.assessment_page(actor=self.request.user, assessment=obj)
        if obj.is_completed:
            context["chart"] = charts.assessment_radar(obj, context["dimensions"], context["benchmark"],
                                                       context["peers"])
            context["share_form"] = ShareForm(clusters=context["clusters"])
        return context


class AssessmentShareView(ObjectActionView):
    model, service = Assessment, assessment_services.assessment_share
    form_class = ShareForm
    success_message = _lazy("Shared: the cluster's managers can now see this result.")

    def get_form_kwargs(self, obj):
        return {"clusters": selectors.member_clusters(organisation=obj.organisation)}


class ShareDeleteView(ObjectActionView):
    model, service = AssessmentShare, assessment_services.assessment_unshare
    success_message = _lazy("No longer shared.")


# ---------------------------------------------------------------- publications


class PublicationListView(GateView):
    model = Publication
    template_name = "knowledge/publication_list.html"

    def get(self, request):
        filterset = PublicationFilterSet(request.GET or None,
                                         queryset=selectors.publication_list(actor=request.user))
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        return render(request, self.template_name, {
            "filterset": filterset, "page": _page(request, rows, 20), "querystring": _without_page(request),
            "can_add": can_add(request.user, Publication)})


class PublicationDetailView(SelectorDetailView):
    model, selector = Publication, selectors.publication_get


class PublicationCreateView(ObjectCreateView):
    model, form_class, service = Publication, PublicationCreateForm, publications.publication_create

    def get_form_kwargs(self):
        return {"user": self.request.user}


class PublicationEditView(ObjectEditView):
    model, form_class, service = Publication, PublicationForm, publications.publication_update


class PublicationPublishView(ObjectActionView):
    model, service = Publication, publications.publication_publish
    success_message = _lazy("Published.")


# ---------------------------------------------------------------- conversations


class ConversationListView(GateView):
    model = Conversation
    template_name = "knowledge/conversation_list.html"

    def get(self, request):
        if not is_signed_in(request.user):
            self.deny()
        return render(request, self.template_name, {"conversations": selectors.conversation_list(actor=request.user)})


class ConversationDetailView(GateView):
    """The thread and a reply form (only the two people in it reach this page)."""

    model = Conversation
    template_name = "knowledge/conversation_detail.html"

    def context(self, conversation, form):
        return {"object": conversation, "form": form,
                "thread": conversation.messages.select_related("author").order_by("created", "pk")}

    def get(self, request, pk):
        return render(request, self.template_name, self.context(self.get_object(), MessageForm()))

    def post(self, request, pk):
        conversation = self.get_object()
        form = MessageForm(request.POST)
        send = partial(community.message_send, actor=request.user, conversation=conversation)
        if submit_form(request, form, send, _("Sent.")):
            return redirect(conversation.get_absolute_url())
        return render(request, self.template_name, self.context(conversation, form), status=400)


# ---------------------------------------------------------------- Q&A


class QuestionListView(GateView):
    model = CommunityQuestion
    template_name = "knowledge/question_list.html"

    def get(self, request):
        return render(request, self.template_name, {"questions": selectors.question_list(actor=request.user)[:100],
                                                    "signed_in": is_signed_in(request.user)})


class QuestionCreateView(GateView):
    model = CommunityQuestion
    template_name = "knowledge/question_form.html"

    def get(self, request):
        if not is_signed_in(request.user):
            self.deny()
        return render(request, self.template_name, {"form": QuestionForm()})

    def post(self, request):
        if not is_signed_in(request.user):
            self.deny()
        form = QuestionForm(request.POST)
        ask = partial(community.question_ask, actor=request.user)
        if asked := submit_form(request, form, ask, _("Thank you: a moderator will publish your question shortly.")):
            return redirect(asked.result.get_absolute_url())
        return render(request, self.template_name, {"form": form}, status=400)


class QuestionDetailView(GateView):
    model = CommunityQuestion
    template_name = "knowledge/question_detail.html"

    def context(self, question, form):
        return {"object": question, "form": form, "report_form": ReportForm(),
                **selectors.question_page(actor=self.request.user, question=question)}

    def get(self, request, slug):
        return render(request, self.template_name, self.context(self.get_object(), AnswerForm()))

    def post(self, request, slug):
        question = self.get_object()
        if not is_signed_in(request.user):
            self.deny()
        form = AnswerForm(request.POST)
        answer = partial(community.answer_post, actor=request.user, question=question)
        if submit_form(request, form, answer, _("Thank you for your answer.")):
            return redirect(question.get_absolute_url())
        return render(request, self.template_name, self.context(question, form), status=400)


class QuestionModerateView(ObjectActionView):
    model, action, service = CommunityQuestion, MODERATE, community.question_moderate
    success_message = _lazy("Moderation recorded.")

    def service_kwargs(self, obj):
        return {"publish": self.request.POST.get("publish") == "1"}


class AnswerAcceptView(ObjectActionView):
    """The question's author marks an answer as the one that solved it."""

    model, action, service = CommunityAnswer, VIEW, community.answer_accept
    success_message = _lazy("Marked as the accepted answer.")

    def perform(self, obj):
        question = CommunityQuestion.objects.restrict(self.request.user, ACCEPT).filter(pk=obj.question_id).first()
        if question is None:
            self.deny()
        return community.answer_accept(actor=self.request.user, question=question, answer=obj)


class ReportCreateView(GateView):
    """POST: report a question (`question=<pk>`) or an answer (`answer=<pk>`) to the moderators."""

    model = AbuseReport

    def post(self, request):
        if not is_signed_in(request.user):
            self.deny()
        question = CommunityQuestion.objects.restrict(request.user, VIEW).filter(pk=_int(request.POST.get(
            "question"))).first()
        answer = CommunityAnswer.objects.restrict(request.user, VIEW).filter(pk=_int(request.POST.get(
            "answer"))).first()
        post = question or (answer.question if answer else None)
        if post is None:
            raise Http404
        form = ReportForm(request.POST)
        report = partial(community.abuse_report, actor=request.user, question=question if not answer else None,
                         answer=answer)
        submit_form(request, form, report, _("Thank you: the moderators will look at it."), errors_as_messages=True)
        if not form.is_valid():
            messages.error(request, _("Say what is wrong with the post."))
        return redirect(post.get_absolute_url())


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ModerationView(GateView):
    """Pending questions and open abuse reports, for moderators."""

    model = AbuseReport
    template_name = "knowledge/moderation.html"

    def get(self, request):
        from .permissions import is_reviewer

        if not is_reviewer(request.user):
            self.deny()
        return render(request, self.template_name, selectors.moderation_queue(actor=request.user))


class ReportDecideView(ObjectActionView):
    model, action, service = AbuseReport, MODERATE, community.report_decide
    success_message = _lazy("Report decided.")
    return_to = None

    def service_kwargs(self, obj):
        return {"uphold": self.request.POST.get("uphold") == "1"}

    def get_return_url(self, obj):
        return str(reverse_lazy("knowledge:moderation"))


