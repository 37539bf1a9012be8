"""Personal data: sealed with a key per data subject, erased by deleting the key.

Names, phone numbers, e-mail addresses and free text that may name people never
stand in an event in clear text. A service seals each such value with the key of
its data subject (a contact, an incident's free text), and the sealed form goes
into the event data::

    {"$pd": {"s": "<subject id>", "n": "<nonce>", "c": "<AES-GCM ciphertext>"}}

Keys live per tenant in the service's own database (``subject_keys``). Erasure
deletes the key and leaves a tombstone, so the events stay as they were and the
sealed values in them, in every copy on Kafka and in every projection that kept
them sealed, become unreadable. ``reveal`` then gives an explicit ``Erased``
value, never an exception.

The ciphertext is bound to its tenant and subject (associated data), so a sealed
value cannot be moved to another subject. When ``TRYGNET_MASTER_KEY`` (32 bytes,
base64) is set, subject keys are themselves stored encrypted under it.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.errors import Conflict
from trygnet_core.schema import subject_keys
from trygnet_core.tenancy import TenantId, require_tenant

SEALED: Final = "$pd"
_NONCE_BYTES: Final = 12


@dataclass(frozen=True, slots=True)
class Erased:
    """What a sealed value reads as once its subject was erased."""

    subject_id: str

    def __str__(self) -> str:
        return "[erased]"


def is_sealed(value: object) -> bool:
    return isinstance(value, Mapping) and len(value) == 1 and SEALED in value


class PersonalData:
    def __init__(self, *, master_key: bytes | None = None) -> None:
        self._master = AESGCM(master_key) if master_key else None

    @classmethod
    def from_env(cls) -> PersonalData:
        encoded = os.environ.get("TRYGNET_MASTER_KEY")
        return cls(master_key=base64.b64decode(encoded) if encoded else None)

    async def seal(
        self, conn: AsyncConnection, *, tenant: TenantId, subject_id: str, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        """``values`` with every non-null value sealed under the subject's key."""
        [sealed] = await self.seal_many(conn, tenant=tenant, items=[(subject_id, values)])
        return sealed

    async def seal_many(
        self,
        conn: AsyncConnection,
        *,
        tenant: TenantId,
        items: Sequence[tuple[str, Mapping[str, Any]]],
    ) -> list[dict[str, Any]]:
        """Seal each ``(subject, values)``; one key lookup and one insert for all subjects."""
        keys = await self._keys_for_writing(conn, tenant=tenant, subject_ids={s for s, _ in items})
        aeads = {subject: AESGCM(key) for subject, key in keys.items()}
        return [
            {
                name: None if value is None else _seal(aeads[subject], tenant, subject, value)
                for name, value in values.items()
            }
            for subject, values in items
        ]

    async def reveal(
        self, conn: AsyncConnection, *, tenant: TenantId, documents: Sequence[Mapping[str, Any]]
    ) -> list[Any]:
        """``documents`` with every sealed value opened, or ``Erased``; one key lookup in all."""
        subjects = {sealed[SEALED]["s"] for doc in documents for sealed in _sealed_values(doc)}
        keys = await self._keys(conn, tenant=tenant, subject_ids=subjects)
        aeads = {subject: AESGCM(key) for subject, key in keys.items()}
        return [_open_all(doc, aeads, tenant) for doc in documents]

    async def erase(self, conn: AsyncConnection, *, tenant: TenantId, subject_id: str) -> bool:
        """Delete the subject's key; True if there was one to delete."""
        result = await conn.execute(
            update(subject_keys)
            .where(
                subject_keys.c.tenant_id == require_tenant(tenant),
                subject_keys.c.subject_id == subject_id,
                subject_keys.c.key.is_not(None),
            )
            .values(key=None, erased_at=datetime.now(UTC))
        )
        return bool(result.rowcount)

    async def is_erased(self, conn: AsyncConnection, *, tenant: TenantId, subject_id: str) -> bool:
        row = (
            await conn.execute(
                select(subject_keys.c.erased_at).where(
                    subject_keys.c.tenant_id == require_tenant(tenant),
                    subject_keys.c.subject_id == subject_id,
                )
            )
        ).first()
        return row is not None and row.erased_at is not None

    async def _keys_for_writing(
        self, conn: AsyncConnection, *, tenant: TenantId, subject_ids: set[str]
    ) -> dict[str, bytes]:
        """The subjects' keys, made for those who have none; an erased subject is refused."""
        if not subject_ids:
            return {}
        rows = await self._stored_keys(conn, tenant=tenant, subject_ids=subject_ids)
        keys: dict[str, bytes] = {}
        for row in rows:
            if row.key is None:
                raise Conflict(
                    "this person's data was erased and cannot be written again", field="subject"
                )
            keys[row.subject_id] = self._unwrap(row.key, tenant, row.subject_id)
        missing = sorted(subject_ids - set(keys))
        if missing:
            now = datetime.now(UTC)
            made = {subject: AESGCM.generate_key(bit_length=256) for subject in missing}
            await conn.execute(
                subject_keys.insert(),
                [
                    {
                        "tenant_id": tenant,
                        "subject_id": subject,
                        "key": self._wrap(key, tenant, subject),
                        "created_at": now,
                    }
                    for subject, key in made.items()
                ],
            )
            keys.update(made)
        return keys

    async def _keys(
        self, conn: AsyncConnection, *, tenant: TenantId, subject_ids: set[str]
    ) -> dict[str, bytes]:
        if not subject_ids:
            return {}
        rows = await self._stored_keys(
            conn, tenant=tenant, subject_ids=subject_ids, erased_too=False
        )
        return {row.subject_id: self._unwrap(row.key, tenant, row.subject_id) for row in rows}

    @staticmethod
    async def _stored_keys(
        conn: AsyncConnection,
        *,
        tenant: TenantId,
        subject_ids: set[str],
        erased_too: bool = True,
    ) -> list[Any]:
        """The rows (subject, wrapped key: None once erased) of the subjects that have one."""
        where = [
            subject_keys.c.tenant_id == require_tenant(tenant),
            subject_keys.c.subject_id.in_(sorted(subject_ids)),
        ]
        if not erased_too:
            where.append(subject_keys.c.key.is_not(None))
        stored = select(subject_keys.c.subject_id, subject_keys.c.key).where(*where)
        return list(await conn.execute(stored))

    def _wrap(self, key: bytes, tenant: str, subject_id: str) -> bytes:
        if self._master is None:
            return key
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._master.encrypt(nonce, key, _associated(tenant, subject_id))

    def _unwrap(self, stored: bytes, tenant: str, subject_id: str) -> bytes:
        if self._master is None:
            return stored
        return self._master.decrypt(
            stored[:_NONCE_BYTES], stored[_NONCE_BYTES:], _associated(tenant, subject_id)
        )


