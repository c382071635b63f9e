"""Pages of strategies and policy: strategies, synergies, scorecard, boards, meetings, briefs, action plan."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.permissions import CHANGE, DELETE, VIEW, can_add
from northern_connections.core.views import (
    PDF,
    GateView,
    ObjectActionView,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    TransitionActionView,
    download,
)

from . import analysis, briefs, forms, selectors, services, synergy
from .filtersets import StrategyFilterSet
from .models import (
    ActionPoint,
    AgendaItem,
    Barrier,
    Board,
    BoardMeeting,
    BoardMember,
    Decision,
    InternationalisationMeasure,
    MeetingDocument,
    PlanAction,
    PlanGoal,
    PolicyBrief,
    RegionalStrategy,
    StrategyPriority,
)
from .tables import StrategyTable

# --------------------------------------------------------------------------- strategies


class StrategyListView(ObjectListView):
    model, selector = RegionalStrategy, selectors.strategy_list
    filterset_class, table_class = StrategyFilterSet, StrategyTable


class StrategyDetailView(ObjectDetailView):
    model, selector = RegionalStrategy, selectors.strategy_get

    def get_extra_context(self, obj):
        context = selectors.strategy_page(actor=self.request.user, strategy=obj)
        if context["may_change"]:
            context.update(priority_form=forms.PriorityForm(), measure_form=forms.MeasureForm(),
                           barrier_form=forms.BarrierForm())
        return context


class StrategyCreateView(ObjectCreateView):
    model, form_class, service = RegionalStrategy, forms.StrategyCreateForm, services.strategy_create

    def get_form_kwargs(self):
        return {"user": self.request.user}


class StrategyEditView(ObjectEditView):
    model, form_class, service = RegionalStrategy, forms.StrategyForm, services.strategy_update


class StrategyDeleteView(ObjectDeleteView):
    model, service = RegionalStrategy, services.strategy_delete
    success_url = reverse_lazy("strategy:strategy_list")


class PriorityAddView(ObjectActionView):
    model, form_class, service = RegionalStrategy, forms.PriorityForm, services.priority_add
    success_message = _lazy("Priority added.")


class PriorityEditView(ObjectEditView):
    model, form_class, service = StrategyPriority, forms.PriorityForm, services.priority_update


class PartDeleteView(ObjectActionView):
    """Delete a part of a page (a priority, a barrier, an agenda item...) and go back to the page."""

    action = DELETE
    success_message = _lazy("Deleted.")
    confirm_question = _lazy("Delete this entry?")


class PriorityDeleteView(PartDeleteView):
    model, service = StrategyPriority, services.priority_delete


class MeasureAddView(ObjectActionView):
    model, form_class, service = RegionalStrategy, forms.MeasureForm, services.measure_add
    success_message = _lazy("Measure added.")


class MeasureDeleteView(PartDeleteView):
    model, service = InternationalisationMeasure, services.measure_delete


class BarrierAddView(ObjectActionView):
    model, form_class, service = RegionalStrategy, forms.BarrierForm, services.barrier_add
    success_message = _lazy("Barrier added.")


class BarrierDeleteView(PartDeleteView):
    model, service = Barrier, services.barrier_delete


# --------------------------------------------------------------------------- analysis


UNTAPPED_SHOWN = 15  # the most similar; "show all" lists the rest
NETWORK_MINIMUM = 0.4  # weaker links would turn the network into a hairball


class SynergyView(GateView):
    """The similarity matrix and network, untapped pairs (with "put on the agenda"), and the strongest
    pairs and group for one domain."""

    model = RegionalStrategy
    template_name = "strategy/synergies.html"

    def get(self, request):
        names = analysis.domain_names()
        result = analysis.synergies()
        used = sorted({d for p in result.profiles for d in p.domains()}, key=lambda d: names.get(d, d))
        query = request.GET.copy()
        query.setdefault("threshold", str(synergy.UNTAPPED_THRESHOLD))
        form = forms.SynergyForm(query, domains=[(d, names.get(d, d)) for d in used])
        data = form.cleaned_data if form.is_valid() else {}
        threshold = data.get("threshold")
        if threshold is not None and threshold != result.threshold:
            result = analysis.synergies(threshold=threshold)
        shown = result.untapped if data.get("all") else result.untapped[:UNTAPPED_SHOWN]
        context = {"form": form, "result": result, "names": names, "more": len(result.untapped) - len(shown),
                   "untapped": [{**analysis.described(c, names), "a_name": result.label(c.a),
                                 "b_name": result.label(c.b)} for c in shown],
                   "meetings": selectors.next_meetings(actor=request.user), "query": query}
        if result.profiles:
            context["matrix"] = analysis.matrix_chart(result)
            context["network"] = analysis.network_chart(result, max(result.threshold, NETWORK_MINIMUM))
        if data.get("domain"):
            key = data["domain"]
            context.update(domain=names.get(key, key), pairs=[
                {"a": result.label(p.a), "b": result.label(p.b), "strength": p.strength,
                 "linked": result.links.total(p.a, p.b)} for p in synergy.strongest_pairs(result.profiles, key)],
                group=_group(result, synergy.strongest_group(result.profiles, key)))
        return render(request, self.template_name, context, status=400 if form.errors else 200)


def _group(result, group: synergy.Group | None) -> dict | None:
    return None if group is None else {"names": [result.label(c) for c in group.regions], "strength": group.strength}


class ScorecardView(GateView):
    model = RegionalStrategy
    template_name = "strategy/scorecard.html"

    def get(self, request):
        strategies = selectors.current_strategies()
        names = {s.region.code: s.region.name for s in strategies}
        cards = analysis.scorecards(regions=list(names))
        rows = [{"code": code, "name": names[code], "card": card, "rows": analysis.scorecard_rows(card)}
                for code, card in cards.items()]
        periods = next(iter(cards.values())).periods if cards else analysis.scorecard_periods()
        context = {"regions": rows, "periods": periods,
                   "chart": analysis.index_chart(cards, names) if cards else None,
                   "missing": [analysis.INDICATOR_LABELS[i] for i in sorted(analysis.activity.missing_indicators())]}
        return render(request, self.template_name, context)


# --------------------------------------------------------------------------- boards


class BoardListView(GateView):
    model = Board
    template_name = "strategy/board_list.html"

    def get(self, request):
        return render(request, self.template_name, {"boards": selectors.board_list(actor=request.user),
                                                    "can_add": can_add(request.user, Board)})


class BoardDetailView(ObjectDetailView):
    model, selector = Board, selectors.board_get

    def get_extra_context(self, obj):
        context = selectors.board_page(actor=self.request.user, board=obj)
        if context["may_change"]:
            context["member_form"] = forms.BoardMemberForm()
        return context


class BoardCreateView(ObjectCreateView):
    model, form_class, service = Board, forms.BoardForm, services.board_create


class BoardEditView(ObjectEditView):
    model, form_class, service = Board, forms.BoardForm, services.board_update


class BoardMemberAddView(ObjectActionView):
    model, form_class, service = Board, forms.BoardMemberForm, services.board_member_add
    success_message = _lazy("Member added.")


class BoardMemberRemoveView(PartDeleteView):
    model, service = BoardMember, services.board_member_remove
    confirm_question = _lazy("Remove this member from the board?")


class MeetingCreateView(ObjectCreateView):
    model, form_class, service = BoardMeeting, forms.MeetingForm, services.meeting_create

    def board(self) -> Board:
        board = Board.objects.restrict(self.request.user, VIEW).filter(slug=self.kwargs["slug"]).first()
        if board is None:
            raise Http404(_("No such board."))
        return board

    def add_context(self):
        return {"board": self.board()}

    def service_kwargs(self, form):
        return {"board": self.board()}


class MeetingDetailView(ObjectDetailView):
    model, selector = BoardMeeting, selectors.meeting_get

    def get_extra_context(self, obj):
        context = selectors.meeting_page(actor=self.request.user, meeting=obj)
        if context["may_change"]:
            context.update(agenda_form=forms.AgendaItemForm(), document_form=forms.DocumentForm(),
                           decision_form=forms.DecisionForm(meeting=obj))
        return context


class MeetingEditView(ObjectEditView):
    model, form_class, service = BoardMeeting, forms.MeetingForm, services.meeting_update


class AgendaItemAddView(ObjectActionView):
    model, form_class, service = BoardMeeting, forms.AgendaItemForm, services.agenda_item_add
    success_message = _lazy("Added to the agenda.")


class AgendaPairAddView(ObjectActionView):
    """From the synergy page: an untapped pair goes on the agenda of the chosen meeting."""

    model, form_class, service = BoardMeeting, forms.PairForm, services.agenda_item_add_pair
    success_message = _lazy("The pair is on the agenda.")


class AgendaItemDeleteView(PartDeleteView):
    model, service = AgendaItem, services.agenda_item_delete


class DocumentAddView(ObjectActionView):
    model, form_class, service = BoardMeeting, forms.DocumentForm, services.document_add
    success_message = _lazy("Document added.")


class DocumentView(GateView):
    """A meeting document: its file, or its text as a plain-text file (internal ones for members only)."""

    model = MeetingDocument

    def get(self, request, pk):
        document = self.get_object()
        if document.file:
            from northern_connections.core.views import stored_file_download

            return stored_file_download(document.file, document.title, "application/octet-stream")
        return HttpResponse(document.text, content_type="text/plain; charset=utf-8")


class DocumentDeleteView(PartDeleteView):
    model, service = MeetingDocument, services.document_delete


class DecisionAddView(ObjectActionView):
    model, form_class, service = BoardMeeting, forms.DecisionForm, services.decision_add
    success_message = _lazy("Decision recorded.")

    def get_form_kwargs(self, obj):
        return {"meeting": obj}


class DecisionDetailView(ObjectDetailView):
    model, selector = Decision, selectors.decision_get

    def get_extra_context(self, obj):
        context = selectors.decision_page(actor=self.request.user, decision=obj)
        if context["may_change"]:
            context["action_point_form"] = forms.ActionPointForm()
        return context


class DecisionEditView(ObjectEditView):
    model, form_class, service = Decision, forms.DecisionForm, services.decision_update


class ActionPointAddView(ObjectActionView):
    model, form_class, service = Decision, forms.ActionPointForm, services.action_point_add
    success_message = _lazy("Action point added.")


class ActionPointTransitionView(TransitionActionView):
    model, service = ActionPoint, services.action_point_transition
    success_message = _lazy("The action point's status was changed.")


# --------------------------------------------------------------------------- policy briefs


class BriefGenerateView(ObjectActionView):
    """Write a draft brief for the meeting from the analysis, then edit it."""

    model, service = BoardMeeting, services.brief_generate
    success_message = _lazy("A draft brief was written from the analysis; edit it before you issue it.")
    confirm_question = _lazy("Write a new draft policy brief for this meeting from the analysis?")

    def get_success_url(self, obj, result):
        return result.get_absolute_url()


class BriefDetailView(ObjectDetailView):
    model = PolicyBrief  # looked up through the gate: a draft sends a visitor to log in (members only)

    def get_extra_context(self, obj):
        return selectors.brief_page(actor=self.request.user, brief=obj)


class BriefEditView(ObjectEditView):
    model, form_class, service = PolicyBrief, forms.BriefForm, services.brief_update


class BriefTransitionView(TransitionActionView):
    model, service = PolicyBrief, services.brief_transition
    success_message = _lazy("The brief was issued.")


class BriefPdfView(GateView):
    model = PolicyBrief

    def get(self, request, pk):
        brief = self.get_object()
        return download(briefs.pdf(brief), PDF, f"policy-brief-{brief.pk}.pdf")


# --------------------------------------------------------------------------- action plan


class PlanView(GateView):
    model = PlanGoal
    template_name = "strategy/plan.html"

    def get(self, request):
        goals = selectors.plan(actor=request.user)
        may_change = can_add(request.user, PlanGoal)
        return render(request, self.template_name, {"goals": goals, "may_change": may_change,
                                                    "action_form": forms.PlanActionForm() if may_change else None})


class GoalCreateView(ObjectCreateView):
    model, form_class, service = PlanGoal, forms.GoalForm, services.plan_goal_create


class GoalEditView(ObjectEditView):
    model, form_class, service = PlanGoal, forms.GoalForm, services.plan_goal_update


class PlanActionAddView(ObjectActionView):
    model, form_class, service, action = PlanGoal, forms.PlanActionForm, services.plan_action_add, CHANGE
    success_message = _lazy("Action added to the plan.")


class PlanActionEditView(ObjectEditView):
    model, form_class, service = PlanAction, forms.PlanActionForm, services.plan_action_update
