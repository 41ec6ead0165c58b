"""The negativity classifier: models, the protocol and the rules engine."""

from bot.classifier.engine import RulesClassifier, create_classifier
from bot.domain.verdicts import NEGATIVE_LABELS, Classifier, Cue, Label, MessageIn, Reason, ReasonCode, Verdict

__all__ = [
    "NEGATIVE_LABELS",
    "Classifier",
    "Cue",
    "Label",
    "MessageIn",
    "Reason",
    "ReasonCode",
    "RulesClassifier",
    "Verdict",
    "create_classifier",
]
