"""Plain per-dyad reference implementation of the expected-utility model (tests only).

Written straight from the equations of Scholz, Calbert & Smith (2011), one dyad and one
voter at a time, with no sorting and no prefix sums: O(n^3) a round. The fast engine in
``equipoise.engines.bargaining`` must agree with it on every option (see
``tests/test_bargaining_properties.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from equipoise.engines.bargaining import EUOptions

REGION_SAME = "same_position"


@dataclass
class RefRound:
    new_x: list[float]
    a: list[list[float]]
    b: list[list[float]]
    p: list[list[float]]
    region: list[list[str]]
    offer: list[list[float | None]]
    r: list[float]


def median(x: list[float], w: list[float]) -> float:
    """Condorcet winner among the positions: wins (or ties) every pairwise vote (eq. 29)."""
    cands = sorted(set(x))
    best = None
    for p in cands:
        ok = True
        for q in cands:
            votes = sum(wk * (abs(xk - q) - abs(xk - p)) for xk, wk in zip(x, w, strict=True))
            scale = sum(wk * (abs(xk - q) + abs(xk - p)) for xk, wk in zip(x, w, strict=True))
            if votes < -1e-12 * (1.0 + scale):
                ok = False
                break
        if ok:
            best = p
            break
    assert best is not None
    return best


def mean(x: list[float], w: list[float]) -> float:
    return sum(a * b for a, b in zip(x, w, strict=True)) / sum(w)


def vote(xk: float, wk: float, rk: float, xi: float, xj: float, span: float) -> float:
    """Votes of k for i against j (eq. 28 with exponent rk): positive when k favours i."""
    return wk * ((abs(xk - xj) / span) ** rk - (abs(xk - xi) / span) ** rk)


def probabilities(
    x: list[float], w: list[float], rho: list[float], span: float, denominator: str
) -> list[list[float]]:
    n = len(x)
    num = [[0.0] * n for _ in range(n)]
    absum = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            for k in range(n):
                v = vote(x[k], w[k], rho[k], x[i], x[j], span)
                if v > 0:
                    num[i][j] += v
                absum[i][j] += abs(v)
    total = sum(sum(row) for row in absum)
    p = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            den = absum[i][j] if denominator == "dyad" else total
            p[i][j] = num[i][j] / den if den > 0 else 0.0
    return p


def utility(base: float, rho: float) -> float:
    return 2.0 - 4.0 * max(base, 0.0) ** rho


def eu(
    xc: float,
    xt: float,
    mu: float,
    p: float,
    sal: float,
    rho: float,
    span: float,
    opts: EUOptions,
) -> float:
    """E^c(U_ct): challenger c's expected utility of challenging target t (eqs. 5-7, 25)."""
    d = abs(xc - xt) / span
    us = utility(0.5 - 0.5 * d, rho)
    uf = utility(0.5 + 0.5 * d, rho)
    usq = 2.0 - 4.0 * 0.5**rho
    value = sal * (p * us + (1 - p) * uf) + (1 - sal) * us - opts.Q * usq
    if opts.Q < 1.0:
        t = opts.T
        if t is None:
            t = 1.0 if abs(xc - mu) < abs(xc - xt) else 0.0
        e = 0.25 * (abs(xc - mu) + abs(xc - xt)) / span
        value -= (1 - opts.Q) * (t * utility(0.5 - e, rho) + (1 - t) * utility(0.5 + e, rho))
    return value


