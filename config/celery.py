"""Celery application: Redis broker in production, file-system broker in the embedded default."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("northern_connections")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
