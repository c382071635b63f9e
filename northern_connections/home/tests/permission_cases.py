"""The front page is public (run by core/tests/test_permission_matrix.py)."""

from django.urls import reverse

from northern_connections.core.testing import PermissionCase, expect

CASES = [PermissionCase("home:index", "get", lambda w: reverse("home:index"), expect(200, 200, 200, 200))]
