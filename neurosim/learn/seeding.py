"""Counter-based random numbers: the k-th number of seed s is a hash of (s, k), so many seeds draw at once.

A sequential generator (``numpy.random.default_rng(seed)``) must be built once per seed, which costs tens of
microseconds; a million seeds then take most of a minute on the host. Here every number is a pure function of
its seed, stream and position, computed with vectorised ``uint64`` NumPy arithmetic over a whole (seeds ×
positions) block, so drawing for one seed and for a million seeds gives the same numbers for each seed.

The exact mapping (all arithmetic modulo 2⁶⁴; ``>>`` is a logical shift):

1. ``mix(z)``: z ← (z ⊕ (z >> 30)) · 0xBF58476D1CE4E5B9; z ← (z ⊕ (z >> 27)) · 0x94D049BB133111EB;
   return z ⊕ (z >> 31)  (the SplitMix64 finaliser).
2. Stream key: ``key(s, r) = s ⊕ mix(r · 0xD1B54A32D192ED03)``. Since mix(0) = 0, stream 0 has key = s.
3. Word k (k = 0, 1, …): ``x_k = mix(key + (k + 1) · 0x9E3779B97F4A7C15)`` — for stream 0 this is exactly the
   k-th output of Vigna's reference ``splitmix64.c`` seeded with s.
4. Uniform double k: ``u_k = (x_k >> 11) · 2⁻⁵³``, in [0, 1) on the 53-bit grid.
5. Standard normal k (Box–Muller, cosine branch only, so value k depends on words 2k and 2k+1 alone):
   ``n_k = √(−2 ln(1 − u_{2k})) · cos(2π u_{2k+1})``, the logarithm computed as ``log1p(−u)``; 1 − u ∈ (0, 1],
   so it is finite.

Seeds are integers in [0, 2⁶⁴). Nothing here touches a global state.

Notes
-----
SplitMix64: Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014, with the mixing
constants of Vigna's ``splitmix64.c`` (prng.di.unimi.it); counter-based generation: Salmon et al., "Parallel
random numbers: as easy as 1, 2, 3", SC 2011.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from ..errors import ParameterError

__all__ = ["GAMMA", "normals", "stream_keys", "uniforms", "words"]

GAMMA = 0x9E3779B97F4A7C15
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_STREAM = 0xD1B54A32D192ED03
_MASK = (1 << 64) - 1
#: rows × positions per block: the uint64 scratch (512 KiB) stays in cache, ~2× faster than whole-array passes
_BLOCK = 1 << 16


def _mix_inplace(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser on a uint64 array, in place (array arithmetic wraps modulo 2⁶⁴ silently)."""
    z ^= z >> np.uint64(30)
    z *= _M1
    z ^= z >> np.uint64(27)
    z *= _M2
    z ^= z >> np.uint64(31)
    return z


def stream_keys(seeds: Any, stream: int = 0) -> np.ndarray:
    """Keys ``s ⊕ mix(stream · C)`` of a batch of seeds.

    Parameters
    ----------
    seeds : int or array of ints, each in [0, 2⁶⁴)
    stream : int ≥ 0
        0 is the seed's main stream; others are independent side streams (e.g. re-initialisations).

    Returns
    -------
    (S,) uint64 array
    """
    if not 0 <= int(stream) <= _MASK:
        raise ParameterError(f"stream must be in [0, 2**64), got {stream!r}")
    arr = np.asarray(seeds)
    if arr.dtype == object or arr.dtype.kind not in "iu":
        if arr.dtype.kind == "b" or not all(isinstance(v, int | np.integer) for v in arr.reshape(-1).tolist()):
            raise ParameterError(f"seeds must be integers, got {seeds!r}")
        vals = [int(v) for v in arr.reshape(-1).tolist()]
        if any(not 0 <= v <= _MASK for v in vals):
            raise ParameterError("seeds must be integers in [0, 2**64)")
        keys = np.array(vals, dtype=np.uint64)
    else:
        if arr.dtype.kind == "i" and arr.size and int(arr.min()) < 0:
            raise ParameterError(f"seeds must be non-negative, got {int(arr.min())}")
        keys = arr.reshape(-1).astype(np.uint64)
    salt = _mix_inplace(np.array([int(stream) * _STREAM & _MASK], dtype=np.uint64))
    return keys ^ salt


def words(seeds: Any, n: int, stream: int = 0, start: int = 0) -> np.ndarray:
    """Raw 64-bit words ``x_k`` for k = start … start+n−1 of every seed.

    Returns
    -------
    (S, n) uint64 array
    """
    keys = stream_keys(seeds, stream)
    out = np.empty((keys.size, n), dtype=np.uint64)
    for lo, hi, block in _blocks(keys, n, start):
        out[lo:hi] = block
    return out


def _blocks(keys: np.ndarray, n: int, start: int = 0) -> Iterator[tuple[int, int, np.ndarray]]:
    """(lo, hi, words of keys[lo:hi]) in row blocks small enough to stay in cache (a scratch array is reused)."""
    ks = np.arange(start + 1, start + n + 1, dtype=np.uint64) * np.uint64(GAMMA)  # (k+1)·γ, wraps mod 2⁶⁴
    rows = max(1, _BLOCK // max(n, 1))
    scratch = np.empty((min(rows, keys.size), n), dtype=np.uint64)
    for lo in range(0, keys.size, rows):
        hi = min(lo + rows, keys.size)
        block = scratch[:hi - lo]
        np.add(keys[lo:hi, None], ks[None, :], out=block)
        yield lo, hi, _mix_inplace(block)


def uniforms(seeds: Any, n: int, stream: int = 0) -> np.ndarray:
    """Uniform doubles ``u_k`` in [0, 1), k = 0 … n−1, of every seed.

    Returns
    -------
    (S, n) float64 array
    """
    keys = stream_keys(seeds, stream)
    out = np.empty((keys.size, n))
    for lo, hi, block in _blocks(keys, n):
        _unit(block, out[lo:hi])
    return out


def normals(seeds: Any, n: int, stream: int = 0) -> np.ndarray:
    """Standard normals ``n_k`` (Box–Muller on words 2k, 2k+1), k = 0 … n−1, of every seed.

    Returns
    -------
    (S, n) float64 array
    """
    keys = stream_keys(seeds, stream)
    out = np.empty((keys.size, n))
    for lo, hi, block in _blocks(keys, 2 * n):
        u = _unit(block)
        radius = np.sqrt(-2.0 * np.log1p(-u[:, 0::2]))
        np.multiply(radius, np.cos(2.0 * np.pi * u[:, 1::2]), out=out[lo:hi])
    return out


def _unit(block: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    # the top 53 bits, exactly representable in a double, scaled onto [0, 1) (block is overwritten)
    block >>= np.uint64(11)
    return np.multiply(block, 1.0 / (1 << 53), out=out)
