"""The public entry point: text in, :class:`TriageResult` out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from triage.extract import extract_details
from triage.labels import ANGER_LABELS, CATEGORIES
from triage.linear import LinearModel
from triage.modelfile import DEFAULT_MODEL, MODELS_DIR, load_model
from triage.result import Anger, Cue, Evidence, TriageResult
from triage.routing import RoutingTable

MAX_TEXT_CHARS = 5000
EVIDENCE_TERMS = 6


class TextError(ValueError):
    """A text that cannot be triaged (not a string, empty, or too long)."""


def check_text(text: object, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return ``text`` if it can be triaged, else raise :class:`TextError` saying why."""
    if not isinstance(text, str):
        raise TextError(f"text must be a string, got {type(text).__name__}")
    if not text.strip():
        raise TextError("text is empty")
    if len(text) > max_chars:
        raise TextError(f"text has {len(text)} characters; the limit is {max_chars}")
    return text


class Triager:
    """Decides category, anger and route for complaints.

    >>> triager = Triager.load()
    >>> triager.triage("快递三天了还没到，客服也不回").category
    'transport'
    """

    def __init__(
        self,
        model: LinearModel,
        routing: RoutingTable,
        review_threshold: float | None = None,
        complaint_threshold: float | None = None,
        max_chars: int = MAX_TEXT_CHARS,
    ) -> None:
        self.model = model
        self.routing = routing
        self.review_threshold = model.review_threshold if review_threshold is None else review_threshold
        self.complaint_threshold = model.complaint_threshold if complaint_threshold is None else complaint_threshold
        self.max_chars = max_chars
        self._category_columns = [list(model.category.classes).index(c) for c in CATEGORIES]
        self._kind_coef = model.category.weights[:, self._category_columns].T.copy()
        self._terms = model.features.terms()

    @classmethod
    def load(
        cls,
        model_path: str | Path | None = None,
        routing_path: str | Path | None = None,
        review_threshold: float | None = None,
        models_dir: str | Path | None = None,
    ) -> Triager:
        """Load the shipped model (or ``model_path``) and routing table (or ``routing_path``).

        Environment variables ``TRIAGE_MODEL_PATH``, ``TRIAGE_MODELS_DIR`` and ``TRIAGE_ROUTING_PATH``
        are used when the arguments are not given.
        """
        models_dir = models_dir or os.environ.get("TRIAGE_MODELS_DIR") or MODELS_DIR
        model_path = model_path or os.environ.get("TRIAGE_MODEL_PATH") or DEFAULT_MODEL
        model = load_model(model_path, models_dir)
        routing = RoutingTable.load(routing_path or os.environ.get("TRIAGE_ROUTING_PATH"))
        return cls(model, routing, review_threshold)

    def warm_up(self) -> None:
        """Build the lazily loaded tokenizer and tables so the first real call is fast."""
        self.triage("收到的杯子是碎的")

    @property
    def version(self) -> str:
        return self.model.version

    def triage(self, text: str) -> TriageResult:
        """Triage one complaint."""
        return self.triage_many([text])[0]

    def triage_many(self, texts: Sequence[str]) -> list[TriageResult]:
        """Triage complaints in one vectorised pass; results are in input order.

        Raises :class:`TextError` if any text is invalid; check texts first with
        :func:`check_text` to handle them one by one.
        """
        texts = [check_text(t, self.max_chars) for t in texts]
        if not texts:
            return []
        model = self.model
        docs = model.docs(texts)
        found_cues = [model.features.cues.found(doc.text) for doc in docs]  # features and anger.cues share them
        X = model.features.transform(docs, found_cues)
        kind_proba = model.category.predict_proba(X)[:, self._category_columns]
        complaint_proba = model.complaint.predict_proba(X)[:, 0].tolist()
        mention_proba = model.mentions.predict_proba(X).tolist()  # columns in CATEGORIES order
        anger_proba = model.anger.predict_proba(X).tolist()
        evidence_weights = self._contributions(X, kind_proba.argmax(axis=1))
        return [
            self._decide(
                texts[i],
                docs[i].text,
                evidence_weights,
                i,
                kind_proba[i].tolist(),
                complaint_proba[i],
                mention_proba[i],
                anger_proba[i],
                found_cues[i],
            )
            for i in range(len(texts))
        ]

    def _decide(
        self, text, read, evidence_weights, i, kind_proba, complaint_proba, mention_proba, anger_proba, found_cues
    ):
        confidence = max(kind_proba)
        category = CATEGORIES[kind_proba.index(confidence)]
        reason = None
        if complaint_proba < self.complaint_threshold:
            reason = "not_a_complaint"
        elif confidence < self.review_threshold:
            reason = "low_confidence"
        needs_review = reason is not None
        anger_score = anger_proba[1] * 0.5 + anger_proba[2]  # expected level / 2: the ordinal view
        if self.model.anger_cuts:
            level = sum(anger_score >= cut for cut in self.model.anger_cuts)
        else:
            level = anger_proba.index(max(anger_proba))
        anger = Anger(level=level, label=ANGER_LABELS[level], score=round(anger_score, 4), cues=_group_cues(found_cues))
        return TriageResult(
            category=category,
            confidence=round(confidence, 4),
            complaint_probability=round(complaint_proba, 4),
            scores={c: round(p, 4) for c, p in zip(CATEGORIES, kind_proba)},
            secondary=[c for c, p in zip(CATEGORIES, mention_proba) if c != category and p >= 0.5],
            needs_review=needs_review,
            review_reason=reason,
            anger=anger,
            route=self.routing.route(category, anger.label, needs_review),
            evidence=self._evidence(read, evidence_weights, i),
            details=extract_details(text, read),
            model_version=self.model.version,
        )

    def _contributions(self, X, kinds: np.ndarray):
        """Each feature's value times its coefficient for the row's chosen kind (same sparsity as X)."""
        rows = np.repeat(kinds, np.diff(X.indptr))
        weights = X.copy()
        weights.data = X.data * self._kind_coef[rows, X.indices]
        return weights

    def _evidence(self, text: str, weights, i: int) -> list[Evidence]:
        """The terms of ``text`` whose contribution (value x coefficient) to the chosen category is largest."""
        start, end = weights.indptr[i], weights.indptr[i + 1]
        data, columns = weights.data[start:end], weights.indices[start:end]
        keep = min(len(data), 4 * EVIDENCE_TERMS)  # enough candidates to survive the filtering below
        top = np.argpartition(data, len(data) - keep)[len(data) - keep :]
        top = top[np.argsort(-data[top])]
        chosen: list[Evidence] = []
        for weight, column in zip(data[top].tolist(), columns[top].tolist()):
            term = self._terms[column]
            if weight <= 0 or len(chosen) == EVIDENCE_TERMS:
                break
            if not term or any(term in e.term for e in chosen):
                continue
            chosen = [e for e in chosen if e.term not in term]
            chosen.append(Evidence(term, round(weight, 4), _spans(text, term)))
        return chosen


def _group_cues(found: list[tuple[str, str, int, int]]) -> list[Cue]:
    """The insult, threat and irritation words the anger head counted (``CueFinder.found``), each with its spans."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for kind, term, start, end in found:
        spans.setdefault((kind, term), []).append((start, end))
    return [Cue(kind, term, where) for (kind, term), where in spans.items()]


def _spans(text: str, term: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(term)
    while start >= 0:
        spans.append((start, start + len(term)))
        start = text.find(term, start + len(term))
    return spans
