"""Net files: JSON (schema, errors with paths), GraphML (the exchange contract), node-link, DOT, BLIF, load/save."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neurosim.core.graph import canonical_net
from neurosim.core.mp import MPNet, MPUnit, and_unit, not_unit, or_unit
from neurosim.core.simulate import evaluate
from neurosim.errors import InvalidNetworkError, ParseError, SpecError
from neurosim.io import (
    load_net,
    net_from_graphml,
    net_from_json,
    net_from_nodelink,
    net_schema,
    net_to_blif,
    net_to_bytes,
    net_to_dot,
    net_to_graphml,
    net_to_json,
    net_to_nodelink,
    save_net,
)
from neurosim.io.net_json import net_to_dict

from ..oracles.nets import mp_nets

XOR = MPNet(("x1", "x2"), (and_unit("h1", ("x1",), ("x2",)), and_unit("h2", ("x2",), ("x1",)),
                           or_unit("y", ("h1", "h2"))), {"y": "y"})
LATCH = MPNet(("s", "r"), (MPUnit("m", 1, ("s", "m"), ("r",)),), {"q": "m"}, initial={"m"})
DFA_META = {"symbol_inputs": "a,b", "start_input": "start", "accept_unit": "acc", "accept_delay": 2}
GML = "{http://graphml.graphdrawing.org/xmlns}"

_text = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_categories=("Cs",)), max_size=8)
_scalars = st.one_of(_text, st.integers(-(2**70), 2**70), st.booleans(),
                     st.floats(allow_nan=False, allow_infinity=False))


@st.composite
def nets_with_extras(draw, feedforward: bool | None = None) -> MPNet:
    """Random nets (feedforward or recurrent) with random initial sets and metadata."""
    ff = draw(st.booleans()) if feedforward is None else feedforward
    net = draw(mp_nets(feedforward=ff))
    initial = draw(st.sets(st.sampled_from(net.unit_names)))
    meta = draw(st.dictionaries(st.sampled_from(["accept_unit", "k", "note", "symbol_inputs", "w.x"]), _scalars))
    return MPNet(net.inputs, net.units, net.outputs, frozenset(initial), tuple(meta.items()))


def same(a: MPNet, b: MPNet) -> None:
    assert a == b
    assert a.unit_names == b.unit_names and a.output_names == b.output_names
    assert a.meta == b.meta
    assert [type(v) for _, v in sorted(a.metadata)] == [type(v) for _, v in sorted(b.metadata)]


# ---- edge cases first ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("net", [
    MPNet((), (), ()),
    MPNet(("x",), (), {"y": "x"}),
    MPNet((), (MPUnit("one", 0),), {"c": "one"}, initial={"one"}),
    LATCH.with_metadata(**DFA_META),
])
@pytest.mark.parametrize("fmt", ["json", "graphml", "nodelink"])
def test_round_trip_edge_cases(net: MPNet, fmt: str) -> None:
    back = load_net(net_to_bytes(net, fmt))
    same(back, net)


def test_json_is_byte_stable_and_documented_shape() -> None:
    text = net_to_json(XOR)
    assert text == net_to_json(net_from_json(text))
    d = json.loads(text)
    assert list(d) == ["format", "version", "inputs", "units", "outputs", "initial", "metadata"]
    assert d["units"][0] == {"name": "h1", "threshold": 1, "excitatory": {"x1": 1}, "inhibitory": ["x2"]}
    assert text.count("\n") == 13  # 7 keys, 3 units, 3 brackets and text.endswith("}\n")


def test_multiset_weights_and_sorted_sets_in_json() -> None:
    net = MPNet(("b", "a"), (MPUnit("u", 3, ("b", "a", "b"), ("b", "a")),), {}, initial={"u"})
    d = net_to_dict(net)
    assert d["units"][0]["excitatory"] == {"a": 1, "b": 2}
    assert list(d["units"][0]["excitatory"]) == ["a", "b"] and d["units"][0]["inhibitory"] == ["a", "b"]
    assert d["inputs"] == ["b", "a"]  # order of inputs is meaningful and kept


# ---- property tests: write then read -------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(nets_with_extras())
def test_json_round_trip(net: MPNet) -> None:
    same(net_from_json(net_to_json(net)), net)


@settings(max_examples=40, deadline=None)
@given(nets_with_extras())
def test_graphml_round_trip(net: MPNet) -> None:
    text = net_to_graphml(net)
    assert text == net_to_graphml(net)
    same(net_from_graphml(text), canonical_net(net))


@settings(max_examples=40, deadline=None)
@given(nets_with_extras())
def test_nodelink_round_trip(net: MPNet) -> None:
    same(net_from_nodelink(net_to_nodelink(net)), canonical_net(net))


@settings(max_examples=30, deadline=None)
@given(mp_nets(feedforward=True))
def test_canonical_net_computes_the_same_function(net: MPNet) -> None:
    rows = np.array(list(itertools.product((0, 1), repeat=len(net.inputs))), dtype=np.uint8)
    assert np.array_equal(np.asarray(evaluate(net, rows)), np.asarray(evaluate(canonical_net(net), rows)))


# ---- JSON Schema -----------------------------------------------------------------------------------------------
def _validate(inst, schema, root, path="$"):
    """A hand validator for the JSON Schema keywords net.schema.json uses (jsonschema is not a dependency)."""
    if "$ref" in schema:
        ref = schema["$ref"].removeprefix("#/").split("/")
        target = root
        for part in ref:
            target = target[part]
        _validate(inst, target, root, path)
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "number": (int, float)}
    if "type" in schema:
        allowed = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any((t == "integer" and isinstance(inst, int) and not isinstance(inst, bool))
                 or (t != "integer" and isinstance(inst, types[t])) for t in allowed)
        assert ok, f"{path}: {inst!r} is not {allowed}"
    if "const" in schema:
        assert inst == schema["const"], path
    if "enum" in schema:
        assert inst in schema["enum"], path
    if "not" in schema:
        try:
            _validate(inst, schema["not"], root, path)
        except AssertionError:
            pass
        else:
            raise AssertionError(f"{path}: {inst!r} matches a 'not' schema")
    if "minimum" in schema:
        assert inst >= schema["minimum"], path
    if "minLength" in schema:
        assert len(inst) >= schema["minLength"], path
    if "pattern" in schema:
        assert re.search(schema["pattern"], inst), f"{path}: {inst!r}"
    if isinstance(inst, dict):
        for k in schema.get("required", []):
            assert k in inst, f"{path}.{k} missing"
        props = schema.get("properties", {})
        for k, v in inst.items():
            if "propertyNames" in schema:
                _validate(k, schema["propertyNames"], root, f"{path}.{k}")
            if k in props:
                _validate(v, props[k], root, f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                raise AssertionError(f"{path}.{k}: additional property")
            elif isinstance(schema.get("additionalProperties"), dict):
                _validate(v, schema["additionalProperties"], root, f"{path}.{k}")
    if isinstance(inst, list):
        if schema.get("uniqueItems"):
            assert len({json.dumps(x) for x in inst}) == len(inst), path
        for i, x in enumerate(inst):
            if "items" in schema:
                _validate(x, schema["items"], root, f"{path}[{i}]")


@settings(max_examples=40, deadline=None)
@given(nets_with_extras())
def test_writer_output_conforms_to_the_schema(net: MPNet) -> None:
    schema = net_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    _validate(json.loads(net_to_json(net)), schema, schema)


@pytest.mark.parametrize("bad", [
    {"version": 2}, {"units": [{"name": "u", "threshold": -1}]}, {"units": [{"name": "u", "threshold": 1, "x": 1}]},
    {"inputs": ["1x"]}, {"metadata": {"inputs": "a"}}, {"units": [{"name": "u", "threshold": 0,
                                                                  "excitatory": {"x1": 0}}]},
])
def test_hand_validator_rejects_what_the_reader_rejects(bad: dict) -> None:
    d = {**json.loads(net_to_json(XOR)), **bad}
    schema = net_schema()
    with pytest.raises(AssertionError):
        _validate(d, schema, schema)
    with pytest.raises(SpecError):
        net_from_json(json.dumps(d))


# ---- errors: one clear message each ----------------------------------------------------------------------------
def _xor_json(**changes) -> dict:
    d = json.loads(net_to_json(XOR))
    d.update(changes)
    return d


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["units"][2].__setitem__("threshold", -1), "$.units[2].threshold: expected an integer >= 0, found -1"),
    (lambda d: d["units"][0].__setitem__("threshold", "2"), '$.units[0].threshold: expected an integer >= 0, '
                                                            'found "2"'),
    (lambda d: d["units"][0].__setitem__("threshold", True), "$.units[0].threshold: expected an integer >= 0"),
    (lambda d: d.__setitem__("version", 2), "$.version: expected 1"),
    (lambda d: d.__setitem__("format", "other"), "$.format: expected 'neurosim-net'"),
    (lambda d: d.pop("units"), "$.units: required key is missing"),
    (lambda d: d.__setitem__("extra", 1), "$.extra: unknown key"),
    (lambda d: d["units"][1]["excitatory"].__setitem__("zz", 1), "$.units[1].excitatory.zz: unknown source 'zz'"),
    (lambda d: d["units"][1].__setitem__("inhibitory", ["x1", "nope"]), "$.units[1].inhibitory[1]: unknown source"),
    (lambda d: d["units"][1].__setitem__("name", "h1"), "$.units[1].name: duplicate node name 'h1'"),
    (lambda d: d["units"][0].__setitem__("name", "x1"), "$.units[0].name: duplicate node name 'x1'"),
    (lambda d: d["units"][0]["excitatory"].__setitem__("x1", 0), "$.units[0].excitatory.x1: expected an integer >= 1"),
    (lambda d: d["units"][0].__setitem__("excitatory", ["x1"]), "$.units[0].excitatory: expected an object"),
    (lambda d: d.__setitem__("inputs", "x1,x2"), "$.inputs: expected an array of names"),
    (lambda d: d.__setitem__("outputs", {"y": "nope"}), "$.outputs.y: unknown node 'nope'"),
    (lambda d: d.__setitem__("initial", ["x1"]), "$.initial[0]: expected a unit name"),
    (lambda d: d.__setitem__("metadata", {"k": [1]}), "$.metadata.k: expected a scalar"),
    (lambda d: d.__setitem__("metadata", {"outputs": 1}), "$.metadata.outputs: metadata keys must"),
    (lambda d: d["units"].__setitem__(0, 3), "$.units[0]: expected an object, found 3"),
])
def test_bad_net_json_names_the_path(mutate, message: str) -> None:
    d = _xor_json()
    mutate(d)
    with pytest.raises(SpecError) as info:
        net_from_json(json.dumps(d), source="net.json")
    assert str(info.value).startswith("net.json: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("text, line, col", [
    ("", 1, 1), ("{\n  \"format\": \"neurosim-net\",\n  oops\n}", 3, 3), ('{"a": NaN}', None, None), ("[1,", 1, 4),
])
def test_not_json_is_a_parse_error_with_position(text: str, line, col) -> None:
    with pytest.raises(ParseError) as info:
        net_from_json(text, source="bad.json")
    assert info.value.source == "bad.json"
    assert (info.value.line, info.value.column) == (line, col)


def test_duplicate_keys_are_refused() -> None:
    text = net_to_json(XOR).replace('"outputs": {"y": "y"}', '"outputs": {"y": "y", "y": "h1"}')
    with pytest.raises(SpecError, match=r"\$\.outputs\.y: duplicate key"):
        net_from_json(text)


def test_wrong_top_level_type() -> None:
    with pytest.raises(SpecError, match=r"^<string>: \$: expected an object, found an array"):
        net_from_json("[]")


# ---- GraphML: the exchange contract ----------------------------------------------------------------------------
def test_graphml_contract_attribute_names_and_types() -> None:
    net = MPNet(("a", "b"), (MPUnit("h", 1, ("a", "a", "b"), ("b",)), MPUnit("m", 1, ("h", "m"), ("a",))),
                {"y": "m", "z": "a"}, initial={"m"}).with_metadata(**DFA_META)
    root = ET.fromstring(net_to_graphml(net))
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iter(GML + "key")}
    assert set(keys.values()) == {
        ("graph", "inputs", "string"), ("graph", "outputs", "string"), ("graph", "symbol_inputs", "string"),
        ("graph", "start_input", "string"), ("graph", "accept_unit", "string"), ("graph", "accept_delay", "int"),
        ("node", "kind", "string"), ("node", "threshold", "int"), ("node", "initial", "boolean"),
        ("edge", "weight", "int"), ("edge", "inhibitory", "boolean")}  # recurrent: no layer
    graph = root.find(GML + "graph")
    assert graph.get("edgedefault") == "directed"
    gdata = {keys[d.get("key")][1]: d.text for d in graph.findall(GML + "data")}
    assert gdata["inputs"] == "a,b" and gdata["outputs"] == "y=m,z=a" and gdata["accept_delay"] == "2"
    nodes = {n.get("id"): {keys[d.get("key")][1]: d.text for d in n.findall(GML + "data")}
             for n in graph.findall(GML + "node")}
    assert nodes["a"] == {"kind": "input"}
    assert nodes["h"] == {"kind": "unit", "threshold": "1", "initial": "false"}
    assert nodes["m"] == {"kind": "unit", "threshold": "1", "initial": "true"}
    edges = [(e.get("source"), e.get("target"), {keys[d.get("key")][1]: d.text for d in e.findall(GML + "data")})
             for e in graph.findall(GML + "edge")]
    pairs = [(s, t) for s, t, _ in edges]
    assert len(pairs) == len(set(pairs))  # one edge per source->target pair
    got = {(s, t): (d["weight"], d["inhibitory"]) for s, t, d in edges}
    # b is both excitatory and inhibitory to h: one inhibitory edge of weight 1 (the veto makes it never count)
    assert got == {("a", "h"): ("2", "false"), ("b", "h"): ("1", "true"), ("h", "m"): ("1", "false"),
                   ("m", "m"): ("1", "false"), ("a", "m"): ("1", "true")}


def test_graphml_has_layers_for_feedforward_nets() -> None:
    root = ET.fromstring(net_to_graphml(XOR))
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(GML + "key")}
    layer = {n.get("id"): d.text for n in root.iter(GML + "node") for d in n.findall(GML + "data")
             if keys[d.get("key")] == "layer"}
    assert layer == {"x1": "0", "x2": "0", "h1": "1", "h2": "1", "y": "2"}


def test_networkx_reads_our_graphml() -> None:
    import networkx as nx

    G = nx.parse_graphml(net_to_graphml(LATCH.with_metadata(**DFA_META)))
    assert G.graph["inputs"] == "s,r" and G.graph["accept_delay"] == 2
    assert G.nodes["m"] == {"kind": "unit", "threshold": 1, "initial": True}
    assert G.edges["r", "m"] == {"weight": 1, "inhibitory": True}


_GRAPHML_HEAD = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'


@pytest.mark.parametrize("text, exc, message", [
    ('<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY x "boom">]>\n<graphml/>', ParseError,
     "x.graphml:2:1: expected GraphML without DTDs or entities, found a <!DOCTYPE> declaration"),
    ('<?xml version="1.0"?><!ENTITY x "y"><graphml/>', ParseError, "not well-formed XML"),
    ("<graphml><graph>", ParseError, "not well-formed XML"),
    ("<svg/>", ParseError, "expected a <graphml> document, found <svg>"),
    (_GRAPHML_HEAD + '<graph edgedefault="undirected"/></graphml>', SpecError, "expected a directed graph"),
    (_GRAPHML_HEAD + '<key id="k" for="node" attr.name="kind" attr.type="string"/><graph edgedefault="directed">'
     '<node id="u"><data key="k">unit</data></node></graph></graphml>', SpecError,
     "$.nodes['u'].threshold: expected a threshold on every unit"),
    (_GRAPHML_HEAD + '<key id="k" for="node" attr.name="kind" attr.type="string"/><graph edgedefault="directed">'
     '<node id="u"><data key="k">neuron</data></node></graph></graphml>', SpecError, "expected kind 'input'"),
    (_GRAPHML_HEAD + '<key id="k" for="node" attr.name="kind" attr.type="string"/><graph edgedefault="directed">'
     '<node id="a"><data key="k">input</data></node><node id="b"><data key="k">input</data></node>'
     '<edge source="a" target="b"/></graph></graphml>', SpecError, "found one into input 'b'"),
    (_GRAPHML_HEAD + '<key id="t" for="node" attr.name="threshold" attr.type="int"/><graph edgedefault="directed">'
     '<node id="u"><data key="t">two</data></node></graph></graphml>', ParseError, "bad GraphML"),
])
def test_bad_graphml_gives_one_clear_error(text: str, exc: type, message: str) -> None:
    with pytest.raises(exc) as info:
        net_from_graphml(text, source="x.graphml")
    assert message in str(info.value)
    assert str(info.value).startswith("x.graphml")


def test_graphml_threshold_must_be_nonnegative() -> None:
    text = net_to_graphml(XOR)
    key = re.search(r'<key id="(d\d+)" for="node" attr.name="threshold"', text).group(1)
    text = text.replace(f'<data key="{key}">1</data>', f'<data key="{key}">-1</data>', 1)
    assert "-1" in text
    with pytest.raises(SpecError, match=r"threshold: expected an integer >= 0, found -1"):
        net_from_graphml(text)


def test_graphml_parallel_edges_are_refused() -> None:
    text = net_to_graphml(XOR)
    edge = re.search(r"<edge source=\"x1\" target=\"h1\">.*?</edge>", text, re.S).group(0)
    with pytest.raises(SpecError, match=r"one edge per source->target pair, found 2"):
        net_from_graphml(text.replace(edge, edge + edge))


# ---- DOT ---------------------------------------------------------------------------------------------------------
def test_dot_marks_inhibition_and_counts() -> None:
    net = MPNet(("a", "b"), (MPUnit("u", 2, ("a", "a", "b")), not_unit("v", "u")), {"out": "v"}, initial={"u"})
    text = net_to_dot(net)
    assert text == net_to_dot(net) and text.startswith('digraph "mpnet" {') and text.endswith("}\n")
    assert '"u" -> "v" [arrowhead=dot' in text and text.count("arrowhead=dot") == 1
    assert '"a" -> "u" [arrowhead=normal, label="2"];' in text
    assert '"b" -> "u" [arrowhead=normal];' in text
    assert '"u" [label="u\nθ=2", style=filled' in text
    assert "{ rank=source;" in text and "// layer 1" in text and "// layer 2" in text
    assert '"@out out" [shape=plaintext, label="out"];' in text


def test_dot_of_recurrent_net_has_no_layers() -> None:
    text = net_to_dot(LATCH)
    assert "layer" not in text and '"m" -> "m" [arrowhead=normal];' in text and '"r" -> "m" [arrowhead=dot' in text


# ---- BLIF, checked by reading it back --------------------------------------------------------------------------
def _blif_eval(text: str, row: dict[str, int]) -> dict[str, int]:
    """A tiny BLIF reader/evaluator: .names tables in order (they are topologically sorted), on-set covers."""
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    values = dict(row)
    outputs: list[str] = []
    i = 0
    while i < len(lines):
        parts = lines[i].split()
        if parts[0] == ".outputs":
            outputs = parts[1:]
        if parts[0] == ".names":
            *ins, out = parts[1:]
            cubes = []
            i += 1
            while i < len(lines) and not lines[i].startswith("."):
                cube = lines[i].split()
                cubes.append(cube[0] if ins else "")
                assert cube[-1] == "1"
                i += 1
            values[out] = int(any(all(c == "-" or int(c) == values[s] for c, s in zip(cube, ins, strict=True))
                                  for cube in cubes))
            continue
        i += 1
    return {o: values[o] for o in outputs}


@settings(max_examples=50, deadline=None)
@given(mp_nets(feedforward=True, max_inputs=4, max_units=6))
def test_blif_agrees_with_evaluate(net: MPNet) -> None:
    net = MPNet(net.inputs, net.units, [(f"o_{n}", node) for n, node in net.outputs])
    text = net_to_blif(net)
    assert text.splitlines()[1:4] == [".model mpnet", ".inputs " + " ".join(net.inputs),
                                      ".outputs " + " ".join(net.output_names)]
    rows = np.array(list(itertools.product((0, 1), repeat=len(net.inputs))), dtype=np.uint8)
    want = np.asarray(evaluate(net, rows))
    for r, row in enumerate(rows):
        got = _blif_eval(text, dict(zip(net.inputs, map(int, row), strict=True)))
        assert [got[n] for n in net.output_names] == want[r].tolist()


def test_blif_worked_example() -> None:
    net = MPNet(("a", "b", "c"), (MPUnit("u", 2, ("a", "a", "b", "c"), ("c",)), MPUnit("k", 0)), {"u": "u", "k": "k"})
    lines = net_to_blif(net).splitlines()
    # over sources a, b, c: c vetoes; a alone (weight 2) reaches θ = 2; b alone (1) does not
    assert lines[lines.index(".names a b c u") + 1:lines.index(".names a b c u") + 2] == ["1-0 1"]
    assert ".names k" in lines and lines[lines.index(".names k") + 1] == "1"


@pytest.mark.parametrize("net, message", [
    (LATCH, "BLIF is combinational and needs a feedforward net"),
    (MPNet(tuple(f"x{i}" for i in range(17)), (MPUnit("u", 1, tuple(f"x{i}" for i in range(17))),), {"u": "u"}),
     "has 17 distinct sources"),
    (MPNet(("a", "b"), (MPUnit("u", 1, ("a",)),), {"b": "u"}), "'b' is another node"),
])
def test_blif_refusals(net: MPNet, message: str) -> None:
    with pytest.raises(InvalidNetworkError, match=re.escape(message)):
        net_to_blif(net)


# ---- load / save -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, fmt", [("n.json", "json"), ("n.graphml", "graphml"), ("n.nodelink.json", "nodelink"),
                                       ("n.xml", "graphml")])
def test_save_then_load_by_suffix(tmp_path: Path, name: str, fmt: str) -> None:
    p = tmp_path / name
    assert save_net(XOR, p) == fmt
    assert load_net(p) == XOR and load_net(str(p)) == XOR and load_net(p.read_bytes()) == XOR
    assert load_net(p.read_text()) == XOR


def test_save_net_text_formats_and_errors(tmp_path: Path) -> None:
    save_net(XOR, tmp_path / "x.dot")
    save_net(XOR, tmp_path / "x.blif")
    assert (tmp_path / "x.dot").read_text().startswith("digraph")
    assert (tmp_path / "x.blif").read_text().startswith("# McCulloch-Pitts")
    with pytest.raises(SpecError, match=r"x\.txt: cannot tell the net format from '\.txt'; expected one of .*graphml"):
        save_net(XOR, tmp_path / "x.txt")
    with pytest.raises(SpecError, match="unknown net format 'gif'"):
        net_to_bytes(XOR, "gif")
    with pytest.raises(FileNotFoundError):
        save_net(XOR, tmp_path / "missing" / "x.json")
    with pytest.raises(InvalidNetworkError):
        save_net(LATCH, tmp_path / "l.blif")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.blif", "x.dot"]  # no partial or temporary files


def test_load_net_sniffing_errors(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="1:1: expected a net file"):
        load_net(b"hello")
    with pytest.raises(FileNotFoundError):
        load_net(tmp_path / "nope.json")
    with pytest.raises(SpecError, match=r"\$\.nodes: expected an array of objects"):
        load_net('{"nodes": 3, "edges": []}')


def test_metadata_must_be_scalar_to_write() -> None:
    net = XOR.with_metadata(states=["a", "b"])
    for fmt in ("json", "graphml", "nodelink"):
        with pytest.raises(InvalidNetworkError, match="metadata 'states': expected a scalar"):
            net_to_bytes(net, fmt)
    with pytest.raises(InvalidNetworkError, match="reserved"):
        net_to_json(XOR.with_metadata(inputs="a"))
