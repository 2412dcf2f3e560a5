"""The pair classifier, the relation reader's second opinion (equipoise.text.pairmodel)."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

from equipoise.text import extract
from equipoise.text.pairmodel import CLASSES, PairModel, default_model

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "src" / "equipoise" / "text" / "pairmodel.json"


def test_probabilities_are_a_softmax_of_the_summed_weights() -> None:
    model = PairModel((1.0, 0.0, 0.0), {"x": (0.0, 2.0, 0.0)})
    p = model.proba(["x", "x", "unknown"])  # a feature counts once; unknown ones add nothing
    z = [1.0, 2.0, 0.0]
    expected = [math.exp(v) / sum(math.exp(u) for u in z) for v in z]
    assert p == pytest.approx(expected)
    assert sum(model.proba([])) == pytest.approx(1.0)


def test_the_shipped_model_states_its_classes_training_texts_and_licence() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert data["classes"] == list(CLASSES)
    assert "heldout_14" in data["trained_on"] and "no PLOVER" in data["licence"]
    assert "train_01" in data["trained_on"]  # round 7: texts written for training
    # heldout_15-134 (held out in rounds 7 to 16) are development texts since rounds 9 to 17;
    # the round-17 held-out set (heldout_135+) is never trained on
    held = [int(n.split("_")[1]) for n in data["trained_on"] if n.startswith("heldout_")]
    assert max(held) == 134
    model = default_model()
    assert model.threshold == data["threshold"] == 0.7
    assert len(model.weights) == len(data["weights"]) > 50
    assert not any(f.startswith("rule=") for f in model.weights)  # independent of the rules


def test_a_wrong_class_order_is_refused() -> None:
    with pytest.raises(ValueError, match="classes"):
        PairModel.from_json({"classes": [1, 0, -1], "intercept": [0, 0, 0], "weights": {}})


def test_it_adds_a_pair_the_rules_miss_with_its_own_rule_and_confidence() -> None:
    # (round 12: the example of rounds 5-11, "Turkey and Iran offer Syria diplomatic cover",
    # stays below the threshold since the model was retrained on 124 texts; this one, from
    # train_04's development text, is a pair no rule reads: no trigger word in the lexicon)
    text = "Iran opened its airspace to Qatari flights."
    assert extract(text, pair_model=False).relations == []
    added = [r for r in extract(text).relations if r.rule == "pair-model"]
    assert [(r.a, r.b, r.sign) for r in added] == [("IRN", "QAT", 1)]
    assert all(0.7 <= r.confidence <= 1.0 for r in added)
    # without a lexicon trigger of its sign the relation takes the sign's generic kind
    assert (added[0].trigger, added[0].kind) == ("", "cooperation")


def test_it_keeps_the_rules_pairs_and_adds_only_missing_ones() -> None:
    text = (
        "Iran opened its airspace to Qatari flights. Turkey signed a defence agreement with Qatar."
    )
    rules_only = {(r.a, r.b): r.rule for r in extract(text, pair_model=False).relations}
    both = {(r.a, r.b): r.rule for r in extract(text).relations}
    assert rules_only == {("QAT", "TUR"): "trigger-between"}
    assert rules_only.items() <= both.items()
    assert set(both) - set(rules_only) == {("IRN", "QAT")}


def test_no_candidates_in_a_question_or_with_one_actor() -> None:
    assert (
        extract("Will Japan and Russia sign a peace treaty?", keep_candidates=True).candidates == []
    )
    assert extract("Japan is worried about the tension.", keep_candidates=True).candidates == []
    # kept only on request
    assert extract("Japan and Russia clashed.").candidates == []
    assert extract("Japan and Russia clashed.", keep_candidates=True).candidates


@pytest.mark.realdata
def test_the_shipped_weights_are_what_the_training_script_fits(shared_data: Path) -> None:
    """``scripts/train_pairmodel.py --write`` regenerates pairmodel.json exactly."""
    spec = importlib.util.spec_from_file_location(
        "train_pairmodel", REPO / "scripts" / "train_pairmodel.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_pairmodel"] = module
    spec.loader.exec_module(module)
    model = module.fit(module.load_docs(), module.C_DEFAULT)
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert list(model.intercept) == shipped["intercept"]
    assert {f: list(w) for f, w in model.weights.items()} == shipped["weights"]
