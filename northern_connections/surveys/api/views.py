"""API of the surveys app: surveys with their questions; results (aggregates) and responses for owners.

An anonymous survey's responses come as answer sets only (no id, no attributes), sorted by content.
"""

import json

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response as ApiResponse

from northern_connections.core.api.viewsets import ReadOnlyGateViewSet
from northern_connections.core.permissions import can

from .. import results, selectors
from ..filtersets import SurveyFilterSet
from ..models import Survey
from ..permissions import RESULTS
from ..selectors import Filters
from .serializers import ResultFilterSerializer, SurveySerializer

FILTER_PARAMETERS = [OpenApiParameter(name, str) for name in ("country", "organisation_kind", "region")]


def _result_dict(item) -> dict:
    result = item.result
    data = {"key": item.question.key, "kind": item.question.kind, "shown": result.shown, "answered": result.answered,
            "suppressed": result.suppressed}
    if result.suppressed:
        return data
    data["counts"] = [{"value": c.value, "label": item.labels.get(c.value, c.value), "count": c.count,
                       "percent": c.percent} for c in result.counts]
    if result.mean is not None:
        data.update(mean=result.mean, median=result.median, minimum=result.minimum, maximum=result.maximum)
    if result.rows:
        data["rows"] = {row: [{"value": c.value, "count": c.count, "percent": c.percent} for c in counts]
                        for row, counts in result.rows.items()}
    if result.mean_rank:
        data.update(mean_rank=result.mean_rank, points=result.points)
    if result.texts:
        data["texts"] = result.texts
    return data


class SurveyViewSet(ReadOnlyGateViewSet):
    """Surveys you may see (your organisations' and the public ones), with their questions."""

    model = Survey
    lookup_field = "slug"
    serializer_class = SurveySerializer
    filterset_class = SurveyFilterSet

    def base_queryset(self):
        return Survey.objects.select_related("owner").order_by("-created", "pk")

    def _owned(self) -> Survey:
        survey = self.get_object()
        if not can(self.request.user, RESULTS, survey):
            raise exceptions.PermissionDenied()
        return survey

    def _filters(self) -> Filters:
        query = ResultFilterSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return Filters(**{k: v for k, v in query.validated_data.items() if v})

    @extend_schema(parameters=FILTER_PARAMETERS, responses={200: dict})
    @action(detail=True, methods=["get"])
    def results(self, request, slug=None, version=None):
        """Counts, percentages and statistics per question (owners; groups below the threshold suppressed)."""
        survey = self._owned()
        items = results.question_results(survey=survey, filters=self._filters(), with_charts=False,
                                         with_texts=False)
        return ApiResponse({"survey": survey.slug, "anonymous": survey.anonymous,
                            "responses": len(selectors.answer_sets(survey=survey, filters=self._filters())),
                            "questions": [_result_dict(item) for item in items]})

    @extend_schema(parameters=FILTER_PARAMETERS, responses={200: dict})
    @action(detail=True, methods=["get"])
    def responses(self, request, slug=None, version=None):
        """The submitted answer sets (owners). Named surveys: who answered, for which organisation, when."""
        survey = self._owned()
        filters = self._filters()
        if survey.anonymous:
            sets = sorted(selectors.answer_sets(survey=survey, filters=filters),
                          key=lambda a: json.dumps(a, sort_keys=True, default=str))
            return ApiResponse({"anonymous": True, "results": [{"answers": answers} for answers in sets]})
        rows = selectors.responses_for_owner(actor=request.user, survey=survey, filters=filters)
        return ApiResponse({"anonymous": False, "results": [
            {"id": str(r.pk), "respondent": r.respondent_email or (r.respondent.email if r.respondent else ""),
             "organisation": r.organisation.slug if r.organisation else None, "country": r.country,
             "organisation_kind": r.organisation_kind, "region": r.region,
             "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None, "answers": r.answers}
            for r in rows]})
