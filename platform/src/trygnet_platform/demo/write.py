"""One municipality's world (``world.World``) written through the gateway: each write
waits only for what it names, everything else runs at once.

    strategy → focus areas → indicators ··· (areas defined) → measurements ─────────┐
    areas → actors (one CSV import) → escalation matrix, partnerships              │
      → incidents and their response, safety walks, fora and their meetings,       │
        partnership members, activities (with their focus areas) and partners ──→ safety index

Each stream's own writes go in order (an activity is created, joined, then started),
so no two writes race on one stream. Each chain of writes is begun in that order, the
longest first, and a chain begun earlier goes first at the gates (``gate.py``). The
first writes naming actors in the two services that keep a replica of them (the
escalation matrix in incidents, a partnership in activities) go first and alone, so
it is they that wait for the replica (``load.py``), not every write at once.

The safety-index results are written last, once everything else of the world has
been accepted: a municipality that has them is complete (``presence.py``).
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Coroutine, Iterable
from dataclasses import dataclass, field
from typing import Any

from trygnet_platform.demo import contribution, situation
from trygnet_platform.demo.gate import begin_chain
from trygnet_platform.demo.load import Loader, LoadFailed, given
from trygnet_platform.demo.world import (
    ActivityPlan,
    ActorPlan,
    ForumPlan,
    IncidentPlan,
    IndicatorPlan,
    PartnershipPlan,
    WalkPlan,
    World,
)
from trygnet_platform.demo.write_response import Response, write_escalation
from trygnet_platform.tokens import DemoActors

IMPORT = """
mutation($input: ImportActorsInput!) {
  importActors(input: $input) { written positions errors { line column reason } }
}"""
ACTORS = """
query($after: String) {
  actors(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id externalId } }
  }
}"""
CSV_COLUMNS = (
    "external_id",
    "name",
    "sector",
    "levels",
    "areas",
    "themes",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_legal_basis",
)


@dataclass
class WorldWriter:
    loader: Loader
    world: World
    area: dict[str, str] = field(default_factory=dict)
    actor: dict[str, str] = field(default_factory=dict)
    partnership: dict[str, str] = field(default_factory=dict)
    focus: asyncio.Future[dict[str, str]] = field(init=False)
    """Each focus area's id, once the strategy has them."""
    areas_defined: asyncio.Event = field(default_factory=asyncio.Event)

    async def write(self) -> DemoActors:
        """Writes the world; answers the ids of the actors its demo tokens work for."""
        world = self.world
        self.focus = asyncio.get_running_loop().create_future()
        async with asyncio.TaskGroup() as group:
            group.create_task(begin_chain(self.strategy()))  # the longest chain: first
            await self.define_areas()
            self.areas_defined.set()
            await self.import_actors()
            await _each(
                group,
                [self.escalation(), *(self.create_partnership(p) for p in world.partnerships)],
            )
            if world.situation is not None:  # after the matrix: the replica knows everyone
                group.create_task(begin_chain(situation.write_situation(self, world.situation)))
            for incident in world.incidents:
                group.create_task(begin_chain(self.incident(incident)))
            walks: dict[str, asyncio.Task[str]] = {}
            for walk in world.walks:
                earlier = walks.get(walk.follows) if walk.follows else None
                walks[walk.key] = group.create_task(begin_chain(self.walk(walk, earlier)))
            for forum in world.fora:
                group.create_task(begin_chain(self.forum(forum)))
            for partnership in world.partnerships:
                group.create_task(begin_chain(self.join_partnership(partnership)))
            for activity in world.activities:
                group.create_task(begin_chain(self.activity(activity)))
            for wave in world.surveys:
                group.create_task(begin_chain(contribution.write_survey(self, wave)))
            if world.hourly_rate is not None:
                group.create_task(contribution.write_rate(self, world.hourly_rate))
        await self.safety_index()
        return DemoActors(
            partner=self.actor.get(world.partner) if world.partner else None,
            police=self.actor.get(world.police) if world.police else None,
        )

    # -- areas and actors -------------------------------------------------------------

    async def define_areas(self) -> None:
        async def define(key: str, input: dict[str, Any]) -> None:
            made = await self.loader.mutate("defineArea", input, "area { id }")
            self.area[key] = made["area"]["id"]

        await asyncio.gather(
            *(
                define(a.key, given(name=a.name, kind=a.kind, population=a.population))
                for a in self.world.areas
            )
        )

    async def import_actors(self) -> None:
        """Every actor in one import (one transaction), matched by external id."""
        csv_text = {"csv": self._csv(), "dryRun": False}
        answer = await self.loader.send(IMPORT, "actors", input=csv_text)
        imported = (answer.get("data") or {}).get("importActors")
        if answer.get("errors") or not imported or not imported["written"]:
            problem = answer.get("errors") or (imported or {}).get("errors")
            raise LoadFailed(f"importActors: {problem}")
        for position in imported["positions"]:  # each actor's and contact person's stream
            self.loader.wrote(position)
        after: str | None = None
        while True:
            page = (await self.loader.read(ACTORS, after=after))["actors"]
            for edge in page["edges"]:
                node = edge["node"]
                self.actor[node["externalId"]] = node["id"]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        missing = [a.key for a in self.world.actors if a.key not in self.actor]
        if missing:
            raise LoadFailed(f"importActors: {len(missing)} actors not found after the import")

    def _csv(self) -> str:
        text = io.StringIO()
        rows = csv.writer(text, lineterminator="\n")
        rows.writerow(CSV_COLUMNS)
        for actor in self.world.actors:
            rows.writerow(self._row(actor))
        return text.getvalue()

    def _row(self, actor: ActorPlan) -> tuple[str, ...]:
        areas = self._areas(actor.areas if actor.areas is not None else self.area)
        contact = actor.contact
        return (
            actor.key,
            actor.name,
            actor.sector,
            "|".join(actor.levels),
            "|".join(areas),
            "|".join(actor.themes),
            *(
                (contact.name, contact.title, contact.email, contact.legal_basis.lower())
                if contact
                else ("", "", "", "")
            ),
        )

    def _areas(self, keys: Iterable[str] | None) -> list[str]:
        return [self.area[k] for k in (keys if keys is not None else list(self.area)[:1])]

    def _actors(self, keys: Iterable[str]) -> list[str]:
        return [self.actor[k] for k in keys]

    # -- partnerships, fora, activities -----------------------------------------------

    async def create_partnership(self, plan: PartnershipPlan) -> None:
        input = given(
            name=plan.name,
            mandate=plan.mandate,
            authorisedBy=plan.authorised_by,
            authorisedOn=plan.authorised_on,
            coordinatorActorId=self.actor[plan.coordinator],
            areas=self._areas(plan.areas if plan.areas is not None else self.area),
            hoursPerYear=plan.hours_per_year,
            budgetPerYear=plan.budget_per_year,
        )
        made = await self.loader.mutate("createPartnership", input, "partnership { id }")
        self.partnership[plan.key] = made["partnership"]["id"]

    async def join_partnership(self, plan: PartnershipPlan) -> None:
        for actor, role in plan.members:
            input = {"partnershipId": self.partnership[plan.key], "actorId": self.actor[actor]}
            await self.loader.mutate("joinPartnership", {**input, "role": role})

    async def forum(self, plan: ForumPlan) -> None:
        input = given(
            name=plan.name,
            level=plan.level,
            ownerActorId=self.actor[plan.owner],
            cadence=plan.cadence,
            partnershipId=self.partnership[plan.partnership] if plan.partnership else None,
            members=self._actors((plan.owner, *plan.members)),
        )
        forum = (await self.loader.mutate("createForum", input, "forum { id }"))["forum"]["id"]
        for meeting in plan.meetings:
            held = given(
                forumId=forum,
                heldOn=meeting.held_on,
                attendees=self._actors(meeting.attendees),
                agenda=meeting.agenda,
                decisions=meeting.decisions or None,
                followUps=[
                    {"description": f.description, "actorId": self.actor[f.actor], "due": f.due}
                    for f in meeting.follow_ups
                ],
            )
            met = await self.loader.mutate("recordMeeting", held, "meeting { followUps { id } }")
            for plan_of, made in zip(meeting.follow_ups, met["meeting"]["followUps"], strict=True):
                if plan_of.done:
                    done = {"forumId": forum, "followUpId": made["id"], "status": "DONE"}
                    await self.loader.mutate("changeFollowUpStatus", done)

    async def activity(self, plan: ActivityPlan, incident: str | None = None) -> str:
        focus = await self.focus if plan.focus_areas else {}
        input = given(
            title=plan.title,
            level=plan.level,
            ownerActorId=self.actor[plan.owner],
            themes=list(plan.themes),
            areas=self._areas(plan.areas),
            start=plan.start,
            targetAgeFrom=plan.ages[0] if plan.ages else None,
            targetAgeTo=plan.ages[1] if plan.ages else None,
            focusAreas=[focus[k] for k in plan.focus_areas],
            incidentId=incident,
            hours=plan.hours,
            budget=plan.budget,
        )
        made = await self.loader.mutate("createActivity", input, "activity { id }")
        activity: str = made["activity"]["id"]
        for partner in plan.partners:
            joining = {"activityId": activity, "actorId": self.actor[partner], "role": "PARTNER"}
            await self.loader.mutate("joinActivity", joining)
        if plan.status != "PLANNED":
            started = given(
                activityId=activity, status=plan.status, participantsReached=plan.participants
            )
            await self.loader.mutate("changeActivityStatus", started)
        return activity

    # -- incidents and their joint response (``write_response.py``) --------------------

    async def escalation(self) -> None:
        await write_escalation(self)

    async def incident(self, plan: IncidentPlan) -> None:
        await Response(self, plan).write()

    # -- safety walks -----------------------------------------------------------------

    async def walk(self, plan: WalkPlan, earlier: asyncio.Task[str] | None) -> str:
        walked = given(
            walkedOn=plan.walked_on,
            areaId=self.area[plan.area],
            route=plan.route,
            participants=self._actors(plan.participants),
            residents=plan.residents,
            followsWalkId=await earlier if earlier else None,
        )
        mutate = self.loader.mutate
        walk: str = (await mutate("recordSafetyWalk", walked, "safetyWalk { id }"))["safetyWalk"][
            "id"
        ]
        for finding in plan.findings:
            found = {
                "walkId": walk,
                "kind": finding.kind,
                "place": finding.place,
                "description": finding.description,
            }
            finding_id = (await mutate("recordFinding", found, "finding { id }"))["finding"]["id"]
            action = finding.action
            if action is None:
                continue
            assigned = {
                "walkId": walk,
                "findingId": finding_id,
                "ownerActorId": self.actor[action.owner],
                "deadline": action.deadline,
            }
            made = await mutate("assignFindingAction", assigned, "action { id }")
            if action.status != "OPEN":
                status = {"walkId": walk, "actionId": made["action"]["id"]}
                await mutate(
                    "updateFindingAction",
                    given(**status, status=action.status, reason=action.reason),
                )
        return walk

    # -- the strategy and the safety index ----------------------------------------------

    async def strategy(self) -> None:
        """Adopted with its focus areas and indicators (none of it names an actor or an
        area), then the indicators' measurements, once the areas are defined."""
        plan = self.world.strategy
        mutate = self.loader.mutate
        await mutate("adoptStrategy", {"title": plan.title})
        focus: dict[str, str] = {}
        indicators: list[tuple[IndicatorPlan, str]] = []
        for area in plan.focus_areas:
            added = await mutate("addFocusArea", {"title": area.title}, "focusArea { id }")
            focus[area.key] = added["focusArea"]["id"]
            for indicator in area.indicators:
                indicated = given(
                    focusAreaId=focus[area.key],
                    name=indicator.name,
                    unit=indicator.unit,
                    direction=indicator.direction,
                    target=indicator.target,
                )
                made = await mutate("addIndicator", indicated, "indicator { id }")
                indicators.append((indicator, made["indicator"]["id"]))
        self.focus.set_result(focus)
        await self.areas_defined.wait()
        for indicator, indicator_id in indicators:
            for measured in indicator.measurements:
                measurement = given(
                    indicatorId=indicator_id,
                    value=measured.value,
                    period=measured.period,
                    source=measured.source,
                    areaId=self.area[measured.area] if measured.area else None,
                    sampleSize=measured.sample_size,
                )
                await mutate("recordMeasurement", measurement)

    async def safety_index(self) -> None:
        results = [
            {
                "areaId": self.area[r.area],
                "period": r.period,
                "feelingSafe": r.feeling_safe,
                "feelingUnsafe": r.feeling_unsafe,
                "respondents": r.respondents,
                "invited": r.invited,
            }
            for r in self.world.safety_index
        ]
        await self.loader.mutate("recordSafetyIndexResults", {"results": results})


async def _each(group: asyncio.TaskGroup, writes: list[Coroutine[Any, Any, None]]) -> None:
    """Run ``writes`` at once in ``group`` and wait for all of them."""
    for task in [group.create_task(begin_chain(write)) for write in writes]:
        await task
