"""The survey list, creation, the survey's page (the builder for its owners), settings and life cycle."""

from __future__ import annotations

from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.views import (
    ObjectActionView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    TransitionActionView,
)

from .. import selectors, services
from ..filtersets import SurveyFilterSet
from ..forms import AudienceForm, SectionForm, SurveyCreateForm, SurveyForm
from ..models import Survey
from ..tables import SurveyTable


def edit_language(request, survey: Survey) -> str:
    """The language the builder edits texts in (?language=), one of the survey's."""
    wanted = request.POST.get("language") or request.GET.get("language") or translation.get_language()
    return wanted if wanted in survey.languages else survey.default_language


class SurveyListView(ObjectListView):
    model, selector = Survey, selectors.survey_list
    filterset_class, table_class = SurveyFilterSet, SurveyTable
    template_name = "surveys/survey_list.html"


class SurveyCreateView(ObjectCreateView):
    """A blank survey, or one of the common assessments (a template) in the chosen languages."""

    model, form_class, service = Survey, SurveyCreateForm, services.survey_create
    template_name = "surveys/survey_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def create(self, form):
        data = form.service_fields()
        template = data.pop("template", "")
        if template:
            data.pop("title", None)
            data.pop("introduction", None)
            return services.survey_create_from_template(actor=self.request.user, template=template, **data)
        return services.survey_create(actor=self.request.user, **data)


class SurveyDetailView(ObjectDetailView):
    """Owners: the builder (questions by section, audience, invitations, moves); others: the introduction."""

    model = Survey
    template_name = "surveys/survey_detail.html"

    def get_extra_context(self, obj):
        context = selectors.survey_page(actor=self.request.user, survey=obj)
        language = edit_language(self.request, obj)
        context.update(edit_language=language, section_form=SectionForm(initial={"language": language}),
                       audience_form=AudienceForm())
        return context


class SurveyEditView(ObjectEditView):
    model, form_class, service = Survey, SurveyForm, services.survey_update
    template_name = "surveys/survey_form.html"

    def get_form(self, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj, language=edit_language(self.request, obj))


class SurveyDeleteView(ObjectDeleteView):
    model, service = Survey, services.survey_delete
    success_url = reverse_lazy("surveys:survey_list")


class SurveyTransitionView(TransitionActionView):
    """A move of the survey's life cycle; an empty or unknown status is refused by the workflow."""

    model, service = Survey, services.survey_transition
    success_message = _lazy("The survey's status was changed.")


class SurveyNewRoundView(ObjectActionView):
    model, service = Survey, services.survey_new_round
    success_message = _lazy("A new round was drafted with the same questions and audience.")
    confirm_question = _lazy("Draft the next round of this survey, to compare its results with this one's?")

    def get_success_url(self, obj, result):
        return result.get_absolute_url()


class SurveyPublishView(ObjectActionView):
    """Publish the results (counts, percentages, charts) on the survey's public results page, or withdraw them."""

    model, service = Survey, services.survey_publish_results
    confirm_question = _lazy("Publish the results on a public page (counts, percentages and charts; never free "
                             "text or single responses)?")

    def service_kwargs(self, obj):
        return {"publish": self.request.POST.get("publish", "1") == "1"}

    def get_success_message(self, obj, result):
        return _("The results are published.") if result.results_public else _("The results are no longer public.")


class SurveyInviteView(ObjectActionView):
    model, service = Survey, services.invitations_send
    confirm_question = _lazy("Send the survey to everyone in its audience who has not been invited yet?")

    def get_success_message(self, obj, result):
        return _("%(n)s people were invited; the e-mails are on their way.") % {"n": result}


class SurveyRemindView(ObjectActionView):
    model, service = Survey, services.reminders_send
    confirm_question = _lazy("Remind everyone who has not opened their invitation yet (with a new link)?")

    def get_success_message(self, obj, result):
        return _("%(n)s reminders are on their way.") % {"n": result}
