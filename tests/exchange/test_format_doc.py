"""docs/exchange-format.md documents every field the exporter writes."""

from pathlib import Path

from storage.exchange import schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "exchange-format.md"


def test_every_field_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for kind, fields in schema.FIELDS.items():
        section = text.split(f"### `{schema.bag_name(kind)}.json`", 1)[1].split("###", 1)[0]
        for f in fields:
            assert f"| `{f.name}` |" in section, (kind, f.name)
