"""The builder: sections, questions (in one language at a time) and the audience, on the survey's page."""

from __future__ import annotations

from functools import partial

from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, DELETE
from northern_connections.core.views import GateView, ObjectActionView, ObjectEditView, submit_form

from .. import services
from ..forms import AudienceForm, QuestionForm, SectionEditForm, SectionForm
from ..models import Audience, Question, Section, Survey
from .surveys import edit_language


class SurveyPartFormView(GateView):
    """A form that adds a part to a survey its owners change: GET shows it, POST calls the one service."""

    model, action = Survey, CHANGE
    form_class = service = None
    template_name = "surveys/part_form.html"
    success_message = _lazy("Saved.")
    heading = ""

    def get_form(self, survey, data=None):
        return self.form_class(data, initial={"language": edit_language(self.request, survey)})

    def render_form(self, survey, form, status=200):
        return render(self.request, self.template_name, {"form": form, "object": survey, "heading": self.heading,
                                                         "edit_language": edit_language(self.request, survey)},
                      status=status)

    def get(self, request, *args, **kwargs):
        survey = self.get_object()
        return self.render_form(survey, self.get_form(survey))

    def post(self, request, *args, **kwargs):
        survey = self.get_object()
        form = self.get_form(survey, request.POST)
        write = partial(type(self).service, actor=request.user, survey=survey)
        if submit_form(request, form, write, self.success_message):
            return redirect(survey.get_absolute_url() + f"?language={edit_language(request, survey)}")
        return self.render_form(survey, form, status=400)


class QuestionCreateView(SurveyPartFormView):
    form_class, service = QuestionForm, services.question_create
    heading = _lazy("Add a question")
    success_message = _lazy("The question was added.")

    def get_form(self, survey, data=None):
        return QuestionForm(data, survey=survey, language=edit_language(self.request, survey))


class SectionCreateView(SurveyPartFormView):
    form_class, service = SectionForm, services.section_create
    heading = _lazy("Add a section")


class AudienceCreateView(SurveyPartFormView):
    form_class, service = AudienceForm, services.audience_add
    heading = _lazy("Add to the audience")

    def get_form(self, survey, data=None):
        return AudienceForm(data)


class QuestionEditView(ObjectEditView):
    model, form_class, service = Question, QuestionForm, services.question_update
    template_name = "surveys/question_form.html"

    def get_form(self, obj, data=None, files=None):
        return QuestionForm(data, files, instance=obj, language=edit_language(self.request, obj.survey))

    def get_success_url(self, obj):
        return obj.get_absolute_url() + f"?language={edit_language(self.request, obj.survey)}#q-{obj.key}"


class SectionEditView(ObjectEditView):
    model, form_class, service = Section, SectionEditForm, services.section_update
    template_name = "surveys/part_form.html"

    def get_form(self, obj, data=None, files=None):
        return SectionEditForm(data, files, instance=obj, language=edit_language(self.request, obj.survey))

    def get_context(self, obj):
        return {"object": obj.survey, "heading": _lazy("Section title"),
                "edit_language": edit_language(self.request, obj.survey)}

    def get_success_url(self, obj):
        return obj.get_absolute_url() + f"?language={edit_language(self.request, obj.survey)}"


class QuestionDeleteView(ObjectActionView):
    model, action, service = Question, DELETE, services.question_delete
    success_message = _lazy("The question was deleted.")
    confirm_question = _lazy("Delete this question?")


class QuestionMoveView(ObjectActionView):
    model, service = Question, services.question_move
    success_message = ""

    def service_kwargs(self, obj):
        return {"direction": "up" if self.request.POST.get("direction") == "up" else "down"}

    def get_success_url(self, obj, result):
        return obj.get_absolute_url() + f"#q-{obj.key}"


class SectionDeleteView(ObjectActionView):
    model, action, service = Section, DELETE, services.section_delete
    success_message = _lazy("The section was deleted.")
    confirm_question = _lazy("Delete this empty section?")


class AudienceDeleteView(ObjectActionView):
    model, action, service = Audience, DELETE, services.audience_remove
    success_message = _lazy("Removed from the audience.")
    confirm_question = _lazy("Remove this part of the audience? Invitations already sent stay valid.")
