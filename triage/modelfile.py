"""Model files: a :class:`~triage.linear.LinearModel` saved beside its card, and checked before it is loaded."""

from __future__ import annotations

import hashlib
import json
import pickle
import zlib
from pathlib import Path

from triage.linear import LinearModel

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL = MODELS_DIR / "triage.pkl"


class ModelFileError(RuntimeError):
    """A model file that must not be loaded: missing, outside the models folder, altered, or of another kind."""


def save_model(model: LinearModel, path: Path) -> str:
    """Write the model as a zlib-compressed pickle; return its SHA-256.

    Plain pickle (protocol 5) rather than joblib: the standard library's C unpickler loads the
    bundle several times faster than joblib's Python one, which matters for cold start.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    card, model.card = model.card, None
    path.write_bytes(zlib.compress(pickle.dumps(model, protocol=5), 6))
    model.card = card
    return file_sha256(path)


def load_model(path: str | Path, models_dir: str | Path = MODELS_DIR) -> LinearModel:
    """Load a model after checking that it lies in ``models_dir`` and matches its card."""
    path = Path(path).resolve()
    if not path.is_relative_to(Path(models_dir).resolve()):
        raise ModelFileError(f"refusing to load {path.name}: model files load only from {models_dir}")
    card_path = card_path_for(path)
    if not path.is_file():
        raise ModelFileError(f"model file not found: {path}")
    if not card_path.is_file():
        raise ModelFileError(f"model card not found beside the model: {card_path.name}")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
        expected = card["file_sha256"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelFileError(f"model card {card_path.name} is unreadable: {exc}") from None
    if file_sha256(path) != expected:
        raise ModelFileError(f"{path.name} does not match the checksum in {card_path.name}: truncated or altered")
    try:
        model = pickle.loads(zlib.decompress(path.read_bytes()))
    except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        raise ModelFileError(f"{path.name} is not a readable model file: {exc}") from None
    if not isinstance(model, LinearModel):
        raise ModelFileError(f"{path.name} holds a {type(model).__name__}, not a LinearModel: retrain it")
    model.card = card
    return model


def card_path_for(model_path: Path) -> Path:
    """The card that travels with a model file: ``x.pkl`` -> ``x.card.json``."""
    return model_path.with_suffix(".card.json")


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
