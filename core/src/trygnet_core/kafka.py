"""Kafka clients as the relay and the consumer use them, and topic creation."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

log = logging.getLogger(__name__)


def new_producer(bootstrap_servers: str, **overrides: Any) -> AIOKafkaProducer:
    """acks=all, no idempotence (the embedded broker has none), short timeouts.

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


async def ensure_topic(
    bootstrap_servers: str, topic: str, *, partitions: int, replication: int = 1
) -> None:
    """Create ``topic`` with events kept forever, unless it exists."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=5000)
    await admin.start()
    try:
        try:
            await admin.create_topics(
                [NewTopic(topic, partitions, replication, topic_configs={"retention.ms": "-1"})]
            )
        except TopicAlreadyExistsError:
            pass
        except KafkaError as exc:
            log.info("creating topic %s with retention failed (%s); creating it plain", topic, exc)
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics([NewTopic(topic, partitions, replication)])
    finally:
        await admin.close()
