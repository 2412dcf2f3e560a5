r"""Analysis of ensembles: sensitivity, scenario discovery, intervals and summaries.

Pure functions over numpy arrays and pandas frames: no printing, no files, no global random
state. Every function that draws random numbers takes one ``rng`` argument (an ``int``, a
:class:`numpy.random.SeedSequence`, a :class:`numpy.random.Generator` or ``None``), turned into
a generator once by :func:`equipoise.random.as_generator`.

The numerical work is done by published libraries; this module adapts their inputs and
outputs to equipoise's declared uncertainties and to typed results:

* designs and Sobol'/Morris indices: SALib (Herman & Usher 2017);
* PRIM: the EMA Workbench (``ema_workbench.analysis.prim``; Kwakkel 2017);
* CART: :class:`sklearn.tree.DecisionTreeClassifier`;
* the Wilson interval: :func:`statsmodels.stats.proportion.proportion_confint`;
* inverse CDFs, Student's *t* quantiles: :mod:`scipy.stats`.

Contents
--------
:func:`problem_from_uncertainties`
    A SALib problem (``num_vars``, ``names``, ``bounds``, ``dists``) from declared uncertainties.
:func:`sobol_design`, :func:`morris_design`, :func:`to_values`
    Designs in the unit hypercube (quantiles) and their mapping to the uncertainties' values.
:func:`sobol_indices`, :func:`morris_indices`, :func:`rank_drivers`
    First- and total-order Sobol' indices; Morris :math:`\mu, \mu^*, \sigma`; the ranking.
:func:`wilson_interval`, :func:`verdict`
    The Wilson score interval of a proportion; a claim's verdict from that interval.
:func:`summarise`, :func:`paired_difference`
    Ensemble summaries per time step or entity; paired intervention-minus-baseline differences.
:func:`prim_boxes`, :func:`cart_boxes`
    Scenario discovery: PRIM peeling and pasting, CART leaves, as boxes with coverage and density.

The equations, which library computes what and what is written here (and why) are in
``docs/models/experiments.md``.
"""

from __future__ import annotations

from equipoise.experiments.analysis._common import (
    CONTRADICT_THRESHOLD,
    MORRIS_NORMAL_TAIL,
    SALIB_DISTS,
    SUPPORT_THRESHOLD,
    T_Float,
    T_Problem,
    T_Verdict,
)
from equipoise.experiments.analysis.designs import (
    morris_design,
    problem_from_uncertainties,
    sobol_design,
    to_values,
)
from equipoise.experiments.analysis.discovery import (
    Box,
    CartResult,
    PrimResult,
    cart_boxes,
    prim_boxes,
)
from equipoise.experiments.analysis.sensitivity import morris_indices, rank_drivers, sobol_indices
from equipoise.experiments.analysis.summaries import PairedDifference, paired_difference, summarise
from equipoise.experiments.analysis.verdicts import verdict, wilson_interval
from equipoise.random import T_Rng, as_generator

__all__ = [
    "CONTRADICT_THRESHOLD",
    "MORRIS_NORMAL_TAIL",
    "SALIB_DISTS",
    "SUPPORT_THRESHOLD",
    "Box",
    "CartResult",
    "PairedDifference",
    "PrimResult",
    "T_Float",
    "T_Problem",
    "T_Rng",
    "T_Verdict",
    "as_generator",
    "cart_boxes",
    "morris_design",
    "morris_indices",
    "paired_difference",
    "prim_boxes",
    "problem_from_uncertainties",
    "rank_drivers",
    "sobol_design",
    "sobol_indices",
    "summarise",
    "to_values",
    "verdict",
    "wilson_interval",
]
