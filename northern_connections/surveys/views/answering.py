"""Answering: the invitation link, the open link, the ballot (one section per page), the thank-you page.

The ballot's URL carries its resume key (the credential; the database keeps its digest): whoever holds
it continues, nobody else can. A cookie keeps the key in the browser where answering started.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views import View

from northern_connections.core.permissions import VIEW
from northern_connections.core.throttling import ScopeThrottledMixin
from northern_connections.core.views import GateView

from .. import answering, selectors, services
from ..models import Invitation, Survey, digest

COOKIE_DAYS = 60


def cookie_name(survey: Survey) -> str:
    return f"nc-survey-{survey.pk}"


def _to_ballot(request, survey: Survey, started):
    response = redirect("surveys:ballot", slug=survey.slug, key=started.resume_key)
    response.set_cookie(cookie_name(survey), started.resume_key, max_age=COOKIE_DAYS * 86400, httponly=True,
                        samesite="Lax", secure=request.is_secure(), path="/surveys/")
    return response


def _error_page(request, survey, error, status=400):
    messages = getattr(error, "messages", None) or [str(error)]
    return render(request, "surveys/answer_start.html", {"survey": survey, "errors": messages}, status=status)


class InvitationAnswerView(ScopeThrottledMixin, View):
    """The link in an invitation: GET shows the survey (mail scanners follow links: nothing is used up),
    POST starts answering."""

    throttle_scope = "answering"

    def _invitation(self, token):
        invitation = Invitation.objects.select_related("survey__owner").filter(token_digest=digest(token)).first()
        if invitation is None:
            raise Http404
        return invitation

    def get(self, request, token):
        survey = self._invitation(token).survey
        return render(request, "surveys/answer_start.html", {"survey": survey, "action": request.path})

    def post(self, request, token):
        survey = self._invitation(token).survey
        try:
            started = services.response_start_by_invitation(token=token, user=request.user,
                                                            language=translation.get_language())
        except ValidationError as error:
            return _error_page(request, survey, error)
        return _to_ballot(request, survey, started)


class SurveyAnswerView(ScopeThrottledMixin, GateView):
    """The open link: the introduction and a start button (or "continue" where a draft is in this browser).
    Starting is rate-limited (each start hands out a ballot)."""

    model, action = Survey, VIEW
    throttle_scope = "answering"

    def get(self, request, slug):
        survey = self.get_object()
        draft = selectors.ballot_get(survey=survey, resume_key=request.COOKIES.get(cookie_name(survey), ""))
        return render(request, "surveys/answer_start.html", {
            "survey": survey, "action": request.path,
            "continue_url": reverse("surveys:ballot", kwargs={"slug": slug, "key": request.COOKIES[
                cookie_name(survey)]}) if draft else ""})

    def post(self, request, slug):
        survey = self.get_object()
        try:
            started = services.response_start_open(survey=survey, user=request.user,
                                                   language=translation.get_language())
        except PermissionDenied:
            self.deny()
        except ValidationError as error:
            return _error_page(request, survey, error)
        return _to_ballot(request, survey, started)


ACTIONS = ("next", "back", "later", "submit")


class BallotView(View):
    """One section of the answers; "next"/"back" save and turn the page, "later" saves and shows the link to
    continue, "submit" (on the last page) checks every required question and hands the answers in."""

    template_name = "surveys/ballot.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.survey = get_object_or_404(Survey, slug=kwargs["slug"])
        self.ballot = selectors.ballot_get(survey=self.survey, resume_key=kwargs["key"])
        if self.ballot is None:
            raise Http404
        # the page's language when the survey has it (the switcher works), else the one answering started in
        wanted = translation.get_language()
        self.language = wanted if wanted in self.survey.languages else (
            self.ballot.language or self.survey.default_language)

    def _pages(self, answers):
        questions = list(self.survey.ordered_questions())
        return questions, answering.pages(list(self.survey.sections.all()), questions, answers)

    def _page_number(self, value, count) -> int:
        return min(max(int(value), 0), max(count - 1, 0)) if str(value).isdecimal() else 0

    def _render(self, number, answers, errors=None, status=200, saved=False):
        questions, pages = self._pages(answers)
        section, own = pages[number] if pages else (None, [])
        with translation.override(self.language):
            shown = answering.present(own, answers, errors or {}, self.language, every_question=questions,
                                      same_page={q.key for q in own})
        return render(self.request, self.template_name, {
            "survey": self.survey, "section": section, "questions": shown, "page": number, "pages": len(pages),
            "is_last": number >= len(pages) - 1, "saved": saved, "language": self.language,
            "section_title": section.display_title if section else "",
            "key": self.kwargs["key"], "has_errors": bool(errors)}, status=status)

    def get(self, request, slug, key):
        _questions, pages = self._pages(self.ballot.answers)
        return self._render(self._page_number(request.GET.get("page", 0), len(pages)), self.ballot.answers)

    def post(self, request, slug, key):
        _questions, pages = self._pages(self.ballot.answers)
        number = self._page_number(request.POST.get("page", 0), len(pages))
        action = request.POST.get("action", "next")
        action = action if action in ACTIONS else "next"
        own = pages[number][1] if pages else []
        given = answering.parse(own, request.POST)
        try:
            saved = services.response_save(response=self.ballot, answers=given, submit=action == "submit")
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            answers = {**self.ballot.answers, **given}
            # a required question left on an earlier page: show that page with its error
            _questions, pages = self._pages(answers)
            here = {q.key for q in own}
            if not here & set(errors):
                number = next((n for n, (_s, qs) in enumerate(pages) if {q.key for q in qs} & set(errors)), number)
            return self._render(number, answers, errors, status=400)
        if action == "submit":
            response = redirect("surveys:survey_thanks", slug=slug)
            response.delete_cookie(cookie_name(self.survey), path="/surveys/")
            return response
        if action == "later":
            return self._render(number, saved.answers, saved=True)
        _q, pages = self._pages(saved.answers)
        step = -1 if action == "back" else 1
        target = self._page_number(str(max(number + step, 0)), len(pages))
        return redirect(reverse("surveys:ballot", kwargs={"slug": slug, "key": key}) + f"?page={target}")


class ThanksView(View):
    def get(self, request, slug):
        return render(request, "surveys/thanks.html", {"survey": get_object_or_404(Survey, slug=slug)})
