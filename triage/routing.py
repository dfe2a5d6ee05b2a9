"""Routing configuration: category -> department, anger -> priority, SLA and escalation."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from triage.labels import ANGER_LABELS, CATEGORIES
from triage.result import Route

DEFAULT_ROUTING = Path(__file__).resolve().parent / "config" / "routing.toml"


class RoutingError(ValueError):
    """The routing file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class AngerPolicy:
    priority: str
    sla_hours: int
    escalate: bool


@dataclass(frozen=True)
class RoutingTable:
    """The routing rules in force."""

    departments: dict[str, str]
    review_department: str
    anger: dict[str, AngerPolicy]
    escalate_to: str
    source: str

    @classmethod
    def load(cls, path: str | Path | None = None) -> RoutingTable:
        """Read and check a routing TOML file (the shipped default when ``path`` is None)."""
        path = Path(path or DEFAULT_ROUTING)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise RoutingError(f"{path}: cannot read routing file ({exc.strerror})") from None
        except tomllib.TOMLDecodeError as exc:
            raise RoutingError(f"{path}: {exc}") from None
        return cls.from_mapping(data, source=str(path))

    @classmethod
    def from_mapping(cls, data: dict, source: str = "<mapping>") -> RoutingTable:
        """Build the table from parsed TOML, naming the first missing or wrong key."""

        def need(mapping: dict, key: str, kind: type, where: str):
            value = mapping.get(key) if isinstance(mapping, dict) else None
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise RoutingError(f"{source}: [{where}] needs '{key}' as {kind.__name__}")
            return value

        departments = {c: need(data.get("departments"), c, str, "departments") for c in CATEGORIES}
        anger_section = data.get("anger") or {}
        anger = {
            label: AngerPolicy(
                priority=need(anger_section.get(label), "priority", str, f"anger.{label}"),
                sla_hours=need(anger_section.get(label), "sla_hours", int, f"anger.{label}"),
                escalate=need(anger_section.get(label), "escalate", bool, f"anger.{label}"),
            )
            for label in ANGER_LABELS
        }
        return cls(
            departments=departments,
            review_department=need(data.get("review"), "department", str, "review"),
            anger=anger,
            escalate_to=need(data.get("escalation"), "to", str, "escalation"),
            source=source,
        )

    def route(self, category: str, anger_label: str, needs_review: bool) -> Route:
        """Decide department, priority, escalation and SLA for one triaged complaint."""
        policy = self.anger[anger_label]
        suggested = self.departments[category]
        return Route(
            department=self.review_department if needs_review else suggested,
            suggested_department=suggested,
            priority=policy.priority,
            escalate=policy.escalate,
            escalate_to=self.escalate_to if policy.escalate else None,
            sla_hours=policy.sla_hours,
        )

    def to_dict(self) -> dict:
        """The table as JSON."""
        return {
            "source": Path(self.source).name,
            "departments": self.departments,
            "review_department": self.review_department,
            "anger": {k: vars(v) for k, v in self.anger.items()},
            "escalate_to": self.escalate_to,
        }
