"""Complaint records and agent feedback.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("channel", sa.String(64)),
        sa.Column("customer", sa.JSON),
        sa.Column("meta", sa.JSON),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("anger", sa.Integer, nullable=False),
        sa.Column("department", sa.String(64), nullable=False),
        sa.Column("needs_review", sa.Boolean, nullable=False),
        sa.Column("model_version", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("category", "anger", "department", "needs_review", "model_version", "created_at"):
        op.create_index(f"ix_complaints_{column}", "complaints", [column])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("complaint_id", sa.String(128), sa.ForeignKey("complaints.id"), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("secondary", sa.JSON, nullable=False),
        sa.Column("anger", sa.Integer, nullable=False),
        sa.Column("agent", sa.String(128)),
        sa.Column("comment", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_feedback_complaint_id", "feedback", ["complaint_id"])


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_table("complaints")
