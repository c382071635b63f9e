"""Pages of partnering: the call catalogue, partner requests and interests, consortium workspaces, the builder."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, DELETE, VIEW, can_add
from northern_connections.core.views import (
    GateView,
    ObjectActionView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    TransitionActionView,
    submit_form,
)
from northern_connections.directory.models import Organisation

from . import selectors, services
from .builder.solver import build
from .filtersets import FundingCallFilterSet, PartnerRequestFilterSet
from .forms import (
    BuilderForm,
    ConsortiumForm,
    DocumentForm,
    InterestForm,
    MemberInviteForm,
    PartnerRequestForm,
    TaskForm,
)
from .models import (
    Consortium,
    ConsortiumDocument,
    ConsortiumMember,
    ConsortiumTask,
    ExpressionOfInterest,
    FundingCall,
    PartnerRequest,
)
from .permissions import RESPOND
from .tables import FundingCallTable, PartnerRequestTable

BUILDER_TIME_LIMIT = 10.0


class CallListView(ObjectListView):
    model, selector = FundingCall, selectors.call_list
    filterset_class, table_class = FundingCallFilterSet, FundingCallTable


class CallDetailView(ObjectDetailView):
    model = FundingCall

    def get_extra_context(self, obj):
        return selectors.call_page(actor=self.request.user, funding_call=obj)


class RequestListView(ObjectListView):
    model, selector = PartnerRequest, selectors.request_list
    filterset_class, table_class = PartnerRequestFilterSet, PartnerRequestTable

    def get_extra_context(self):
        return {"can_add": can_add(self.request.user, PartnerRequest)}


class RequestDetailView(ObjectDetailView):
    model = PartnerRequest

    def get_extra_context(self, obj):
        context = selectors.request_page(actor=self.request.user, partner_request=obj)
        context["interest_form"] = InterestForm(user=self.request.user, exclude=obj.owner_id)
        return context


class RequestCreateView(ObjectCreateView):
    model, form_class, service = PartnerRequest, PartnerRequestForm, services.partner_request_create

    def get_form_kwargs(self):
        return {"user": self.request.user}


class RequestEditView(ObjectEditView):
    model, form_class, service = PartnerRequest, PartnerRequestForm, services.partner_request_update


class RequestTransitionView(TransitionActionView):
    model, service = PartnerRequest, services.partner_request_transition
    success_message = _lazy("The request's status was changed.")


class RequestExtendView(ObjectActionView):
    model, service = PartnerRequest, services.partner_request_extend
    success_message = _lazy("The request is valid for another year.")
    confirm_question = _lazy("Extend the validity by a year? A request can be extended once.")


class InterestSendView(GateView):
    """Post an expression of interest from the request's page."""

    model = PartnerRequest

    def post(self, request, pk):
        partner_request = self.get_object(VIEW)
        form = InterestForm(request.POST, user=request.user, exclude=partner_request.owner_id)
        send = partial(services.interest_send, actor=request.user, partner_request=partner_request)
        if not request.user.is_authenticated:
            self.deny()
        submit_form(request, form, send, _("Your expression of interest was sent."), errors_as_messages=True)
        return redirect(partner_request.get_absolute_url())


class InterestTransitionView(ObjectActionView):
    model, service = ExpressionOfInterest, services.interest_transition
    success_message = _lazy("The expression of interest was answered.")

    def service_kwargs(self, obj):
        return {"to_status": self.request.POST.get("to_status", ""), "answer": self.request.POST.get("answer", "")}


class ConsortiumListView(GateView):
    model = Consortium
    template_name = "partnering/consortium_list.html"

    def get(self, request):
        if not request.user.is_authenticated:
            self.deny()
        return render(request, self.template_name, {"consortia": selectors.consortium_list(actor=request.user)})


class ConsortiumCreateView(ObjectCreateView):
    model, form_class, service = Consortium, ConsortiumForm, services.consortium_create

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def funding_call(self):
        return get_object_or_404(FundingCall.objects.restrict(self.request.user, VIEW), slug=self.kwargs["slug"])

    def service_kwargs(self, form):
        return {"funding_call": self.funding_call()}

    def get_context(self):
        return {"call": self.funding_call()}


class ConsortiumDetailView(ObjectDetailView):
    model = Consortium

    def get_detail_object(self):
        self.get_object()  # the gate's answer for those who may not see it: login, or 404
        return selectors.consortium_get(actor=self.request.user, slug=self.kwargs["slug"])

    def get_extra_context(self, obj):
        context = selectors.consortium_page(actor=self.request.user, consortium=obj)
        # Prefixed: three forms on one page must not share field ids (id_title twice breaks labels)
        context.update(invite_form=MemberInviteForm(prefix="invite"), task_form=TaskForm(consortium=obj, prefix="task"),
                       document_form=DocumentForm(prefix="document"))
        return context


