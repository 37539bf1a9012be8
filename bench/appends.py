"""Measure one append line: every contender warmed up, sized, then timed in turns.

Each contender first runs two short warm-ups (connections opened, statements
prepared, caches filled); the second sets how many commands per writer make a
round of about ``round_seconds``, so fast and slow contenders are timed over
similar spans. Then the contenders take turns, in a rotating order, for
``rounds`` rounds of that fixed number of commands; a line reports each
contender's best round (all rounds are kept in ``results.json``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.contenders import BUILDERS, Runner
from bench.databases import Site
from bench.workload import COMMANDS_PER_STREAM, Contender, Shape, Timing

WARM_UP_COMMANDS = COMMANDS_PER_STREAM


@dataclass(frozen=True, slots=True)
class Plan:
    round_seconds: float
    rounds: int


@dataclass(slots=True)
class AppendLine:
    shape: Shape
    contenders: dict[str, Contender]

    def rate(self, name: str) -> float:
        return self.contenders[name].best.events_per_second

    def ratio(self, name: str) -> float:
        """``name``'s events per second over the peer's."""
        return self.rate(name) / self.rate("peer")


async def measure_line(site: Site, shape: Shape, plan: Plan, names: list[str]) -> AppendLine:
    key = f"{shape.backend[:2]}_w{shape.writers}_e{shape.events_per_command}"
    runners: dict[str, Runner] = {}
    results = {name: Contender(name=name) for name in names}
    try:
        for name in names:
            runners[name] = await BUILDERS[name](site, shape, f"{key}_{name}")
            for warm_up in range(2):
                timing = await runners[name].run(
                    shape, commands_per_writer=WARM_UP_COMMANDS, tag=f"warm{warm_up}"
                )
            results[name].commands_per_writer = _commands_per_writer(timing, shape, plan)
        for round_number in range(plan.rounds):
            turn = round_number % len(names)
            for name in names[turn:] + names[:turn]:
                timing = await runners[name].run(
                    shape,
                    commands_per_writer=results[name].commands_per_writer,
                    tag=f"r{round_number}",
                )
                results[name].rounds.append(timing)
    finally:
        for runner in runners.values():
            await runner.close()
    return AppendLine(shape=shape, contenders=results)


def _commands_per_writer(warm: Timing, shape: Shape, plan: Plan) -> int:
    """Whole streams' worth of commands for about ``plan.round_seconds`` per round."""
    per_writer = warm.commands_per_second / shape.writers * plan.round_seconds
    streams = max(1, round(per_writer / COMMANDS_PER_STREAM))
    return streams * COMMANDS_PER_STREAM
