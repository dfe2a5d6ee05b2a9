"""Chinese complaint triage: category, anger level and department for a customer complaint."""

from triage.result import TriageResult
from triage.triager import TextError, Triager

__all__ = ["Triager", "TriageResult", "TextError"]
