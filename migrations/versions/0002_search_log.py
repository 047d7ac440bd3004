"""What families search for: words, language, filters, result count and day.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_log",
        sa.Column("created_at", sa.Date(), nullable=False),
        sa.Column("query", sa.String(length=200), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("result_count", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_log")),
    )
    op.create_index("ix_search_log_day", "search_log", ["created_at"])


def downgrade():
    op.drop_index("ix_search_log_day", table_name="search_log")
    op.drop_table("search_log")
