"""The test suite: fast hashing, in-memory mail, tasks run inline."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = "cache+memory://"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
DEMO_DATA_ALLOWED = True
# Tests never touch the network: reference files come from SHARED_DATA_DIR (or a patched opener).
REFERENCE_DOWNLOADS = False
# API rate limits stay out of the way of the suite; the throttling tests lower them for themselves.
REST_FRAMEWORK = {**REST_FRAMEWORK,  # noqa: F405
                  "DEFAULT_THROTTLE_RATES": dict.fromkeys(("anon", "user", "matching", "scheduling", "answering"),
                                                          "100000/min")}
