"""Kafka clients as the relay and the consumer use them, and topic creation."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, NoError, TopicAlreadyExistsError, for_code

log = logging.getLogger(__name__)


FETCHER_LOOK_MS = 1000
"""aiokafka's ``consumer_timeout_ms``: how long a consumer's background fetcher waits
before it looks again at partitions with nothing to do. Every change it must act on
(a fetch answered, a partition resumed or reassigned, records taken) wakes it at once,
so the timeout only paces its looks while all is paused: at aiokafka's 200 ms, five
times a second per paused consumer, the most CPU a service spent at rest."""


def new_producer(bootstrap_servers: str, **overrides: Any) -> AIOKafkaProducer:
    """acks=all, short timeouts; idempotence off unless asked (the embedded broker has none).

    Order per partition survives retries because the relay resends everything
    from its checkpoint after any failure, and consumers apply each stream's
    events in version order whatever arrives early.
    """
    settings: dict[str, Any] = {
        "bootstrap_servers": bootstrap_servers,
        "acks": "all",
        "enable_idempotence": False,
        "linger_ms": 1,
        "max_batch_size": 512 * 1024,
        "request_timeout_ms": 5000,
        "retry_backoff_ms": 100,
        "metadata_max_age_ms": 5000,
    }
    settings.update(overrides)
    return AIOKafkaProducer(**settings)


async def started_producer(
    bootstrap_servers: str, *, idempotence: bool | None, timeout: float, **overrides: Any
) -> tuple[AIOKafkaProducer, bool]:
    """A started producer and whether it is idempotent.

    ``idempotence`` True or False is followed; None means idempotent where the broker
    grants producer ids (Apache Kafka does). A broker without them (the embedded one)
    answers ``InitProducerId``, sent at start, with an error that is not retriable: the
    producer is then started plain. A broker that is away fails retriably: raised.
    """
    producer = new_producer(
        bootstrap_servers, enable_idempotence=idempotence is not False, **overrides
    )
    try:
        await asyncio.wait_for(producer.start(), timeout=timeout)
    except KafkaError as exc:
        await producer.stop()
        if idempotence is not None or exc.retriable:
            raise
        log.info(
            "the broker grants no producer id: a producer without idempotence",
            extra={"error": type(exc).__name__},
        )
        return await started_producer(
            bootstrap_servers, idempotence=False, timeout=timeout, **overrides
        )
    except BaseException:
        await producer.stop()
        raise
    return producer, idempotence is not False


BROKER_DEFAULT_REPLICATION = -1
"""The broker's ``default.replication.factor`` (CreateTopics takes -1 for it)."""
_MADE = {NoError.errno, TopicAlreadyExistsError.errno}


async def stop_quietly(*clients: Any, timeout: float = 5.0) -> None:
    """Stop every broker client given (``None`` passed over) at once, each within
    ``timeout`` and whatever it raises: a stop within a pod's grace period."""

    async def stop(client: Any) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.stop(), timeout=timeout)

    await asyncio.gather(*(stop(client) for client in clients if client is not None))


async def ensure_topic(
    bootstrap_servers: str,
    topic: str,
    *,
    partitions: int,
    replication: int = BROKER_DEFAULT_REPLICATION,
) -> None:
    """Create ``topic`` with events kept forever, unless it exists.

    Its replicas are the broker's default unless given: three on the production
    cluster, as docker-compose.yml's and the manifests' topics have. A fixed count of
    one made every relay's topic a single copy there, lost with its broker (Apache
    Kafka takes writes to it despite ``min.insync.replicas=2``). CreateTopics reports
    each topic's error in its answer rather than raising it: any but "it exists" is
    raised here.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=5000)
    await admin.start()
    try:
        refused = await _create(admin, topic, partitions, replication, {"retention.ms": "-1"})
        if refused is not None:
            log.info("topic %s refused retention (%s); creating it plain", topic, refused)
            refused = await _create(admin, topic, partitions, replication, {})
        if refused is not None:
            raise refused
    finally:
        await admin.close()


async def _create(
    admin: AIOKafkaAdminClient,
    topic: str,
    partitions: int,
    replication: int,
    configs: dict[str, str],
) -> KafkaError | None:
    """The broker's refusal to create ``topic``, or None when it exists now."""
    new = NewTopic(topic, partitions, max(replication, 1), topic_configs=configs)
    new.replication_factor = replication  # aiokafka's check refuses the protocol's -1
    answer = await admin.create_topics([new])
    for _topic, code, *message in answer.topic_errors:
        if code not in _MADE:
            return for_code(code)(f"{topic}: {message[0] if message else code}")
    return None