class WorkspacePostView(GateView):
    """A form posted from the workspace page (invite, task, document): one service call, back to the page."""

    model = Consortium
    form_class = None
    prefix = ""
    action = VIEW
    message = ""

    def form(self, consortium):
        return self.form_class(self.request.POST, self.request.FILES, prefix=self.prefix)

    def write(self, consortium):
        raise NotImplementedError

    def post(self, request, slug):
        consortium = self.get_object()
        submit_form(request, self.form(consortium), self.write(consortium), str(self.message), errors_as_messages=True)
        return redirect(consortium.get_absolute_url())


class MemberInviteView(WorkspacePostView):
    form_class, prefix, action, message = MemberInviteForm, "invite", CHANGE, _lazy("The organisation was invited.")

    def write(self, consortium):
        return partial(services.member_invite, actor=self.request.user, consortium=consortium)


class TaskAddView(WorkspacePostView):
    form_class, prefix, message = TaskForm, "task", _lazy("Task added.")

    def form(self, consortium):
        return TaskForm(self.request.POST, consortium=consortium, prefix=self.prefix)

    def write(self, consortium):
        return partial(services.task_add, actor=self.request.user, consortium=consortium)


class DocumentAddView(WorkspacePostView):
    form_class, prefix, message = DocumentForm, "document", _lazy("Document shared.")

    def write(self, consortium):
        return partial(services.document_add, actor=self.request.user, consortium=consortium)


class TaskToggleView(ObjectActionView):
    model, service = ConsortiumTask, services.task_toggle
    success_message = _lazy("Task updated.")


class DocumentDeleteView(ObjectActionView):
    model, service, action = ConsortiumDocument, services.document_delete, DELETE
    success_message = _lazy("Document removed.")


class MemberRespondView(ObjectActionView):
    model, service, action = ConsortiumMember, services.member_respond, RESPOND
    success_message = _lazy("Your answer was recorded.")

    def service_kwargs(self, obj):
        return {"accept": self.request.POST.get("accept") == "yes"}


class ConsortiumBuilderView(GateView):
    """The builder: the call's rules plus what the user asks for → the top 3 consortia; adopting one invites."""

    model = Consortium
    action = CHANGE
    template_name = "partnering/consortium_builder.html"

    def get(self, request, slug):
        self.get_object()  # the gate's answer for those who may not change it: login, 403 or 404
        consortium = selectors.consortium_get(actor=request.user, slug=slug)
        form = BuilderForm(request.GET or None, initial={"min_size": consortium.call.min_partners or 3})
        context = {"object": consortium, "form": form}
        if form.is_valid():
            context.update(self.proposals(consortium, form.cleaned_data))
        return render(request, self.template_name, context)

    def proposals(self, consortium, data) -> dict:
        steps = list(data["steps"])
        countries = tuple(consortium.call.eligible_countries)
        candidates, by_id = selectors.builder_candidates(actor=self.request.user, consortium=consortium, steps=steps,
                                                         countries=countries)
        requirements = selectors.builder_requirements(
            consortium=consortium, steps=steps, min_size=data["min_size"], max_size=data["max_size"],
            categories=tuple(data["categories"]), max_per_country=data.get("max_per_country"))
        result = build(requirements, candidates, top=3, time_limit=BUILDER_TIME_LIMIT)
        names = selectors.step_names(steps)
        proposals = [{"number": n, "fit": c.fit, "why": c.why,
                      "members": [(by_id[m], c.why[m]) for m in c.members],
                      "covers": [(names.get(k, k), [by_id[m] for m in v]) for k, v in c.covers.items()]}
                     for n, c in enumerate(result.consortia, start=1)]
        return {"result": result, "proposals": proposals, "candidate_count": len(candidates)}

    def post(self, request, slug):
        consortium = self.get_object()
        ids = [i for i in request.POST.getlist("member") if i.isascii() and i.isdigit()]
        why = {i: request.POST.get(f"why-{i}", "")[:500] for i in ids}
        organisations = Organisation.objects.restrict(request.user, VIEW).filter(pk__in=ids)
        invited = services.proposal_adopt(actor=request.user, consortium=consortium,
                                          members=[(o, why.get(str(o.pk), "")) for o in organisations])
        messages.success(request, _("%(n)s organisations were invited.") % {"n": invited})
        return redirect(consortium.get_absolute_url())
