"""Training the confidence model: label each candidate fact by the scorer's matching, fit, cross-validate.

``make train`` (or ``python -m kg.training --scorer score.py GOLD.json ...``)
extracts every annotated article with no minimum confidence, labels each
event, proposal and position right or wrong by importing the scorer and
reusing its matching (an event or position paired with a gold item, a
proposal with a term or a proposer of the gold), fits a logistic regression
(scikit-learn) on :func:`kg.extract.confidence.fact_features`, and writes it as
JSON coefficients to ``kg/data/confidence_model.json``.

Its quality is measured by leave-one-article-out cross-validation: each
article's facts are scored by a model trained without that article, and the
scorer's F1 of the filtered graphs is computed for a range of minimum
confidences; the lowest minimum whose cross-validated F1 is within ``MARGIN``
of the best is the default.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from .extract.confidence import Model, all_facts, confident, fact_features, scored
from .facts import ArticleFacts
from .rdf.iris import item_iri

THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)
MARGIN = 0.002  # a cross-validated F1 gain smaller than this is noise on some twenty articles
REGULARIZATION = (
    0.3  # scikit-learn's C, chosen by the cross-validated AUC: features are many, articles few
)


@dataclass
class Example:
    """One annotated article: its gold file, its unfiltered facts, and a label per fact key."""

    gold: Path
    facts: ArticleFacts
    labels: dict[str, int] = field(default_factory=dict)


def load_scorer(path: Path) -> ModuleType:
    """The scorer module at ``path`` (its matching is reused, not copied)."""
    spec = importlib.util.spec_from_file_location("kg_scorer", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise SystemExit(f"kg.training: no scorer at {path}; pass --scorer PATH/score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_facts(gold_path: Path) -> ArticleFacts:
    """The facts of a gold file's article, extracted with no minimum confidence."""
    from .ingestion import facts_of
    from .read.articles import read_article

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = (gold_path.parent / gold["article"]).resolve()
    published = gold.get("published")
    found = facts_of(
        [read_article(article, **({"published": published} if published else {}))], 0.0
    )[0]
    if not isinstance(found, ArticleFacts):
        raise SystemExit(f"kg.training: {article}: {found}")
    return found


def graph_file(facts: ArticleFacts, directory: str) -> Path:
    """The article graph of ``facts`` written as Turtle, for the scorer to read."""
    from .rdf.graph import article_graph

    path = Path(directory) / f"{facts.article.slug}.ttl"
    article_graph(facts).serialize(path, format="turtle")
    return path


def score_counts(scorer: ModuleType, gold_path: Path, facts: ArticleFacts) -> tuple[dict, dict]:
    """The scorer's counts for ``facts`` against ``gold_path``, and the output items it paired (by kind)."""
    pairs: list[dict] = []
    greedy = scorer.greedy

    def recording(candidates):  # the scorer pairs actors, events and positions, in that order
        g2o, o2g = greedy(candidates)
        pairs.append(o2g)
        return g2o, o2g

    scorer.greedy = recording
    try:
        with tempfile.TemporaryDirectory(prefix="kg-train-") as d:
            path = graph_file(facts, d)
            result = scorer.score_file(gold_path, argparse.Namespace(graph=path, cmd=None))
            graph = scorer.Graph(path)
    finally:
        scorer.greedy = greedy
    unmatched = {
        t.split("<", 1)[1].split(">", 1)[0]
        for t in result["explain"].get("unmatched output terms", [])
    }
    matched = {
        "events": set(map(str, pairs[1])),
        "positions": set(map(str, pairs[2])),
        "terms": {str(t) for t in graph.terms} - unmatched,
    }
    gold = scorer.Gold(json.loads(gold_path.read_text(encoding="utf-8")))
    matched["proposers"] = {
        str(p)
        for p in graph.proposals
        if any(
            gold.names(g["proposer"]) & graph.all_names(graph.proposedBy[p])
            for g in gold.g.get("proposals", [])
        )
    }
    matched["has_terms"] = {
        str(p) for p in graph.proposals for t in graph.hasTerm[p] if str(t) in matched["terms"]
    }
    return result["counts"], matched


def labels_of(facts: ArticleFacts, matched: dict) -> dict[str, int]:
    """1 for a fact the scorer paired with the gold, else 0. A proposal is right when one of its terms is, or,
    having none, when its proposer is a gold proposer."""
    slug = facts.article.slug
    iri = lambda f: str(item_iri(slug, f.key))
    out = {e.key: int(iri(e) in matched["events"]) for e in facts.events}
    out.update({p.key: int(iri(p) in matched["positions"]) for p in facts.positions})
    for p in facts.proposals:
        out[p.key] = int(
            iri(p) in matched["has_terms"] if p.terms else iri(p) in matched["proposers"]
        )
    return out


