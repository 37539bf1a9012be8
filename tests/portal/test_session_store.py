"""The session store's bounds and endings, and the words of numbers and times."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from trygnet_portal.i18n import Words
from trygnet_portal.sessions import Identity, SessionStore

ANNE = Identity("anne", "0101", ("coordinator",))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_flood_of_anonymous_visitors_never_pushes_out_a_signed_in_person() -> None:
    store = SessionStore(limit=3, idle_seconds=60)
    signed = store.sign_in(store.new("da"), "token", ANNE, None)
    visitors = [store.new("da") for _ in range(10)]
    assert store.get(signed.id) is signed
    assert [store.get(v.id) is not None for v in visitors] == [False] * 7 + [True] * 3
    assert len(store) == 4


def test_the_least_recently_used_signed_in_session_goes_first() -> None:
    store = SessionStore(limit=2, idle_seconds=60)
    one, two = (store.sign_in(store.new("da"), f"t{n}", ANNE, None) for n in (1, 2))
    assert store.get(one.id) is one  # used: now the most recent
    three = store.sign_in(store.new("da"), "t3", ANNE, None)
    assert store.get(two.id) is None
    assert store.get(one.id) is one and store.get(three.id) is three


def test_signing_in_ends_the_anonymous_session_and_keeps_its_language() -> None:
    store = SessionStore(limit=5, idle_seconds=60)
    before = store.new("en")
    after = store.sign_in(before, "token", ANNE, None)
    assert store.get(before.id) is None
    assert after.id != before.id and after.csrf != before.csrf and after.language == "en"


def test_a_session_unused_too_long_or_past_its_token_is_over() -> None:
    clock, wall = Clock(), Clock()
    store = SessionStore(limit=5, idle_seconds=60, clock=clock, wall_clock=wall)
    idle = store.sign_in(store.new("da"), "a", ANNE, None)
    expiring = store.sign_in(store.new("da"), "b", ANNE, expires_at=wall.now + 30)
    clock.now += 59
    assert store.get(idle.id) is idle and store.get(expiring.id) is expiring
    wall.now += 30
    assert store.get(expiring.id) is None
    clock.now += 61
    assert store.get(idle.id) is None


def test_times_are_shown_in_copenhagen_with_the_zone_named() -> None:
    danish = Words("da", ZoneInfo("Europe/Copenhagen"))
    english = Words("en", ZoneInfo("Europe/Copenhagen"))
    winter = datetime(2026, 1, 15, 13, 5, tzinfo=UTC)
    summer = datetime(2026, 7, 15, 13, 5, tzinfo=UTC)
    assert danish.time(winter) == "15. jan. 2026 14.05 CET"
    assert english.time(summer) == "Jul 15, 2026 3:05\u202fPM CEST"
    assert danish.number(1234.5, 1) == "1.234,5" and english.number(1234.5, 1) == "1,234.5"
    assert danish.percent(0.56) == "56\u00a0%"
