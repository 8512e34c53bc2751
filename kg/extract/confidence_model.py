"""The confidence model as shipped: a linear model's coefficients and its chosen minimum, from JSON.

Apart from :mod:`kg.extract.confidence` (which computes each fact's features)
so that the ``kg`` command can say the default minimum without loading the
extraction stage, rdflib or spaCy.

>>> 0 <= default_min_confidence() <= 1
True
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

MODEL_FILE = "confidence_model.json"


class Model:
    """A linear model over :func:`kg.extract.confidence.fact_features`: weights, intercept, and the
    chosen minimum confidence."""

    def __init__(
        self,
        weights: dict[str, float],
        intercept: float,
        min_confidence: float = 0.0,
        report: dict | None = None,
    ) -> None:
        self.weights, self.intercept, self.min_confidence = weights, intercept, min_confidence
        self.report = report or {}

    def probability(self, features: dict[str, float]) -> float:
        """P(the fact is right) for a fact with ``features``.

        >>> Model({"type=Meeting": 2.0}, -1.0).probability({"type=Meeting": 1.0})
        0.7310585786300049
        """
        z = self.intercept + sum(
            self.weights.get(name, 0.0) * value for name, value in features.items()
        )
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps(
            {
                "intercept": self.intercept,
                "min_confidence": self.min_confidence,
                "weights": dict(sorted(self.weights.items())),
                "report": self.report,
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        return cls(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["intercept"]),
            float(data.get("min_confidence", 0.0)),
            data.get("report"),
        )


@lru_cache(maxsize=1)
def shipped_model() -> Model | None:
    """The model in the package (None before the first ``make train``)."""
    path = resources.files("kg").joinpath("data", MODEL_FILE)
    return Model.from_json(path.read_text(encoding="utf-8")) if path.is_file() else None


def default_min_confidence() -> float:
    """The minimum confidence a fact needs to be kept, as chosen by cross-validation (0 without a model)."""
    model = shipped_model()
    return model.min_confidence if model is not None else 0.0