def fit(examples: list[Example]) -> Model:
    """A logistic regression on the facts of ``examples``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [
        (fact_features(f, ex.facts), ex.labels[f.key])
        for ex in examples
        for f in all_facts(ex.facts)
    ]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([r[0] for r in rows])
    y = [r[1] for r in rows]
    if len(set(y)) < 2:
        raise SystemExit("kg.training: the labels are all alike; annotate more articles")
    model = LogisticRegression(C=REGULARIZATION, max_iter=2000).fit(x, y)
    weights = {
        name: round(float(w), 5)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
        if abs(w) > 1e-6
    }
    return Model(weights, round(float(model.intercept_[0]), 5))


def micro_f1(scorer: ModuleType, counts: list[dict]) -> float:
    total: dict[str, list[int]] = {}
    for c in counts:
        for k, (n, d) in c.items():
            total[k] = [total.get(k, [0, 0])[0] + n, total.get(k, [0, 0])[1] + d]
    total.setdefault("rerun_same_size", [1, 1])
    total.setdefault("rerun_same_iris", [1, 1])
    return scorer.metrics(total)["extraction_f1"]


def cross_validate(scorer: ModuleType, examples: list[Example]) -> dict:
    """Leave-one-article-out: each article scored by a model not trained on it, then filtered at each
    minimum confidence and scored; the F1s per minimum, and the fact-level accuracy of the held-out models."""
    from sklearn.metrics import roc_auc_score

    held_out, truth, predicted = [], [], []
    for n, ex in enumerate(examples):
        model = fit(examples[:n] + examples[n + 1 :])
        facts = scored(ex.facts, model)
        held_out.append((ex, facts))
        for key, p in facts.confidence:
            truth.append(ex.labels[key])
            predicted.append(p)
    total = len(truth)
    right = sum(int((p >= 0.5) == bool(y)) for y, p in zip(truth, predicted))
    by_threshold = {}
    for t in THRESHOLDS:
        counts = {
            ex.gold.name: score_counts(scorer, ex.gold, confident(facts, t))[0]
            for ex, facts in held_out
        }
        dev = [c for name, c in counts.items() if name.endswith(".gold.json")]
        by_threshold[t] = {
            "all": round(micro_f1(scorer, list(counts.values())), 4),
            "dev": round(micro_f1(scorer, dev), 4) if dev else None,
            "per_article": {name: round(micro_f1(scorer, [c]), 4) for name, c in counts.items()},
        }
    # the lowest minimum within MARGIN of the best: filtering must clearly pay for the facts it drops
    top = max(v["all"] for v in by_threshold.values())
    best = min(t for t in THRESHOLDS if by_threshold[t]["all"] >= top - MARGIN)
    return {
        "fact_accuracy": round(right / total, 4) if total else None,
        "facts": total,
        "auc": round(float(roc_auc_score(truth, predicted)), 4) if len(set(truth)) == 2 else None,
        "base_rate": round(sum(sum(ex.labels.values()) for ex in examples) / max(1, total), 4),
        "f1_by_min_confidence": {str(t): v for t, v in by_threshold.items()},
        "best": best,
    }


def train(scorer_path: Path, golds: list[Path], output: Path | None, folds: bool = True) -> Model:
    """Label, cross-validate and fit on ``golds``; write the model to ``output`` (if given) and return it."""
    scorer = load_scorer(scorer_path)
    examples = []
    for gold in golds:
        facts = article_facts(gold)
        _, matched = score_counts(scorer, gold, facts)
        examples.append(Example(gold, facts, labels_of(facts, matched)))
        print(
            f"labelled {gold.name}: {sum(examples[-1].labels.values())}/{len(examples[-1].labels)} right",
            file=sys.stderr,
        )
    report = cross_validate(scorer, examples) if folds and len(examples) > 2 else {"best": 0.0}
    model = fit(examples)
    model.min_confidence = float(report["best"])
    model.report = {"articles": [g.name for g in golds], **report}
    if output is not None:
        output.write_text(model.to_json() + "\n", encoding="utf-8")
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.training", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", type=Path, help="gold files (the scorer's format)")
    ap.add_argument("--scorer", type=Path, required=True, help="the scorer, score.py")
    ap.add_argument("-o", "--output", type=Path, help="where to write the model (JSON)")
    ap.add_argument(
        "--no-cv", action="store_true", help="skip the leave-one-article-out cross-validation"
    )
    args = ap.parse_args(argv)
    model = train(args.scorer, args.gold, args.output, folds=not args.no_cv)
    cv = model.report.get("f1_by_min_confidence", {})
    for t, v in cv.items():
        print(f"min confidence {t}: LOAO F1 all {v['all']:.3f}  dev {v['dev']}")
    print(
        f"chosen min confidence: {model.min_confidence}; held-out fact accuracy "
        f"{model.report.get('fact_accuracy')} (base rate {model.report.get('base_rate')}), "
        f"AUC {model.report.get('auc')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
