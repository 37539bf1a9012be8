"""Practices shared between municipalities and the national support offers, given / when / then."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from trygnet_activities.domain import practice, support_offer
from trygnet_activities.domain.activity import Activity
from trygnet_activities.domain.events import catalogue
from trygnet_activities.domain.exchange_commands import (
    PublishSupportOffer,
    SharePractice,
    WithdrawPractice,
)
from trygnet_activities.domain.exchange_events import (
    PracticeShared,
    PracticeWithdrawn,
    SupportOfferPublished,
)
from trygnet_activities.domain.model import Level, PartnerRole, Theme
from trygnet_activities.domain.practice import IndicatorResult, Organisation, Sources
from trygnet_core.errors import BadUserInput, Conflict, Forbidden, NotFound
from trygnet_core.events import DomainEvent

ACTIVITY = Activity(
    activity_id="activity-jobs",
    title="After-school jobs",
    level=Level.FRONTLINE,
    owner_actor_id="actor-ssp",
    description="Young people get a first job with a local employer.",
    themes=(Theme.YOUTH, Theme.EMPLOYMENT),
    target_age_from=13,
    target_age_to=17,
    target_group="young people without a leisure job",
    areas=("area-tingbjerg",),
    start="2026-09-01",
    end="2027-06-30",
    hours=1200,
    budget=450_000,
    focus_areas=("focus-education",),
    incident_id="incident-7",
    partners={"actor-housing": PartnerRole.PARTNER, "actor-club": PartnerRole.PARTNER},
)
ORGANISATIONS = {
    "actor-ssp": Organisation("SSP Aalborg", "ssp"),
    "actor-housing": Organisation("Himmerland Boligforening", "housing_association"),
    "actor-club": Organisation("Aalborg Freja", "civil_society"),
}
INDICATORS = (
    IndicatorResult(
        "focus-education", "Young people in education", "%", "increase", 90.0, 84.0, "2026"
    ),
    IndicatorResult(
        "focus-nightlife", "Reported violence at night", "count", "decrease", None, 12.0
    ),
)
SOURCES = Sources(ACTIVITY, ORGANISATIONS, INDICATORS)
SHARE = SharePractice("activity-jobs")


def when(
    command: practice.PracticeCommand, *given: DomainEvent, sources: Sources = SOURCES
) -> list[DomainEvent]:
    return practice.decide(command, practice.fold(given), sources=sources)


def shared(**chosen: object) -> PracticeShared:
    [event] = when(dataclasses.replace(SHARE, **chosen))  # type: ignore[arg-type]
    assert isinstance(event, PracticeShared)
    return event


def test_given_an_activity_when_shared_then_the_practice_holds_its_shared_fields_only() -> None:
    event = shared()
    assert event.practice_id == "practice-activity-jobs"
    assert event.title == "After-school jobs"
    assert event.description == ACTIVITY.description
    assert event.themes == (Theme.EMPLOYMENT, Theme.YOUTH)
    assert (event.target_age_from, event.target_age_to) == (13, 17)
    assert event.target_group == ACTIVITY.target_group
    assert (event.hours, event.budget) == (1200, 450_000)
    shown = {f.name for f in dataclasses.fields(event)} - {"practice_id", "activity_id"}
    assert shown == set(practice.SHARED_FIELDS)
    # nothing else of the activity: no areas, dates, focus areas, status, incident, actor ids
    text = repr(event.to_data())
    for kept_home in ("area-tingbjerg", "2026-09-01", "focus-education", "incident-7", "actor-"):
        assert kept_home not in text


def test_given_partners_when_shared_then_their_sectors_go_and_their_names_do_not() -> None:
    event = shared()
    assert event.partner_sectors == ("civil_society", "housing_association", "ssp")
    assert event.partners == ()


def test_given_partners_when_shared_naming_them_then_names_and_sectors_go() -> None:
    event = shared(name_partners=True)
    assert [p["name"] for p in event.partners] == [
        "Aalborg Freja",
        "Himmerland Boligforening",
        "SSP Aalborg",
    ]


def test_given_focus_areas_when_shared_then_the_results_are_their_indicators_with_values() -> None:
    assert shared().results == (
        {
            "indicator": "Young people in education",
            "unit": "%",
            "direction": "increase",
            "target": 90.0,
            "value": 84.0,
            "period": "2026",
        },
    )


def test_given_no_contact_chosen_when_shared_then_no_contact_goes() -> None:
    assert shared().contact is None


def test_given_a_partner_chosen_as_contact_when_shared_then_the_organisation_goes() -> None:
    assert shared(contact_actor_id="actor-club").contact == {
        "name": "Aalborg Freja",
        "sector": "civil_society",
    }


def test_given_an_actor_outside_the_activity_as_contact_when_shared_then_refused() -> None:
    with pytest.raises(BadUserInput) as refused:
        when(SharePractice("activity-jobs", contact_actor_id="actor-elsewhere"))
    assert refused.value.field == "contactActorId"


def test_given_no_such_activity_when_shared_then_not_found() -> None:
    with pytest.raises(NotFound) as refused:
        when(SHARE, sources=Sources())
    assert refused.value.field == "activityId"


def test_given_a_shared_practice_when_shared_unchanged_then_nothing_happens() -> None:
    assert when(SHARE, shared()) == []


def test_given_a_shared_practice_when_the_activity_changed_and_shared_again_then_refreshed() -> (
    None
):
    changed = Sources(dataclasses.replace(ACTIVITY, hours=1500), ORGANISATIONS, INDICATORS)
    [event] = when(SHARE, shared(), sources=changed)
    assert isinstance(event, PracticeShared) and event.hours == 1500


def test_given_a_shared_practice_when_withdrawn_then_withdrawn_and_may_be_shared_again() -> None:
    withdrawn = when(WithdrawPractice("activity-jobs"), shared())
    assert withdrawn == [PracticeWithdrawn("practice-activity-jobs", "activity-jobs")]
    assert practice.fold([shared(), *withdrawn]).shared is None  # type: ignore[union-attr]
    assert when(SHARE, shared(), *withdrawn) == [shared()]


@pytest.mark.parametrize("history", [(), "withdrawn"])
def test_given_no_shared_practice_when_withdrawn_then_not_found(history: object) -> None:
    given = (shared(), PracticeWithdrawn("practice-activity-jobs", "activity-jobs"))
    with pytest.raises(NotFound) as refused:
        when(WithdrawPractice("activity-jobs"), *(given if history else ()))
    assert refused.value.field == "activityId"


@pytest.mark.parametrize("roles", [{"partner"}, {"police"}, {"national"}, {"integration"}, set()])
def test_only_a_coordinator_shares(roles: set[str]) -> None:
    with pytest.raises(Forbidden):
        practice.may_share(roles)
    practice.may_share({"coordinator", *roles})


def test_no_personal_data_enters_a_practice_or_an_offer() -> None:
    for event in (PracticeShared, PracticeWithdrawn, SupportOfferPublished):
        assert event in list(catalogue)
        assert event.personal_fields() == ()


OFFER = PublishSupportOffer(
    offer_id="offer-1",
    title="Pulje til tryghedsskabende indsatser",
    provider="Social- og Boligstyrelsen",
    themes=("youth", "housing_environment"),
    area_kinds=("housing_area",),
    eligibility="Municipalities with a vulnerable housing area",
    deadline=date(2027, 3, 1),
    link="https://example.org/pulje",
)


def test_given_nothing_when_an_offer_is_published_then_published() -> None:
    [event] = support_offer.decide(OFFER, None)
    assert isinstance(event, SupportOfferPublished)
    assert event.deadline == "2027-03-01" and event.area_kinds == ("housing_area",)


def test_given_an_offer_when_published_again_with_its_id_then_conflict() -> None:
    with pytest.raises(Conflict):
        support_offer.decide(OFFER, support_offer.fold(support_offer.decide(OFFER, None)))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": " "}, "title"),
        ({"provider": ""}, "provider"),
        ({"themes": ("safety",)}, "themes"),
        ({"area_kinds": ("island",)}, "areaKinds"),
        ({"link": "ftp://example.org"}, "link"),
        ({"deadline": "next spring"}, "deadline"),
    ],
)
def test_given_bad_input_when_an_offer_is_published_then_the_field_is_named(
    change: dict[str, object], field: str
) -> None:
    with pytest.raises(BadUserInput) as refused:
        support_offer.decide(dataclasses.replace(OFFER, **change), None)  # type: ignore[arg-type]
    assert refused.value.field == field


@pytest.mark.parametrize("roles", [{"coordinator"}, {"partner"}, {"integration"}, set()])
def test_only_a_national_body_publishes(roles: set[str]) -> None:
    with pytest.raises(Forbidden):
        support_offer.may_publish(roles)
    support_offer.may_publish({"national"})


EXCHANGE_EVENTS = [
    practice.snapshot(SharePractice("activity-jobs", True, "actor-club"), SOURCES),
    PracticeWithdrawn("practice-activity-jobs", "activity-jobs"),
    *support_offer.decide(OFFER, None),
]
"""A round-trip example of each event of the exchange (``test_domain_events``)."""
