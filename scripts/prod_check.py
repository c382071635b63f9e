"""The checks of `make prod-check` (scripts/prod_check.sh starts the servers; issue 19).

Plain HTTP on loopback, with `X-Forwarded-Proto: https` as the TLS-terminating proxy would send
it. Prints one line per check and exits non-zero if any failed.
"""

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

HTTPS = {"X-Forwarded-Proto": "https"}
# Besides every link of the page header (the main navigation: each app's entry page, read from the page).
PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/partnering/", "/account/privacy/"]
failures: list[str] = []


def check(name: str, ok: bool, detail: str = "") -> bool:
    print(f"{'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}")
    if not ok:
        failures.append(name)
    return ok


class Client:
    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port

    def request(self, method: str, path: str, headers=None, body: str | None = None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        connection.request(method, path, body=body, headers={"Host": f"{self.host}:{self.port}", **(headers or {})})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response, data


def manage_shell(code: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code],
                            capture_output=True, text=True, timeout=180)
    if result.returncode:
        raise RuntimeError(result.stderr[-2000:])
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def unmigrated(client: Client) -> None:
    response, body = client.request("GET", "/healthz")
    check("/healthz 200 before migrate", response.status == 200, str(response.status))
    response, body = client.request("GET", "/readyz")
    problems = json.loads(body).get("problems", []) if response.status == 503 else []
    check("/readyz 503 while migrations are pending", any(p.startswith("migrations") for p in problems),
          f"{response.status} {body[:200]!r}")


def probes(client: Client) -> None:
    for _ in range(60):
        response, body = client.request("GET", "/readyz")
        if response.status == 200:
            break
        time.sleep(1)
    check("/readyz 200 (database, Redis, migrations)", response.status == 200, body[:300].decode())
    response, _ = client.request("GET", "/healthz", {"Host": "10.0.0.5"})
    check("/healthz answers a probe by address (no ALLOWED_HOSTS refusal)", response.status == 200,
          str(response.status))


