"""The neurosim net JSON format, version 1: read with exact error paths, write byte-stable.

Format
------
One JSON object with exactly these keys, written in this order::

    {
      "format": "neurosim-net",
      "version": 1,
      "inputs": ["x1", "x2"],
      "units": [
        {"name": "h1", "threshold": 1, "excitatory": {"x1": 1}, "inhibitory": ["x2"]},
        {"name": "y", "threshold": 1, "excitatory": {"h1": 1, "h2": 1}, "inhibitory": []}
      ],
      "outputs": {"y": "y"},
      "initial": [],
      "metadata": {}
    }

- ``format`` (required): the string ``"neurosim-net"``; ``version`` (required): the integer 1.
- ``inputs`` (required): input node names, in order (the column order of input rows).
- ``units`` (required): the units in order. ``name`` and ``threshold`` (integer ≥ 0) are required;
  ``excitatory`` maps a source node to its number of synapses (integer ≥ 1; the 1943 multiset), written with
  sources sorted; ``inhibitory`` is a set of source nodes, written sorted. Both default to empty.
- ``outputs`` (default ``{}``): output name -> node (a unit or an input), in order.
- ``initial`` (default ``[]``): units firing at tick 0, written sorted.
- ``metadata`` (default ``{}``): scalars (string, integer, finite number, boolean), written with keys sorted;
  e.g. a DFA net's ``symbol_inputs``, ``start_input``, ``accept_unit``, ``accept_delay``.

Names match ``[A-Za-z_][A-Za-z0-9_.\\[\\]:-]*`` and are unique across inputs and units. Unknown keys are errors
(a typo never passes silently), and so are duplicate keys inside an object. The JSON Schema (draft 2020-12) is
``neurosim/io/schemas/net.schema.json``; :func:`schema` loads it.

Notes
-----
Units and synapses as in McCulloch & Pitts (1943): a source listed k times has k synapses; inhibition vetoes.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..core import MAX_SYNAPSES, RESERVED_GRAPH_KEYS, MPNet, MPUnit, check_metadata
from ..errors import InvalidNetworkError, SpecError
from .source import loads_json

__all__ = ["FORMAT", "VERSION", "net_from_dict", "net_from_json", "net_to_dict", "net_to_json", "schema"]

FORMAT = "neurosim-net"
VERSION = 1
_TOP = ("format", "version", "inputs", "units", "outputs", "initial", "metadata")
_UNIT = ("name", "threshold", "excitatory", "inhibitory")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the net format, as a dict."""
    text = (resources.files("neurosim.io") / "schemas" / "net.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


# ---- writing ------------------------------------------------------------------------------------------------
def net_to_dict(net: MPNet) -> dict[str, Any]:
    """The JSON object of ``net`` (keys in the documented order, sets sorted)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "inputs": list(net.inputs),
        "units": [{"name": u.name, "threshold": u.threshold, "excitatory": u.weights,
                   "inhibitory": list(u.inhibitory)} for u in net.units],
        "outputs": dict(net.outputs),
        "initial": sorted(net.initial),
        "metadata": dict(check_metadata(net)),
    }


def net_to_json(net: MPNet) -> str:
    """Byte-stable JSON text of ``net``: one unit per line, a final newline.

    Raises
    ------
    InvalidNetworkError
        A metadata value that is not a scalar.
    """
    d = net_to_dict(net)

    def dump(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False, allow_nan=False)

    lines = ["{"]
    for key in _TOP:
        if key == "units":
            if not d["units"]:
                lines.append('  "units": [],')
                continue
            lines.append('  "units": [')
            rows = [f"    {dump(u)}" for u in d["units"]]
            lines.append(",\n".join(rows))
            lines.append("  ],")
        else:
            lines.append(f"  {dump(key)}: {dump(d[key])}" + ("," if key != _TOP[-1] else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---- reading ------------------------------------------------------------------------------------------------
def _kind(v: Any) -> str:
    if v is None:
        return "null"
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array"}.get(
        type(v), "an object" if isinstance(v, dict) else type(v).__name__)


def _found(v: Any) -> str:
    text = json.dumps(v) if isinstance(v, str | int | float | bool) or v is None else _kind(v)
    return text if len(text) <= 40 else text[:37] + "..."


class _Reader:
    def __init__(self, source: str | None) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> SpecError:
        return SpecError(message, path, self.source)

    def obj(self, v: Any, path: str, allowed: tuple[str, ...] | None = None, required: tuple[str, ...] = (),
            what: str = "an object") -> dict[str, Any]:
        if not isinstance(v, dict):
            raise self.fail(path, f"expected {what}, found {_found(v)}")
        for k in v:
            if allowed is not None and k not in allowed:
                raise self.fail(f"{path}.{k}", f"unknown key; expected one of {', '.join(allowed)}")
        for k in required:
            if k not in v:
                raise self.fail(f"{path}.{k}", "required key is missing")
        return v

    def int_(self, v: Any, path: str, minimum: int) -> int:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
            raise self.fail(path, f"expected an integer >= {minimum}, found {_found(v)}")
        return v

    def name(self, v: Any, path: str) -> str:
        if not isinstance(v, str):
            raise self.fail(path, f"expected a name (string), found {_found(v)}")
        try:
            MPUnit(v, 0)
        except InvalidNetworkError as exc:
            raise self.fail(path, f"expected a name of letters, digits, '_', '.', '-', '[', ']', ':' "
                                  f"not starting with a digit, found {_found(v)}") from exc
        return v

    def names(self, v: Any, path: str) -> list[str]:
        if not isinstance(v, list):
            raise self.fail(path, f"expected an array of names, found {_found(v)}")
        out = [self.name(x, f"{path}[{i}]") for i, x in enumerate(v)]
        for i, x in enumerate(out):
            if x in out[:i]:
                raise self.fail(f"{path}[{i}]", f"duplicate name {x!r} in a set")
        return out


def net_from_dict(d: Any, *, source: str | None = None) -> MPNet:
    """Validate a parsed net JSON object and build the net.

    Raises
    ------
    SpecError
        With the JSON path of the first problem, e.g. ``$.units[3].threshold: expected an integer >= 0,
        found -1``.
    """
    r = _Reader(source)
    d = r.obj(d, "$", _TOP, ("format", "version", "inputs", "units"))
    if d["format"] != FORMAT:
        raise r.fail("$.format", f"expected {FORMAT!r}, found {_found(d['format'])}")
    if d["version"] != VERSION or isinstance(d["version"], bool):
        raise r.fail("$.version", f"expected {VERSION} (the net format version this neurosim reads), "
                                  f"found {_found(d['version'])}")
    inputs = r.names(d["inputs"], "$.inputs")
    where: dict[str, str] = {}
    for i, x in enumerate(inputs):
        if x in where:
            raise r.fail(f"$.inputs[{i}]", f"duplicate node name {x!r} (first at {where[x]})")
        where[x] = f"$.inputs[{i}]"
    if not isinstance(d["units"], list):
        raise r.fail("$.units", f"expected an array of units, found {_found(d['units'])}")
    raw_units = []
    total = 0  # synapses so far: checked before any list of them is built
    for i, u in enumerate(d["units"]):
        p = f"$.units[{i}]"
        u = r.obj(u, p, _UNIT, ("name", "threshold"))
        name = r.name(u["name"], p + ".name")
        if name in where:
            raise r.fail(p + ".name", f"duplicate node name {name!r} (first at {where[name]})")
        where[name] = p + ".name"
        theta = r.int_(u["threshold"], p + ".threshold", 0)
        exc = r.obj(u.get("excitatory", {}), p + ".excitatory", what="an object mapping sources to counts")
        exc_list: list[str] = []
        for s, k in exc.items():
            r.name(s, f"{p}.excitatory")
            count = r.int_(k, f"{p}.excitatory.{s}", 1)
            total += count
            if total > MAX_SYNAPSES:
                raise r.fail(f"{p}.excitatory.{s}", f"{count:,} synapses bring the net to {total:,}, more than the "
                                                    f"{MAX_SYNAPSES:,} a net may have")
            exc_list += [s] * count
        inh = r.names(u.get("inhibitory", []), p + ".inhibitory")
        total += len(inh)
        raw_units.append((p, name, theta, exc_list, inh))
    units = []
    for p, name, theta, exc_list, inh in raw_units:
        for s in exc_list:
            if s not in where:
                raise r.fail(f"{p}.excitatory.{s}", f"unknown source {s!r}: not an input or unit of this net")
        for i, s in enumerate(inh):
            if s not in where:
                raise r.fail(f"{p}.inhibitory[{i}]", f"unknown source {s!r}: not an input or unit of this net")
        units.append(MPUnit(name, theta, tuple(exc_list), tuple(inh)))
    outputs = r.obj(d.get("outputs", {}), "$.outputs", what="an object mapping output names to nodes")
    for k, node in outputs.items():
        r.name(k, "$.outputs")
        r.name(node, f"$.outputs.{k}")
        if node not in where:
            raise r.fail(f"$.outputs.{k}", f"unknown node {node!r}: not an input or unit of this net")
    initial = r.names(d.get("initial", []), "$.initial")
    unit_names = {u.name for u in units}
    for i, n in enumerate(initial):
        if n not in unit_names:
            raise r.fail(f"$.initial[{i}]", f"expected a unit name, found {n!r}")
    meta = r.obj(d.get("metadata", {}), "$.metadata", what="an object of scalars")
    for k, v in meta.items():
        if not k or k in RESERVED_GRAPH_KEYS:
            raise r.fail(f"$.metadata.{k}", f"metadata keys must be non-empty and not one of "
                                            f"{', '.join(sorted(RESERVED_GRAPH_KEYS))}")
        if v is None or not isinstance(v, str | int | float | bool):
            raise r.fail(f"$.metadata.{k}", f"expected a scalar (string, number, boolean), found {_found(v)}")
    try:
        return MPNet(tuple(inputs), tuple(units), tuple(outputs.items()), frozenset(initial),
                     tuple(meta.items()))
    except InvalidNetworkError as exc_:  # anything the checks above missed still names the file
        raise r.fail("$", str(exc_)) from exc_


def net_from_json(text: str | bytes, *, source: str | None = None) -> MPNet:
    """Parse net JSON text.

    Parameters
    ----------
    text : str or bytes
    source : str, optional
        File name for error messages (default ``"<string>"``).

    Raises
    ------
    ParseError
        Not JSON (with line and column).
    SpecError
        Valid JSON that is not a valid net (with the JSON path).
    """
    src = source or "<string>"
    return net_from_dict(loads_json(text, src), source=src)
