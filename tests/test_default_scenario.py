"""The default scenario's claims table, pinned: a change to it is a decision, not an accident.

These are the verdicts the README shows (``equipoise claims -n 500``; the same on every
executor and batch size). When a deliberate change moves them, re-run that command, update the
README's table and this pin together, and say why in the commit.
"""

from __future__ import annotations

import pytest

from equipoise.experiments.plans import ClaimsPlan, ClaimsResult, Execution, run_typed
from equipoise.scenario import load_scenario

PINNED = {
    "stabilisation-strategic-space": ("undecided", 0.376),
    "japan-russia-depends-on-us-russia": ("supported", 0.848),
    "missiles-harm-russia-japan": ("supported", 0.996),
    "missiles-extremely-negative": ("supported", 0.984),
    "seoul-not-with-beijing": ("supported", 0.876),
    "west-fears-seoul-with-beijing": ("contradicted", 0.124),
    "korea-drifts-to-us": ("contradicted", 0.056),
    "japan-korea-no-near-term-improvement": ("undecided", 0.460),
    "japan-korea-longer-term-improvement": ("supported", 0.946),
    "china-becomes-korea-foil": ("contradicted", 0.030),
    "eu-presence-bipolar": ("contradicted", 0.190),
    "eu-presence-welcome-in-japan": ("contradicted", 0.000),
    "many-players-serve-russia": ("supported", 0.996),
    "sanctions-pushed-russia-to-china": ("supported", 1.000),
    "sanctions-drew-russia-closer-to-china": ("supported", 0.998),
    "russia-china-above-partnership": ("supported", 1.000),
    "russia-china-below-alliance": ("supported", 0.994),
    "russia-china-above-partnership-unbounded": ("supported", 1.000),
    "russia-china-below-alliance-unbounded": ("undecided", 0.528),
    "russia-cannot-worsen-china-ties": ("supported", 0.986),
    "new-bipolarity": ("supported", 1.000),
    "us-china-competition-intensifies": ("supported", 0.998),
    "early-recovery-advantage-usa": ("contradicted", 0.000),
    "early-recovery-advantage-chn": ("supported", 1.000),
    "early-recovery-advantage-jpn": ("contradicted", 0.000),
    "early-recovery-advantage-rus": ("contradicted", 0.000),
    "japan-russia-helps-japan-vs-china": ("contradicted", 0.214),
    "us-china-rivalry-affects-japan-russia": ("supported", 0.730),
}


@pytest.mark.slow
def test_the_default_scenarios_claims_table() -> None:
    plan = ClaimsPlan(scenario=load_scenario("indo-pacific-2021"), n_members=500)
    result = run_typed(
        plan, ClaimsResult, execution=Execution(executor="processes", workers=2, batch_size=50)
    )
    got = {r["id"]: (r["verdict"], round(r["probability"], 3)) for r in result.rows()}
    assert got == PINNED
