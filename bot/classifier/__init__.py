"""The negativity classifier: models, the protocol and the rules engine."""

from bot.classifier.models import NEGATIVE_LABELS, Classifier, Label, MessageIn, Verdict

__all__ = ["NEGATIVE_LABELS", "Classifier", "Label", "MessageIn", "Verdict"]
