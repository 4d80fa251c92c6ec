"""The state kernel: base.py and the outbox registry import no app state, and the
composition root registers every outbox replayer."""

from __future__ import annotations

import ast
from pathlib import Path

import community_app.community_app  # noqa: F401  (the composition root)
from community_app.state.outbox import REPLAYERS

STATE = Path(__file__).resolve().parent.parent / "community_app" / "state"


def _imports(path: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_base_imports_no_app_state():
    assert not [m for m in _imports(STATE / "base.py") if m.startswith("community_app.state")]


def test_the_outbox_registry_imports_no_domain_state():
    allowed = ("community_app.state.base.", "community_app.state.guard.",
               "community_app.state.browser")
    state_imports = [m for m in _imports(STATE / "outbox.py")
                     if m.startswith("community_app.state")]
    assert [m for m in state_imports if not m.startswith(allowed)] == []


def test_every_outbox_form_kind_has_a_replayer():
    assert {"visit", "errand"} <= set(REPLAYERS)
