from django.urls import path

from northern_connections.core.views_history import ObjectHistoryView

from . import views
from .models import SupportMeasure

app_name = "support"

urlpatterns = [
    path("", views.CoverageView.as_view(), name="coverage"),
    path("coverage/export/", views.CoverageExportView.as_view(), name="coverage_export"),
    path("coverage/map/", views.CoverageMapView.as_view(), name="coverage_map"),
    path("navigator/", views.NavigatorView.as_view(), name="navigator"),
    path("measures/", views.MeasureListView.as_view(), name="measure_list"),
    path("measures/add/", views.MeasureCreateView.as_view(), name="measure_add"),
    path("measures/import/", views.MeasureImportView.as_view(), name="measure_import"),
    path("measures/template.xlsx", views.MeasureTemplateView.as_view(), name="measure_template"),
    path("measures/export.xlsx", views.MeasureExportView.as_view(), name="measure_export"),
    path("measures/<slug:slug>/", views.MeasureDetailView.as_view(), name="measure_detail"),
    path("measures/<slug:slug>/edit/", views.MeasureEditView.as_view(), name="measure_edit"),
    path("measures/<slug:slug>/delete/", views.MeasureDeleteView.as_view(), name="measure_delete"),
    path("measures/<slug:slug>/status/", views.MeasureTransitionView.as_view(), name="measure_transition"),
    path("measures/<slug:slug>/verify/", views.MeasureVerifyView.as_view(), name="measure_verify"),
    path("measures/<slug:slug>/history/", ObjectHistoryView.as_view(model=SupportMeasure), name="measure_history"),
]
