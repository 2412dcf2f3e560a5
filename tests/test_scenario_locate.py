"""The TOML location scanner maps every path to the line where it is written."""

from __future__ import annotations

import tomllib

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from equipoise.scenario.locate import locate_paths, nearest


def test_tables_arrays_and_inline_values() -> None:
    text = (
        "# comment [not a table]\n"  # 1
        "[scenario]\n"  # 2
        'name = "x" # trailing\n'  # 3
        '"quoted key" = 1\n'  # 4
        "\n"  # 5
        "[[issues]]\n"  # 6
        'id = "a"\n'  # 7
        "positions = [\n"  # 8
        '  { actor = "USA", position = 1 },\n'  # 9
        '  { actor = "JPN", note = """multi\n'  # 10
        'line ] } """ },\n'  # 11
        "]\n"  # 12
        "[[issues]]\n"  # 13
        'id = "b"\n'  # 14
        "[[issues.extra]]\n"  # 15
        "k.sub = 2\n"  # 16
    )
    tomllib.loads(text)  # valid TOML
    where = locate_paths(text)
    assert where[("scenario",)] == (2, 1)
    assert where[("scenario", "name")] == (3, 1)
    assert where[("scenario", "quoted key")] == (4, 1)
    assert where[("issues", 0)] == (6, 1)
    assert where[("issues", 0, "positions", 0)] == (9, 3)
    assert where[("issues", 0, "positions", 0, "position")] == (9, 20)
    assert where[("issues", 0, "positions", 1, "note")] == (10, 20)
    assert where[("issues", 1, "id")] == (14, 1)
    assert where[("issues", 1, "extra", 0, "k", "sub")] == (16, 1)
    assert nearest(where, ("issues", 0, "positions", 1, "missing")) == (10, 3)


_keys = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
_scalars = st.one_of(
    st.integers(-1000, 1000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    st.booleans(),
)
_docs = st.recursive(
    st.dictionaries(_keys, _scalars, max_size=4),
    lambda children: st.dictionaries(
        _keys,
        st.one_of(_scalars, children, st.lists(children, min_size=1, max_size=3)),
        max_size=4,
    ),
    max_leaves=20,
)


def _leaves(doc: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(doc, dict):
        return [p for k, v in doc.items() for p in _leaves(v, (*path, k))] or [path]
    if isinstance(doc, list):
        return [p for i, v in enumerate(doc) for p in _leaves(v, (*path, i))] or [path]
    return [path]


@settings(max_examples=150, deadline=None)
@given(_docs, st.booleans())
def test_every_value_is_located(doc: dict[str, object], multiline: bool) -> None:
    """Property: whatever tomli_w writes, each leaf path is found on a line naming its key."""
    text = tomli_w.dumps(doc, multiline_strings=multiline)
    assert tomllib.loads(text) == doc
    where = locate_paths(text)
    lines = text.splitlines()
    for path in _leaves(doc):
        if not path:
            continue
        assert path in where, (path, text)
        line, _ = where[path]
        last_key = next((p for p in reversed(path) if isinstance(p, str)), None)
        if isinstance(path[-1], str):
            assert last_key is not None and last_key in lines[line - 1], (path, text)