def one_round(
    x: list[float], c: list[float], s: list[float], span: float, mu: float, opts: EUOptions
) -> RefRound:
    n = len(x)
    w = [c[k] * s[k] for k in range(n)]
    ones = [1.0] * n
    p1 = probabilities(x, w, ones, span, opts.probability_denominator)
    if opts.risk == "bdm1985":
        sec = [0.0] * n
        for t in range(n):
            for ch in range(n):
                if ch == t:
                    continue
                sal = s[t] if opts.target_salience == "target" else s[ch]
                sec[t] += eu(x[ch], x[t], mu, p1[ch][t], sal, 1.0, span, opts)
        hi, lo = max(sec), min(sec)
        r = []
        for t in range(n):
            big = (2 * sec[t] - hi - lo) / (hi - lo) if hi > lo else 0.0
            r.append((1 - big / 3) / (1 + big / 3))
    else:
        r = ones
    p = p1
    if opts.risk == "bdm1985" and opts.probability_votes == "risk":
        p = probabilities(x, w, r, span, opts.probability_denominator)

    a = [[0.0] * n for _ in range(n)]
    b = [[0.0] * n for _ in range(n)]
    region = [[REGION_SAME] * n for _ in range(n)]
    offer: list[list[float | None]] = [[None] * n for _ in range(n)]
    new_x = list(x)
    for i in range(n):
        kinds: dict[str, list[tuple[float, float, float]]] = {"conf": [], "comp": [], "cap": []}
        for j in range(n):
            if i == j:
                continue
            a[i][j] = eu(x[i], x[j], mu, p[i][j], s[j], r[i], span, opts)
            rb = r[i] if opts.utility_risk == "observer" else r[j]
            sal_b = s[i] if opts.target_salience == "target" else s[j]
            b[i][j] = eu(x[j], x[i], mu, p[j][i], sal_b, rb, span, opts)
            ai, bj = a[i][j], b[i][j]
            if x[i] == x[j]:
                continue
            if ai > 0 and bj > 0:
                if bj > ai:
                    region[i][j] = "confrontation_lost"
                    if opts.confrontation == "loser_moves":
                        offer[i][j] = x[j]
                else:
                    region[i][j] = "confrontation_won"
                continue
            if ai > 0:
                region[i][j] = "compromise_favoured" if abs(ai) >= abs(bj) else "compel"
                continue
            if opts.compromise_condition == "figure":
                is_comp = bj > 0 and abs(bj) > abs(ai)
                is_cap = bj > 0 and not is_comp
            else:
                is_comp = bj < 0 and abs(bj) > abs(ai)
                is_cap = bj > 0
            if is_comp:
                region[i][j] = "compromise_conceded"
                offer[i][j] = x[i] + (x[j] - x[i]) * min(abs(ai) / abs(bj), 1.0)
            elif is_cap:
                region[i][j] = "capitulate"
                if opts.capitulation:
                    offer[i][j] = x[j]
            else:
                region[i][j] = "stalemate"
        for j in range(n):
            o = offer[i][j]
            if o is None:
                continue
            kind = {
                "confrontation_lost": "conf",
                "compromise_conceded": "comp",
                "capitulate": "cap",
            }[region[i][j]]
            move = abs(x[j] - x[i])
            if opts.offer_selection == "weighted_point":
                if kind == "comp":
                    aa, bb = abs(a[i][j]), abs(b[i][j])
                    key = (aa * x[i] + bb * x[j]) / (aa + bb)
                else:
                    key = move
            elif opts.offer_selection == "least_move":
                key = abs(o - x[i])
            else:
                key = -b[i][j]
            second = abs(o - x[i]) if opts.offer_selection == "most_enforceable" else 0.0
            kinds[kind].append((key, second, o))
        for kind in ("conf", "comp", "cap"):
            cands = kinds[kind]
            if not cands:
                continue
            kmin = min(k for k, _, _ in cands)
            tied = [t for t in cands if t[0] <= kmin + 1e-12 * (1 + abs(kmin))]
            smin = min(sc for _, sc, _ in tied)
            tied = [t for t in tied if t[1] <= smin + 1e-12 * (1 + abs(smin))]
            new_x[i] = min(o for _, _, o in tied)
            break
    return RefRound(new_x, a, b, p, region, offer, r)


def run(
    c: list[float],
    x: list[float],
    s: list[float],
    rounds: int,
    opts: EUOptions,
    scale: tuple[float, float] | None = None,
) -> tuple[list[list[float]], list[float], list[float], RefRound | None]:
    """Run ``rounds`` rounds; return positions per round, medians, means and round 1."""
    w = [c[k] * s[k] for k in range(len(x))]
    fixed = (scale[1] - scale[0]) if scale is not None else (max(x) - min(x))
    fixed = fixed if fixed > 0 else 1.0
    traj = [list(x)]
    meds = [median(x, w)]
    means = [mean(x, w)]
    first = None
    cur = list(x)
    for _ in range(rounds):
        if opts.range_mode == "fixed":
            span = fixed
        else:
            span = max(cur) - min(cur)
            span = span if span > 0 else 1.0
        rnd = one_round(cur, c, s, span, meds[-1], opts)
        first = first or rnd
        prev_med = meds[-1]
        cur = rnd.new_x
        traj.append(list(cur))
        meds.append(median(cur, w))
        means.append(mean(cur, w))
        if opts.stop_threshold is not None and abs(meds[-1] - prev_med) < opts.stop_threshold:
            break
    return traj, meds, means, first


def isclose(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