def _associated(tenant: str, subject_id: str) -> bytes:
    return f"{tenant}\x1f{subject_id}".encode()


def _seal(aead: AESGCM, tenant: str, subject_id: str, value: Any) -> dict[str, Any]:
    nonce = os.urandom(_NONCE_BYTES)
    plain = json.dumps(value, separators=(",", ":")).encode()
    cipher = aead.encrypt(nonce, plain, _associated(tenant, subject_id))
    return {
        SEALED: {
            "s": subject_id,
            "n": base64.b64encode(nonce).decode(),
            "c": base64.b64encode(cipher).decode(),
        }
    }


def _sealed_values(value: Any) -> Iterator[Mapping[str, Any]]:
    if is_sealed(value):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _sealed_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _sealed_values(item)


def _open_all(value: Any, aeads: Mapping[str, AESGCM], tenant: str) -> Any:
    if is_sealed(value):
        sealed = value[SEALED]
        aead = aeads.get(sealed["s"])
        if aead is None:
            return Erased(subject_id=sealed["s"])
        plain = aead.decrypt(
            base64.b64decode(sealed["n"]),
            base64.b64decode(sealed["c"]),
            _associated(tenant, sealed["s"]),
        )
        return json.loads(plain)
    if isinstance(value, Mapping):
        return {name: _open_all(item, aeads, tenant) for name, item in value.items()}
    if isinstance(value, list):
        return [_open_all(item, aeads, tenant) for item in value]
    return value


def readable(value: Any) -> Any:
    """A revealed document for a response: every ``Erased`` value reads ``[erased]``."""
    if isinstance(value, Erased):
        return str(value)
    if isinstance(value, Mapping):
        return {key: readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [readable(item) for item in value]
    return value
