"""Signing in and out of the portal over HTTP: the session is the server's and the
browser holds only its id; the access token never reaches a page; every form needs
the session's CSRF token; sign-in sends nobody to another site; every answer carries
the security headers; form bodies are bounded; the pool to the gateway keeps no
cookies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from tests.gateway.conftest import token
from tests.portal.conftest import Portal, PortalFactory, csrf_of
from tests.support.serve import serving
from trygnet_portal.app import create_app
from trygnet_portal.security import safe_next
from trygnet_portal.sessions import COOKIE
from trygnet_portal.settings import Settings

PAGES = ("/", "/network", "/gaps", "/accessibility", "/sign-in", "/no-such-page")


async def test_signing_in_gives_a_new_http_only_session_and_the_token_stays_on_the_server(
    portal: Portal,
) -> None:
    async with portal.client() as browser:
        first = await browser.get("/")
        anonymous = browser.cookies[COOKIE]
        cookie = first.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
        signed = await browser.get(
            "/dev/sign-in", params={"tenant": portal.tenants[0], "role": "coordinator"}
        )
        assert signed.status_code == 303 and signed.headers["location"] == "/"
        assert browser.cookies[COOKIE] != anonymous, "a new session id at sign-in"
        secret = portal.tokens[portal.tenants[0]]["coordinator"]
        for path in PAGES:
            page = await browser.get(path)
            assert secret not in page.text and secret not in str(page.headers), path
            assert secret.split(".")[1] not in page.text, path
        overview = await browser.get("/")
        assert "Koordinator" in overview.text or "Coordinator" in overview.text
        assert portal.tenants[0] in overview.text


async def test_the_cookie_is_secure_when_the_portal_is_served_over_tls(portal: Portal) -> None:
    async with portal.client() as browser:
        page = await browser.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in page.headers["set-cookie"]


async def test_an_unknown_or_forged_session_id_is_no_session(portal: Portal) -> None:
    async with portal.client() as browser:
        browser.cookies.set(COOKIE, "forged-session-id")
        page = await browser.get("/network")
    assert page.status_code == 303 and page.headers["location"] == "/sign-in?next=/network"


async def test_sign_out_needs_the_sessions_csrf_token(portal: Portal) -> None:
    async with portal.signed_in(portal.tenants[0]) as browser:
        page = await browser.get("/")
        refused = await browser.post("/sign-out", data={"csrf": "not-the-token"})
        assert refused.status_code == 403
        assert (await browser.get("/network")).status_code == 200, "still signed in"
        missing = await browser.post("/sign-out", data={})
        assert missing.status_code == 403
        done = await browser.post("/sign-out", data={"csrf": csrf_of(page.text)})
        assert done.status_code == 303
        assert (await browser.get("/network")).status_code == 303, "signed out"


async def test_another_sessions_csrf_token_is_refused(portal: Portal) -> None:
    async with (
        portal.signed_in(portal.tenants[0]) as one,
        portal.signed_in(portal.tenants[1]) as other,
    ):
        theirs = csrf_of((await other.get("/")).text)
        refused = await one.post("/language", data={"csrf": theirs, "language": "en"})
        assert refused.status_code == 403
        assert (await one.get("/")).headers["content-language"] == "da"


async def test_the_language_is_chosen_per_person_and_set_on_every_page(portal: Portal) -> None:
    async with portal.signed_in(portal.tenants[0]) as browser:
        page = await browser.get("/", headers={"Accept-Language": "da"})
        assert '<html lang="da">' in page.text and "Områdeoverblik" in page.text
        chosen = await browser.post(
            "/language", data={"csrf": csrf_of(page.text), "language": "en", "next": "/gaps"}
        )
        assert chosen.status_code == 303 and chosen.headers["location"] == "/gaps"
        for path in ("/", "/gaps", "/accessibility"):
            english = await browser.get(path, headers={"Accept-Language": "da"})
            assert '<html lang="en">' in english.text, path
    async with portal.client() as someone_else:
        assert '<html lang="da">' in (await someone_else.get("/")).text


def test_only_paths_of_the_portal_are_followed_after_sign_in() -> None:
    assert safe_next("/network?area=a1") == "/network?area=a1"
    assert safe_next("/actors/abc-1") == "/actors/abc-1"
    for elsewhere in (
        "//evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "",
        None,
        "network",
    ):
        assert safe_next(elsewhere) == "/", elsewhere


async def test_sign_in_goes_on_to_next_only_on_this_site(portal: Portal) -> None:
    for next_path, expected in (
        ("/network", "/network"),
        ("//evil.example/x", "/"),
        ("https://evil.example", "/"),
    ):
        async with portal.client() as browser:
            answer = await browser.get(
                "/dev/sign-in",
                params={"tenant": portal.tenants[0], "role": "police", "next": next_path},
            )
        assert answer.status_code == 303 and answer.headers["location"] == expected, next_path


async def test_every_answer_carries_the_security_headers(portal: Portal) -> None:
    async with portal.signed_in(portal.tenants[0]) as browser:
        for path in (*PAGES, "/static/css/portal.css", "/dev/sign-in?role=nobody"):
            answer = await browser.get(path)
            policy = answer.headers["content-security-policy"]
            assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
            assert "frame-ancestors 'none'" in policy, path
            assert answer.headers["x-content-type-options"] == "nosniff", path
            assert answer.headers["referrer-policy"] == "same-origin", path
            stored = answer.headers.get("cache-control")
            if path.startswith("/static/"):
                assert stored != "no-store"
            else:
                assert stored == "no-store", path


async def test_no_page_has_an_inline_script(portal: Portal) -> None:
    async with portal.signed_in(portal.tenants[0]) as browser:
        for path in PAGES:
            html = (await browser.get(path)).text
            for tag in html.split("<script")[1:]:
                opening = tag.split(">", 1)[0]
                assert "src=" in opening or 'type="application/json"' in opening, path
            assert " on" not in html.replace(" one", "").split("<body", 1)[1].split(">")[0]


async def test_a_form_body_over_the_limit_is_refused_before_it_is_read(
    portal_for: PortalFactory,
) -> None:
    async with portal_for(max_form_bytes=1024) as portal, portal.client() as browser:
        page = await browser.get("/")
        csrf = csrf_of(page.text)
        big = await browser.post("/language", data={"csrf": csrf, "language": "x" * 5000})
        assert big.status_code == 413

        async def chunks():  # no Content-Length: counted while it streams
            for _ in range(10):
                yield b"a" * 500

        streamed = await browser.post(
            "/language",
            content=chunks(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert streamed.status_code == 413
        small = await browser.post("/language", data={"csrf": csrf, "language": "en"})
        assert small.status_code == 303


async def test_the_development_sign_in_does_not_exist_in_production(
    portal_for: PortalFactory,
) -> None:
    async with portal_for(dev_mode=False) as portal, portal.client() as browser:
        tenant = portal.tenants[0]
        answer = await browser.get("/dev/sign-in", params={"tenant": tenant, "role": "police"})
        assert answer.status_code == 404
        assert (await browser.get("/network")).status_code == 303, "not signed in"
        assert (await browser.get("/")).headers["location"] == "/sign-in"


async def test_an_identity_that_is_not_in_the_tokens_file_is_not_found(portal: Portal) -> None:
    async with portal.client() as browser:
        for params in ({"tenant": "9999", "role": "coordinator"}, {"tenant": portal.tenants[0]}):
            answer = await browser.get("/dev/sign-in", params=params)
            assert answer.status_code in (404, 400), params
        assert (await browser.get("/network")).status_code == 303


async def test_no_one_signs_in_as_an_integration_client(
    portal_for: PortalFactory, tmp_path: Path
) -> None:
    """The tokens file holds each municipality's integration client: a machine, which
    the sign-in page never lists and the demo sign-in never takes."""
    tokens = tmp_path / "with-integration.json"
    tokens.write_text(
        json.dumps(
            {"0101": {"coordinator": token("0101"), "integration": token("0101", "integration")}}
        )
    )
    async with portal_for(dev_tokens=tokens) as portal, portal.client() as browser:
        listed = (await browser.get("/sign-in")).text
        assert "role=coordinator" in listed and "role=integration" not in listed
        answer = await browser.get("/dev/sign-in", params={"tenant": "0101", "role": "integration"})
        assert answer.status_code == 404
        assert (await browser.get("/network")).status_code == 303, "not signed in"


async def test_the_signed_out_overview_lists_the_demo_identities(portal: Portal) -> None:
    async with portal.client() as browser:
        page = await browser.get("/")
    assert page.status_code == 200
    for tenant in portal.tenants:
        assert f"/dev/sign-in?tenant={tenant}&amp;role=coordinator" in page.text
    assert "/dev/sign-in?role=national" in page.text


async def test_htmx_is_sent_to_sign_in_as_a_whole_page(portal: Portal) -> None:
    async with portal.client() as browser:
        answer = await browser.get("/network", headers={"HX-Request": "true"})
    assert answer.status_code == 204
    assert answer.headers["hx-redirect"] == "/sign-in?next=/network"


async def test_the_portal_calls_the_gateway_with_the_persons_token_only(portal: Portal) -> None:
    """What the gateway sees: the bearer token of the person whose page it is."""
    seen: list[str | None] = []
    pool: httpx.AsyncClient = portal.app.state.portal.http  # type: ignore[attr-defined]
    pool.event_hooks["request"].append(
        lambda request: _record(seen, request.headers.get("authorization"))
    )
    async with (
        portal.signed_in(portal.tenants[0]) as coordinator,
        portal.signed_in(portal.tenants[1], "police") as police,
    ):
        seen.clear()
        await coordinator.get("/")
        await police.get("/gaps")
    tokens = portal.tokens
    assert set(seen[:2]) == {f"Bearer {tokens[portal.tenants[0]]['coordinator']}"}
    assert set(seen[2:]) == {f"Bearer {tokens[portal.tenants[1]]['police']}"}


async def _record(seen: list[str | None], value: str | None) -> None:
    seen.append(value)


async def test_a_cookie_an_answer_sets_never_goes_with_another_persons_request() -> None:
    """The pool to the gateway is everyone's: were it to keep a cookie that something
    in front of the gateway sets, every later person's request would carry it."""
    sent: list[str | None] = []

    async def stub(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = dict(scope["headers"])
        sent.append(headers.get(b"cookie", b"").decode() or None)
        cookie = (b"set-cookie", b"affinity=alice; Path=/")
        await send({"type": "http.response.start", "status": 200, "headers": [cookie]})
        await send({"type": "http.response.body", "body": b"{}"})

    app = create_app(Settings(graphql_url="http://127.0.0.1:1/graphql"))
    pool: httpx.AsyncClient = app.state.portal.http
    async with serving(stub) as url:
        for _ in range(2):
            await pool.post(f"{url}/graphql", json={})
    await pool.aclose()
    assert sent == [None, None]
