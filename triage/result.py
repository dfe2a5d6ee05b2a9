"""The triage decision for one text, and its JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Cue:
    """A sign of anger in the text: the cue list it is on (insult, threat, irritation), the words, where they are."""

    kind: str
    term: str
    spans: list[tuple[int, int]]


@dataclass(frozen=True)
class Anger:
    """How angry the customer is: level 0/1/2, its label, a score in [0, 1] and the cue words found."""

    level: int
    label: str
    score: float
    cues: list[Cue] = field(default_factory=list)


@dataclass(frozen=True)
class Route:
    """Where the complaint goes and how fast it must be answered."""

    department: str
    suggested_department: str
    priority: str
    escalate: bool
    escalate_to: str | None
    sla_hours: int


@dataclass(frozen=True)
class Evidence:
    """A word or character sequence that pushed the decision, with its span in the text."""

    term: str
    weight: float
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class TriageResult:
    """What the service decided about one complaint."""

    category: str
    confidence: float  # probability that ``category`` is right, if the text is a complaint
    complaint_probability: float  # probability that the text is a complaint at all (not ``none``)
    scores: dict[str, float]
    secondary: list[str]
    needs_review: bool
    review_reason: str | None
    anger: Anger
    route: Route
    evidence: list[Evidence]
    details: dict
    model_version: str

    def to_dict(self) -> dict:
        """The JSON-ready shape of the result (built by hand: ``dataclasses.asdict`` deep-copies, slowly)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["scores"] = dict(self.scores)
        data["secondary"] = list(self.secondary)
        data["anger"] = vars(self.anger).copy()
        data["anger"]["cues"] = [
            {"kind": c.kind, "term": c.term, "spans": [list(s) for s in c.spans]} for c in self.anger.cues
        ]
        data["route"] = vars(self.route).copy()
        data["evidence"] = [
            {"term": e.term, "weight": e.weight, "spans": [list(s) for s in e.spans]} for e in self.evidence
        ]
        data["details"] = {key: list(value) for key, value in self.details.items()}
        return data
