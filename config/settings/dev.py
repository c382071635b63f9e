"""Local development and `make run`: the embedded SQLite database and a readable mail log."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = os.environ.get("DEBUG", "1") != "0"
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
# Mails go to var/mail so that the verification link of a demo sign-up can be opened.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
# The demo world (demo logins, demo administrator) may be loaded here (issue 9).
DEMO_DATA_ALLOWED = env_bool("NC_DEMO_DATA_ALLOWED", True)
