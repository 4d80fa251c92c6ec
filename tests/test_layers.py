"""The house rules, read from the code's own imports (an AST test like the handler-guard test).

Layers point down only: pages -> state -> services -> models. Inside each layer a domain
package (`services/survey/`, `state/survey/`, ...) imports only the kernel and itself;
cross-domain readers sit at the top level of their layer. No underscore name crosses a
file, there is no import cycle (lazy imports included), read models are typed, every
browser script lives in state/browser.py or assets/*.js, and app files stay short.
There is no allow-list: a rule that needs an exception needs a better place for the code.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "community_app"
PKG = "community_app"
DOMAINS = ("survey", "isolation", "errands", "patrol", "ledger", "community", "notices",
           "reporting")
LAYERS = ("pages", "state", "components", "services", "models", "catalog")
# What each layer may never import (a module path prefix, or a third-party top name).
FORBIDDEN = {
    "services": ("reflex", f"{PKG}.state", f"{PKG}.pages", f"{PKG}.components", f"{PKG}.api",
                 f"{PKG}.community_app"),
    "models": ("reflex", f"{PKG}.services", f"{PKG}.state", f"{PKG}.pages",
               f"{PKG}.components", f"{PKG}.api"),
    "catalog": (f"{PKG}.services", f"{PKG}.state", f"{PKG}.pages", f"{PKG}.components",
                f"{PKG}.models"),
    "state": (f"{PKG}.pages", f"{PKG}.components", f"{PKG}.api", f"{PKG}.community_app"),
    "components": (f"{PKG}.pages", f"{PKG}.api", f"{PKG}.community_app"),
    "pages": (f"{PKG}.api", f"{PKG}.community_app"),
}
MAX_LINES = 300


@dataclass
class Module:
    name: str
    path: Path
    tree: ast.Module
    lines: int
    # (imported module, names taken from it, line) for every import, lazy ones included
    imports: list[tuple[str, list[str], int]] = field(default_factory=list)

    @property
    def layer(self) -> str | None:
        parts = self.name.split(".")
        return parts[1] if len(parts) > 2 and parts[1] in LAYERS else None

    @property
    def domain(self) -> str | None:
        parts = self.name.split(".")
        if len(parts) > 3 and parts[1] in LAYERS and parts[2] in DOMAINS:
            return parts[2]
        return None


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@cache
def modules() -> dict[str, Module]:
    found: dict[str, Module] = {}
    for path in sorted(APP.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        mod = Module(_module_name(path), path, ast.parse(text), len(text.splitlines()))
        found[mod.name] = mod
    for mod in found.values():
        package = mod.name if mod.path.name == "__init__.py" else mod.name.rpartition(".")[0]
        for node in ast.walk(mod.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    mod.imports.append((alias.name, [], node.lineno))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                names = [a.name for a in node.names]
                # `from pkg import module` imports the module itself
                subs = [n for n in names if f"{base}.{n}" in found]
                for n in subs:
                    mod.imports.append((f"{base}.{n}", [], node.lineno))
                rest = [n for n in names if n not in subs]
                if rest or not subs:
                    mod.imports.append((base, rest, node.lineno))
    return found


def _where(mod: Module, line: int) -> str:
    return f"{mod.path.relative_to(ROOT)}:{line}"


def _app_imports(mod: Module) -> list[tuple[str, list[str], int]]:
    return [(t, n, line) for t, n, line in mod.imports if t == PKG or t.startswith(PKG + ".")]


def test_imports_point_down_only() -> None:
    bad = []
    for mod in modules().values():
        for target, _, line in mod.imports:
            for prefix in FORBIDDEN.get(mod.layer or "", ()):
                if target == prefix or target.startswith(prefix + "."):
                    bad.append(f"{_where(mod, line)} ({mod.layer}) imports {target}")
    assert not bad, "imports pointing up a layer:\n" + "\n".join(bad)


def _services_kernel() -> set[str]:
    """Top-level service modules that import no service domain package."""
    kernel = set()
    for mod in modules().values():
        if mod.layer == "services" and mod.domain is None:
            if not any(modules()[t].domain for t, _, _ in _app_imports(mod)
                       if t in modules() and modules()[t].layer == "services"):
                kernel.add(mod.name)
    return kernel


def test_a_domain_imports_only_the_kernel_and_itself() -> None:
    kernel = _services_kernel()
    bad = []
    for mod in modules().values():
        if mod.domain is None:
            continue
        for target, _, line in _app_imports(mod):
            other = modules().get(target)
            if other is None:
                continue
            if other.domain and other.domain != mod.domain:
                bad.append(f"{_where(mod, line)} ({mod.domain}) imports {target}")
            elif (mod.layer == "services" and other.layer == "services" and not other.domain
                  and target not in kernel and target != f"{PKG}.services"):
                bad.append(f"{_where(mod, line)} imports the cross-domain {target}")
    assert not bad, "domain packages reaching into another domain:\n" + "\n".join(bad)


def test_no_underscore_name_crosses_a_file() -> None:
    bad = []
    for mod in modules().values():
        aliases: dict[str, str] = {}
        for target, names, line in _app_imports(mod):
            for name in names:
                if name.startswith("_") and not name.startswith("__"):
                    bad.append(f"{_where(mod, line)} imports {name} from {target}")
        for node in ast.walk(mod.tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    if f"{node.module}.{a.name}" in modules():
                        aliases[a.asname or a.name] = f"{node.module}.{a.name}"
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in modules() and a.asname:
                        aliases[a.asname] = a.name
        for node in ast.walk(mod.tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                bad.append(f"{_where(mod, node.lineno)} uses {node.value.id}.{node.attr}")
    assert not bad, "private names used across files:\n" + "\n".join(sorted(set(bad)))


def _cycles() -> list[list[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for mod in modules().values():
        for target, _, _ in _app_imports(mod):
            if target in modules() and target != mod.name:
                graph[mod.name].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in list(modules()):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles() -> None:
    cycles = _cycles()
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_app_files_stay_short() -> None:
    long = [f"{m.path.relative_to(ROOT)}: {m.lines} lines" for m in modules().values()
            if m.lines > MAX_LINES]
    assert not long, f"app files over {MAX_LINES} lines:\n" + "\n".join(long)


def _untyped(annotation: ast.expr) -> bool:
    """dict / list[dict] / dict[str, ...] is a record in disguise; dict[int, X] maps by id."""
    for node in ast.walk(annotation):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
                and node.value.id == "dict":
            key = node.slice.elts[0] if isinstance(node.slice, ast.Tuple) else node.slice
            if not (isinstance(key, ast.Name) and key.id == "int"):
                return True
        elif isinstance(node, ast.Name) and node.id == "dict":
            parents = [p for p in ast.walk(annotation) if isinstance(p, ast.Subscript)
                       and p.value is node]
            if not parents:
                return True
    return False


def test_service_read_models_are_typed() -> None:
    bad = []
    for mod in modules().values():
        if mod.layer != "services":
            continue
        for node in mod.tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) \
                    and not node.name.startswith("_") and node.returns is not None \
                    and _untyped(node.returns):
                bad.append(f"{_where(mod, node.lineno)} {node.name} -> "
                           f"{ast.unparse(node.returns)}")
    assert not bad, "public service functions returning dicts:\n" + "\n".join(bad)


def _constant(node: ast.expr) -> bool:
    """A module constant (WINDOW_COLORS, CATALOG): a Python dict, not a state var."""
    return isinstance(node, ast.Name) and node.id.isupper()


def test_pages_never_index_state_by_string_keys() -> None:
    bad = []
    for mod in modules().values():
        if mod.layer not in ("pages", "components"):
            continue
        for node in ast.walk(mod.tree):
            if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
                    and isinstance(node.slice.value, str) and not _constant(node.value):
                bad.append(f"{_where(mod, node.lineno)} {ast.unparse(node)}")
    assert not bad, "string-key indexing in pages:\n" + "\n".join(bad)


def test_browser_scripts_live_in_one_place() -> None:
    """rx.call_script only in state/browser.py; no inline <script> code in Python."""
    bad = []
    for mod in modules().values():
        for node in ast.walk(mod.tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr == "call_script" and mod.name != f"{PKG}.state.browser":
                bad.append(f"{_where(mod, node.lineno)} rx.call_script")
            if node.func.attr == "script" and node.args:
                bad.append(f"{_where(mod, node.lineno)} inline rx.script(...)")
    assert not bad, "browser scripts outside state/browser.py and assets/:\n" + "\n".join(bad)


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_domain_has_its_readme(domain: str) -> None:
    readme = APP / "services" / domain / "README.md"
    assert readme.is_file(), f"{readme.relative_to(ROOT)} is missing"
    text = readme.read_text(encoding="utf-8")
    assert "Invariants" in text or "invariants" in text, f"{readme} states no invariants"