def security_headers(client: Client) -> str:
    request_id = uuid.uuid4().hex
    response, body = client.request("GET", "/", {**HTTPS, "X-Request-ID": request_id})
    check("home page 200 over the proxy's HTTPS", response.status == 200, str(response.status))
    hsts = response.getheader("Strict-Transport-Security", "")
    check("HSTS a year, subdomains, preload", hsts == "max-age=31536000; includeSubDomains; preload", hsts)
    csp = response.getheader("Content-Security-Policy", "")
    scripts = re.search(r"script-src ([^;]*)", csp)
    check("CSP: scripts only from 'self', no 'unsafe-inline'",
          bool(scripts) and scripts.group(1).strip() == "'self'" and "unsafe-eval" not in csp, csp)
    check("CSP: no frames, no plugins", "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, csp)
    for header, value in (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                          ("Referrer-Policy", "same-origin"), ("Cross-Origin-Opener-Policy", "same-origin"),
                          ("X-Request-ID", request_id)):
        check(f"{header}: {value}", response.getheader(header) == value, str(response.getheader(header)))
    response, docs_body = client.request("GET", "/api/docs/", HTTPS)
    docs = response.getheader("Content-Security-Policy", "")
    check("API docs: no inline script, Swagger UI's CDN allowed for that page only",
          response.status == 200 and "script-src 'self' https://cdn.jsdelivr.net" in docs
          and b"<script>" not in docs_body, docs)
    response, _ = client.request("GET", "/challenges/")
    location = response.getheader("Location", "")
    check("plain HTTP is redirected to HTTPS", response.status == 301 and location.startswith("https://"),
          f"{response.status} {location}")
    return body.decode()


def cookies(response) -> dict[str, str]:
    return {c.split("=", 1)[0]: c for c in response.headers.get_all("Set-Cookie") or []}


def login_and_csrf(client: Client) -> tuple[int, str, str]:
    email, password = "prodcheck@example.org", uuid.uuid4().hex
    user_id = int(manage_shell(
        "from allauth.account.models import EmailAddress; from northern_connections.accounts.models import User;"
        f"u = User.objects.create_user(email={email!r}, password={password!r});"
        f"EmailAddress.objects.create(user=u, email={email!r}, verified=True, primary=True); print(u.pk)"))
    response, body = client.request("GET", "/accounts/login/", HTTPS)
    csrf = cookies(response).get("csrftoken", "")
    check("CSRF cookie Secure, SameSite=Lax", "Secure" in csrf and "SameSite=Lax" in csrf, csrf)
    token = csrf.split("=", 1)[1].split(";", 1)[0] if csrf else ""
    origin = {"Origin": f"https://{client.host}:{client.port}", "Referer": f"https://{client.host}:{client.port}/"}
    form = {**HTTPS, **origin, "Content-Type": "application/x-www-form-urlencoded"}
    response, _ = client.request("POST", "/accounts/login/", form, f"login={email}&password={password}")
    check("a POST without the CSRF token is refused (403)", response.status == 403, str(response.status))
    response, _ = client.request("POST", "/accounts/login/", {**form, "Cookie": f"csrftoken={token}"},
                                 f"csrfmiddlewaretoken={token}&login={email}&password={password}")
    session = cookies(response).get("sessionid", "")
    check("login: 302 and a session cookie Secure, HttpOnly, SameSite=Lax",
          response.status == 302 and all(f in session for f in ("Secure", "HttpOnly", "SameSite=Lax")),
          f"{response.status} {session}")
    sessionid = session.split("=", 1)[1].split(";", 1)[0] if session else ""
    response, _ = client.request("GET", "/account/profile/", {**HTTPS, "Cookie": f"sessionid={sessionid}",
                                                              "X-Request-ID": f"profile-{user_id}"})
    check("the signed-in profile page", response.status == 200, str(response.status))
    return user_id, email, password


def static_files(client: Client, html: str) -> None:
    match = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    if not check("static files under hashed names (manifest)", bool(match), "no /static/css/site.<hash>.css"):
        return
    response, _ = client.request("GET", match.group(1), {**HTTPS, "Accept-Encoding": "gzip, br"})
    encoding, cache = response.getheader("Content-Encoding", ""), response.getheader("Cache-Control", "")
    check("static: compressed (WhiteNoise)", encoding in ("gzip", "br"), encoding or "identity")
    check("static: cached for good (immutable)", "immutable" in cache and "max-age=315360000" in cache, cache)


def metric_sum(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def metrics(client: Client) -> None:
    for _ in range(24):
        client.request("GET", "/health/", HTTPS)
    response, body = client.request("GET", "/metrics")
    text = body.decode()
    check("/metrics 200 from loopback", response.status == 200, str(response.status))
    count = metric_sum(text, "nc_http_responses_total", view="core:health", status="200")
    check("responses counted across all gunicorn workers", count == 24, f"{count} of 24")
    check("latency histogram per view name", metric_sum(text, "nc_http_request_duration_seconds_count",
                                                        view="home:index") >= 1, "no home:index series")
    check("Celery queue length reported", 'nc_celery_queue_length{queue="celery"}' in text and
          "nc_celery_broker_up 1.0" in text, "no queue gauge or broker down")
    response, _ = client.request("GET", "/metrics", {"X-Forwarded-For": "192.0.2.7"})
    check("/metrics refused through a proxy (403)", response.status == 403, str(response.status))


def tasks(beat_log: Path) -> None:
    result = manage_shell("from northern_connections.challenges.tasks import close_due_challenges as t;"
                          "r = t.delay(); r.get(timeout=90); print(r.status)")
    check("a task through Redis to the worker and back", result == "SUCCESS", result)
    for _ in range(30):
        if "beat: Starting" in beat_log.read_text():
            break
        time.sleep(1)
    check("beat started", "beat: Starting" in beat_log.read_text(), beat_log.read_text()[-300:])


def json_logs(web_log: Path, user_id: int) -> None:
    lines = [json.loads(line) for line in web_log.read_text().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("logger") == "nc.request"]
    fields = {"method", "path", "status", "duration_ms", "user_id", "request_id", "view", "time", "level"}
    check("JSON request lines with every field", bool(requests) and all(fields <= set(r) for r in requests),
          f"{len(requests)} lines")
    profile = [r for r in requests if r["request_id"] == f"profile-{user_id}"]
    check("the request line names the user and the request id",
          len(profile) == 1 and profile[0]["user_id"] == user_id and profile[0]["path"] == "/account/profile/",
          str(profile))
    plain = [line for line in web_log.read_text().splitlines() if line.strip() and not line.startswith("{")
             and "[INFO]" not in line]
    check("no error output besides gunicorn's own start-up lines", not any("Traceback" in p for p in plain),
          "\n".join(plain[-10:]))


def _visit(context, base: str, path: str, label: str) -> None:
    page = context.new_page()
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.on("pageerror", lambda error: violations.append(f"script error: {error}"))
    response = page.goto(base + path)
    page.wait_for_load_state("load")
    check(f"{label} {path}: 200, no CSP violation, no script error",
          response.status == 200 and not violations, f"{response.status} {violations[:2]}")
    page.close()


def _header_links(context, base: str) -> list[str]:
    page = context.new_page()
    page.goto(base + "/")
    links = page.eval_on_selector_all("header a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
    page.close()
    # The API docs load Swagger UI from its CDN, which this machine cannot reach (their CSP is checked above).
    return [link for link in dict.fromkeys(links) if "logout" not in link and not link.startswith("/api/docs/")]


def pages_in_a_browser(client: Client, email: str, password: str) -> None:
    """Every page of the main navigation, anonymous and signed in, under the production policy."""
    chromium = Path(os.environ.get("NC_CHROMIUM", "/usr/bin/chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("skip pages in Chromium: playwright missing")
        return
    if not chromium.exists():
        print(f"skip pages in Chromium: {chromium} missing")
        return
    base = f"http://{client.host}:{client.port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium))
        anonymous = browser.new_context(extra_http_headers=HTTPS)
        for path in dict.fromkeys(PAGES[:3] + _header_links(anonymous, base)):
            _visit(anonymous, base, path, "anonymous")
        signed_in = browser.new_context(extra_http_headers=HTTPS)
        page = signed_in.new_page()
        page.goto(base + "/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        page.click("main button[type=submit]")
        page.wait_for_load_state("load")
        page.close()
        for path in dict.fromkeys(PAGES[3:] + _header_links(signed_in, base)):
            _visit(signed_in, base, path, "signed in")
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--phase", choices=["unmigrated", "ready"], required=True)
    parser.add_argument("--web-log", type=Path)
    parser.add_argument("--beat-log", type=Path)
    args = parser.parse_args()
    client = Client(args.base)
    if args.phase == "unmigrated":
        unmigrated(client)
    else:
        probes(client)
        html = security_headers(client)
        user_id, email, password = login_and_csrf(client)
        static_files(client, html)
        metrics(client)
        tasks(args.beat_log)
        pages_in_a_browser(client, email, password)
        json_logs(args.web_log, user_id)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
