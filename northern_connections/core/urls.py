from django.urls import path

from . import views_pages

app_name = "core"

urlpatterns = [
    path("health/", views_pages.health, name="health"),
    path("jobs/<int:pk>/", views_pages.job_progress, name="job_progress"),
]
