"""Pages of Living Labs: thin views over the services and selectors, built on core's generic views."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, can, can_add
from northern_connections.core.views import (
    GateView,
    ObjectActionView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    submit_form,
)
from northern_connections.directory.models import NutsRegion
from northern_connections.directory.vocabularies import PARTNER_COUNTRIES

from . import selectors, services
from .filtersets import CandidateFilterSet, DemonstrationFilterSet
from .forms import CandidateForm, CommentForm, DemonstrationForm, InterestForm, LabCallForm
from .labmap import lab_map
from .models import Candidate, CandidateComment, CandidateInterest, Demonstration, LabCall
from .tables import CandidateTable, DemonstrationTable

# ---------------------------------------------------------------------------- catalogue and labs


class CandidateListView(ObjectListView):
    model = Candidate
    filterset_class = CandidateFilterSet
    table_class = CandidateTable
    template_name = "livinglabs/candidate_list.html"

    def get_list_queryset(self):
        return selectors.candidate_list(actor=self.request.user)


class LabListView(GateView):
    """The selected Living Labs on a map and as a list."""

    model = Candidate

    def get(self, request):
        labs = list(selectors.lab_list(actor=request.user).order_by("region__code", "name"))
        counts: dict[str, int] = {}
        for lab in labs:
            counts[lab.region.code] = counts.get(lab.region.code, 0) + 1
        rows = [(r.code, r.name, r.geometry) for r in NutsRegion.objects.filter(
            level=2, country__in=PARTNER_COUNTRIES, geometry__isnull=False).order_by("code")]
        regions, points, height = lab_map(rows, [(lab.name, lab.get_absolute_url(), lab.latitude, lab.longitude)
                                                 for lab in labs if lab.has_position], counts)
        return render(request, "livinglabs/lab_list.html", {
            "labs": labs, "regions": regions, "points": points, "height": height, "width": 800})


class CandidateDetailView(GateView):
    model = Candidate

    def get(self, request, slug):
        candidate = selectors.candidate_get(actor=request.user, slug=slug)
        if candidate is None:
            raise Http404
        return render(request, "livinglabs/candidate_detail.html", {
            "object": candidate, **selectors.candidate_page(actor=request.user, candidate=candidate),
            "interest_form": InterestForm(user=request.user), "comment_form": CommentForm(),
            "may_comment": can_add(request.user, CandidateComment),
            "may_add_demonstration": candidate.is_selected and can_add(request.user, Demonstration)})


class CandidateCreateView(ObjectCreateView):
    model, form_class, service = Candidate, CandidateForm, services.candidate_create
    template_name = "livinglabs/candidate_form.html"
    success_message = _lazy("The candidate is in the catalogue.")

    def get_form_kwargs(self):
        return {"user": self.request.user}


class CandidateEditView(ObjectEditView):
    model, form_class, service = Candidate, CandidateForm, services.candidate_update
    template_name = "livinglabs/candidate_form.html"

    def get_form(self, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj, user=self.request.user)


class CandidateWithdrawView(ObjectActionView):
    model, service = Candidate, services.candidate_withdraw
    success_message = _lazy("The candidate was withdrawn.")
    confirm_question = _lazy("Withdraw this candidate from the catalogue and from every open round?")


class CandidateDeleteView(ObjectDeleteView):
    model, service = Candidate, services.candidate_delete

    @property
    def success_url(self):
        return reverse("livinglabs:candidate_list")


class InterestRegisterView(GateView):
    model = Candidate

    def post(self, request, slug):
        candidate = self.get_object()
        if not can_add(request.user, CandidateInterest):
            self.deny()
        form = InterestForm(request.POST, user=request.user)
        submit_form(request, form, partial(services.interest_register, actor=request.user, candidate=candidate),
                    _("Your interest is registered; the proposer sees it."), errors_as_messages=True)
        if not form.is_valid():
            messages.error(request, _("Choose the company that registers interest."))
        return redirect(candidate.get_absolute_url())


class InterestWithdrawView(ObjectActionView):
    model, service, action = CandidateInterest, services.interest_withdraw, "delete"
    success_message = _lazy("Your interest was withdrawn.")


class CommentAddView(GateView):
    model = Candidate

    def post(self, request, slug):
        candidate = self.get_object()
        if not can_add(request.user, CandidateComment):
            self.deny()
        form = CommentForm(request.POST)
        if not submit_form(request, form, partial(services.comment_add, actor=request.user, candidate=candidate),
                           _("Comment added."), errors_as_messages=True) and not form.is_valid():
            messages.error(request, _("Write a comment."))
        return redirect(candidate.get_absolute_url() + "#comments")


class CommentDeleteView(ObjectActionView):
    model, service, action = CandidateComment, services.comment_delete, "delete"
    success_message = _lazy("Comment removed.")


class LabCallAddView(GateView):
    model, action = Candidate, CHANGE

    def get(self, request, slug):
        return render(request, "livinglabs/labcall_form.html", {"object": self.get_object(), "form": LabCallForm()})

    def post(self, request, slug):
        lab = self.get_object()
        form = LabCallForm(request.POST)
        if submit_form(request, form, partial(services.lab_call_save, actor=request.user, lab=lab),
                       _("The open call is published.")):
            return redirect(lab.get_absolute_url())
        return render(request, "livinglabs/labcall_form.html", {"object": lab, "form": form}, status=400)


class LabCallDeleteView(ObjectActionView):
    model, service, action = LabCall, services.lab_call_delete, "delete"
    success_message = _lazy("The open call was removed.")


# ---------------------------------------------------------------------------- demonstrations


class DemonstrationListView(ObjectListView):
    model = Demonstration
    filterset_class = DemonstrationFilterSet
    table_class = DemonstrationTable
    template_name = "livinglabs/demonstration_list.html"

    def get_list_queryset(self):
        return selectors.demonstration_list(actor=self.request.user)


class DemonstrationDetailView(GateView):
    model = Demonstration

    def get(self, request, slug):
        demonstration = selectors.demonstration_get(actor=request.user, slug=slug)
        if demonstration is None:
            raise Http404
        return render(request, "livinglabs/demonstration_detail.html", {
            "object": demonstration, "may_change": can(request.user, CHANGE, demonstration)})


class DemonstrationCreateView(ObjectCreateView):
    model, form_class, service = Demonstration, DemonstrationForm, services.demonstration_create
    template_name = "livinglabs/demonstration_form.html"
    success_message = _lazy("The demonstration is recorded.")

    def lab(self):
        lab = selectors.candidate_get(actor=self.request.user, slug=self.kwargs["slug"])
        if lab is None:
            raise Http404
        return lab

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def service_kwargs(self, form):
        return {"lab": self.lab()}

    def get_context(self):
        return {"lab": self.lab()}


class DemonstrationEditView(ObjectEditView):
    model, form_class, service = Demonstration, DemonstrationForm, services.demonstration_update
    template_name = "livinglabs/demonstration_form.html"

    def get_form(self, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj, user=self.request.user)

    def get_context(self, obj):
        return {"lab": obj.lab}


class DemonstrationDeleteView(ObjectDeleteView):
    model, service = Demonstration, services.demonstration_delete

    @property
    def success_url(self):
        return reverse("livinglabs:demonstration_list")
