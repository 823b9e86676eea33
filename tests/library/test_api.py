"""The shape of the library's API: what kltools exports, from where, and with which types.

(Which module may import what from which, and what each ``__all__`` lists, is
tests/test_code_layout.py's subject, for the whole package.)
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

import kltools

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_MODULES = ("kltools.measures", "kltools.coding", "kltools.continuous")
PRIVATE_MODULES = ("kltools._checks", "kltools._reductions")


def test_top_level_exports_come_from_the_public_modules():
    owners = {}
    for module in PUBLIC_MODULES:
        for name in importlib.import_module(module).__all__:
            owners[name] = module
    for name in kltools.__all__:
        if name == "__version__":
            continue
        assert name in owners, f"{name} is exported by kltools but by no public module"
        assert getattr(kltools, name) is getattr(importlib.import_module(owners[name]), name)
    assert sorted(kltools.__all__) == kltools.__all__


@pytest.mark.parametrize("module", PUBLIC_MODULES + PRIVATE_MODULES)
def test_all_names_exist(module):
    mod = importlib.import_module(module)
    assert len(set(mod.__all__)) == len(mod.__all__)
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.__all__ lists {name}, which it does not define"


def test_every_public_function_is_annotated():
    for name in kltools.__all__:
        obj = getattr(kltools, name)
        if not inspect.isfunction(obj):
            continue
        sig = inspect.signature(obj)
        missing = [p for p, v in sig.parameters.items() if v.annotation is inspect.Parameter.empty]
        assert missing == [], f"{name}: parameters without a type hint: {missing}"
        assert sig.return_annotation is not inspect.Signature.empty, f"{name}: no return type"


def test_package_is_marked_typed():
    assert (ROOT / "kltools" / "py.typed").is_file()
