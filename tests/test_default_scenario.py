"""The default scenario's claims table, pinned: a change to it is a decision, not an accident.

These are the verdicts the README shows (``equipoise claims -n 200 --robustness``; the same on
every executor and batch size): per claim the verdict shown (``built in`` when the model's
verdict holds with the dynamics ablated), the model's raw verdict, P and whether the verdict is
emergent (``None`` for undecided). When a deliberate change moves them, re-run that command,
update the README's table and this pin together, and say why in the commit.
"""

from __future__ import annotations

import pytest

from equipoise.experiments.plans import ClaimsPlan, ClaimsResult, Execution, run_typed
from equipoise.scenario import load_scenario

PINNED = {
    "stabilisation-strategic-space": ("built in", "contradicted", 0.0, False),
    "japan-russia-depends-on-us-russia": ("built in", "contradicted", 0.0, False),
    "missiles-harm-russia-japan": ("undecided", "undecided", 0.305, None),
    "missiles-extremely-negative": ("built in", "contradicted", 0.0, False),
    "seoul-not-with-beijing": ("undecided", "undecided", 0.54, None),
    "west-fears-seoul-with-beijing": ("built in", "contradicted", 0.01, False),
    "korea-drifts-to-us": ("built in", "contradicted", 0.015, False),
    "japan-korea-no-near-term-improvement": ("built in", "supported", 0.81, False),
    "japan-korea-longer-term-improvement": ("built in", "contradicted", 0.16, False),
    "china-becomes-korea-foil": ("built in", "contradicted", 0.135, False),
    "eu-presence-bipolar": ("built in", "contradicted", 0.0, False),
    "eu-presence-welcome-in-japan": ("built in", "contradicted", 0.0, False),
    "many-players-serve-russia": ("built in", "contradicted", 0.0, False),
    "sanctions-pushed-russia-to-china": ("built in", "supported", 1.0, False),
    "sanctions-drew-russia-closer-to-china": ("built in", "supported", 0.985, False),
    "russia-china-above-partnership": ("built in", "supported", 1.0, False),
    "russia-china-below-alliance": ("undecided", "undecided", 0.635, None),
    "russia-cannot-worsen-china-ties": ("supported", "supported", 0.855, True),
    "new-bipolarity": ("built in", "contradicted", 0.0, False),
    "us-china-competition-intensifies": ("undecided", "undecided", 0.28, None),
    "early-recovery-advantage-usa": ("built in", "contradicted", 0.0, False),
    "early-recovery-advantage-chn": ("built in", "contradicted", 0.005, False),
    "early-recovery-advantage-jpn": ("built in", "contradicted", 0.0, False),
    "early-recovery-advantage-rus": ("built in", "contradicted", 0.005, False),
    "japan-russia-helps-japan-vs-china": ("built in", "contradicted", 0.01, False),
    "us-china-rivalry-affects-japan-russia": ("built in", "contradicted", 0.0, False),
}


@pytest.mark.slow
def test_the_default_scenarios_claims_table() -> None:
    plan = ClaimsPlan(scenario=load_scenario("indo-pacific-2021"), n_members=200)
    result = run_typed(
        plan, ClaimsResult, execution=Execution(executor="processes", workers=2, batch_size=50)
    )
    got = {
        r["id"]: (r["verdict"], r["model_verdict"], round(r["probability"], 3), r["emergent"])
        for r in result.rows()
    }
    assert got == PINNED
