r"""One seed path: every random number in equipoise derives from one seed through named streams.

A run is reproducible from its seed alone. The seed (the scenario's ``seed``, or ``--seed``,
which overrides it: one meaning everywhere) is the entropy of a
:class:`numpy.random.SeedSequence`; independent streams are children of it, told apart by their
spawn key (O'Neill 2014, the PCG paper, §7; numpy's ``SeedSequence`` documentation):

* member :math:`k` of an ensemble (and the single run, which *is* member 0) draws from
  ``SeedSequence(seed, spawn_key=(k,))``, shared by all the arms of that member, so that
  differences between arms are paired (common random numbers);
* the design of an ensemble (the sampled values of the declared uncertainties) draws from the
  reserved stream :attr:`Stream.DESIGN`;
* analyses that resample (Sobol' and Morris designs and bootstraps, CART) draw from
  :attr:`Stream.ANALYSIS`;
* the occurrences and effect sizes of a member's declared shocks draw from a child of the
  member's sequence, ``SeedSequence(seed, spawn_key=(k, Stream.SHOCKS, h))`` with :math:`h` the
  CRC-32 of the shock's name (:func:`shock_sequence`): apart from the member's own stream, so
  declaring shocks changes no other random number, and apart for each shock, so adding or
  removing one shock leaves the draws of the others as they were.

Reserved keys sit at the top of the 31-bit range, so member indices up to
:data:`MAX_MEMBERS` can never collide with them. ``np.random.seed`` and the global
``np.random`` functions are never used.

References
----------
O'Neill, M. E. (2014). PCG: A family of simple fast space-efficient statistically good
algorithms for random number generation. Harvey Mudd College, HMC-CS-2014-0905.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable
from enum import IntEnum

import numpy as np

#: What callers may pass as randomness: a seed, a seed sequence, a generator or nothing.
T_Rng = int | np.integer | np.random.SeedSequence | np.random.Generator | None

#: Largest seed a scenario may declare (the scenario format's bound).
MAX_SEED = 2**63 - 1


class Stream(IntEnum):
    """Spawn keys of the streams that are not ensemble members."""

    DESIGN = 2**31 - 1  #: the sampled values of the declared uncertainties
    ANALYSIS = 2**31 - 2  #: Sobol'/Morris designs, bootstraps and tree seeds of analyses
    SHOCKS = 2**31 - 3  #: a member's shocks (a child key under the member's, see shock_sequence)


#: Member indices must stay below the reserved keys.
MAX_MEMBERS = 2**31 - 16


def check_seed(seed: int) -> int:
    """Return ``seed`` as an int, or raise ``ValueError`` when it is outside 0 … 2**63 − 1."""
    value = int(seed)
    if not 0 <= value <= MAX_SEED:
        raise ValueError(f"a seed must be between 0 and {MAX_SEED}, got {seed}")
    return value


def member_sequence(seed: int, member: int) -> np.random.SeedSequence:
    """Return the seed sequence of ensemble member ``member`` (the single run is member 0)."""
    if not 0 <= int(member) < MAX_MEMBERS:
        raise ValueError(f"member index must be between 0 and {MAX_MEMBERS - 1}, got {member}")
    return np.random.SeedSequence(check_seed(seed), spawn_key=(int(member),))


def member_rng(seed: int, member: int = 0) -> np.random.Generator:
    """Return the random stream of one member.

    Examples
    --------
    >>> a = member_rng(7, 3).random()
    >>> b = member_rng(7, 3).random()
    >>> a == b, a != member_rng(7, 4).random()
    (True, True)
    """
    return np.random.default_rng(member_sequence(seed, member))


def member_rngs(seed: int, members: Iterable[int]) -> list[np.random.Generator]:
    """Return each member's own stream, in the order given."""
    return [member_rng(seed, int(m)) for m in members]


def stream(seed: int, which: Stream) -> np.random.Generator:
    """Return one of the reserved streams of ``seed``."""
    return np.random.default_rng(np.random.SeedSequence(check_seed(seed), spawn_key=(int(which),)))


def shock_sequence(member: np.random.SeedSequence, name: str) -> np.random.SeedSequence:
    """Return the seed sequence of shock ``name`` in a member whose sequence is ``member``.

    The child key ``(*member.spawn_key, Stream.SHOCKS, crc32(name))``: a pure function of the
    member's sequence and the name, so the same member draws the same shocks in every arm
    (common random numbers) and in any batch, and the member's own stream is left untouched.

    Examples
    --------
    >>> a = np.random.default_rng(shock_sequence(member_sequence(7, 3), "us-election")).random()
    >>> b = np.random.default_rng(shock_sequence(member_sequence(7, 3), "us-election")).random()
    >>> c = np.random.default_rng(shock_sequence(member_sequence(7, 3), "pandemic")).random()
    >>> a == b, a != c
    (True, True)
    """
    key = (*member.spawn_key, _SHOCKS, _name_key(name))
    return np.random.SeedSequence(member.entropy, spawn_key=key, pool_size=member.pool_size)


_SHOCKS = int(Stream.SHOCKS)


@functools.lru_cache(maxsize=1024)
def _name_key(name: str) -> int:
    """Return the CRC-32 of a shock's name (its sub-key; computed once per name)."""
    return zlib.crc32(name.encode("utf-8"))


def as_generator(rng: T_Rng) -> np.random.Generator:
    """Normalise ``rng`` into a :class:`numpy.random.Generator` (the one place this happens).

    ``None`` gives fresh OS entropy; an int or a seed sequence seeds a new PCG64 generator; a
    generator is returned as it is (so the caller's stream advances).

    Raises
    ------
    TypeError
        For anything else (a float, a string, the legacy ``RandomState``).
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, np.random.SeedSequence):
        return np.random.default_rng(rng)
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        if int(rng) < 0:
            raise ValueError(f"a seed must be non-negative, got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(
        "rng must be an int, a numpy SeedSequence, a numpy Generator or None, "
        f"got {type(rng).__name__}"
    )


def child_seed(gen: np.random.Generator) -> int:
    """Draw a seed for a library that takes an integer seed (record it with the result).

    Positive, because SALib's ``analyze.sobol`` tests ``if seed:`` and falls back to the global
    ``np.random`` for 0; below 2**32, because scikit-learn's ``random_state`` must be.
    """
    return int(gen.integers(1, 2**32 - 1))


__all__ = [
    "MAX_MEMBERS",
    "MAX_SEED",
    "Stream",
    "T_Rng",
    "as_generator",
    "check_seed",
    "child_seed",
    "member_rng",
    "member_rngs",
    "member_sequence",
    "shock_sequence",
    "stream",
]
