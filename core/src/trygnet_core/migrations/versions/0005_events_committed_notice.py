"""PostgreSQL: every commit that stores events is announced, so idle relays wake.

Revision ID: kernel_0005
Revises: kernel_0004

A statement inserting into ``events`` sends a notification on the ``trygnet_events``
channel; PostgreSQL delivers it when (and only if) the transaction commits, once per
transaction however many statements sent it. Every replica's relay listens for it
(``trygnet_core.relay_wakeups``), so an event committed by any replica is published
at once, without polling. SQLite needs none: one process writes a service's database
and wakes its relay itself.
"""

from __future__ import annotations

from alembic import op

revision = "kernel_0005"
down_revision = "kernel_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION trygnet_events_committed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('trygnet_events', '');
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER events_committed_notice AFTER INSERT ON events "
        "FOR EACH STATEMENT EXECUTE FUNCTION trygnet_events_committed()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER events_committed_notice ON events")
    op.execute("DROP FUNCTION trygnet_events_committed()")
