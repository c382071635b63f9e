"""Reach figures, cluster recommendations and the open-data exports (OCDS, iCal)."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from northern_connections.core.permissions import CHANGE, VIEW, can, can_add
from northern_connections.core.views import GateView, submit_form
from northern_connections.directory.choices import OrganisationKind
from northern_connections.directory.models import ClusterMembership, Organisation

from .. import ocds, selectors, services
from ..charts import reach_charts
from ..choices import ChallengeStatus
from ..forms import RecommendForm
from ..models import Challenge
from .challenges import _editable_organisations


class ReachView(GateView):
    model = Challenge
    action = CHANGE

    def get(self, request, slug):
        challenge = self.get_object()
        reach = selectors.challenge_reach(challenge=challenge)
        return render(request, "challenges/challenge_reach.html",
                      {"object": challenge, "charts": reach_charts(reach["rows"]), **reach})


@method_decorator(login_required, name="dispatch")
class RecommendView(GateView):
    model = Challenge

    def _form(self, data=None):
        clusters = _editable_organisations(self.request.user, [OrganisationKind.CLUSTER])
        members = Organisation.objects.filter(
            pk__in=ClusterMembership.objects.filter(cluster__in=clusters).values("member_id"),
            kind=OrganisationKind.SME).order_by("name")
        return RecommendForm(data, clusters=clusters, members=members)

    def get(self, request, slug, form=None, status=200):
        challenge = self.get_object()
        if not can_add(request.user, _recommendation_model()):
            raise PermissionDenied
        return render(request, "challenges/challenge_recommend.html",
                      {"object": challenge, "form": form or self._form()}, status=status)

    def post(self, request, slug):
        challenge = self.get_object()
        if not can_add(request.user, _recommendation_model()):
            raise PermissionDenied
        form = self._form(request.POST)
        recommend = partial(services.recommendation_create, actor=request.user, challenge=challenge)
        if created := submit_form(request, form, recommend):
            messages.success(request, _("%(n)s organisations were notified.") % {"n": len(created.result)})
            return redirect(challenge.get_absolute_url())
        return self.get(request, slug, form=form, status=400)


def _recommendation_model():
    from ..models import Recommendation

    return Recommendation


class ChallengeOcdsView(GateView):
    model = Challenge

    def get(self, request, slug):
        challenge = selectors.public_challenges().filter(slug=slug).first()
        if challenge is None or not can(request.user, VIEW, challenge):
            raise Http404
        return JsonResponse(ocds.release(challenge, request.build_absolute_uri("/").rstrip("/")),
                            json_dumps_params={"ensure_ascii": False})


def ocds_package(request):
    """Every published challenge as one OCDS release package."""
    base = request.build_absolute_uri("/").rstrip("/")
    package = ocds.release_package(selectors.public_challenges(), uri=request.build_absolute_uri(), base_url=base)
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False})


def ical_deadlines(request):
    """The deadlines of open challenges as an iCalendar feed (subscribable in any calendar)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Northern Connections//Challenge deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Challenge deadlines"))
    base = request.build_absolute_uri("/").rstrip("/")
    for challenge in selectors.public_challenges().filter(status=ChallengeStatus.PUBLISHED)[:500]:
        event = Event()
        event.add("uid", f"challenge-{challenge.pk}-deadline@northern-connections")
        event.add("summary", _("Deadline: %(title)s") % {"title": challenge.display_title})
        event.add("dtstart", challenge.application_deadline)
        event.add("dtend", challenge.application_deadline)
        event.add("dtstamp", challenge.updated)
        event.add("url", base + challenge.get_absolute_url())
        event.add("description", challenge.display_summary)
        calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


