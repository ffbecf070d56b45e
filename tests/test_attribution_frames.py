"""The stage values are immutable and built with keywords."""

from __future__ import annotations

import dataclasses

import pytest

from provenance.attribution.frames import Draft, Frame, Unit


def test_values_are_frozen_and_keyword_only() -> None:
    unit = Unit(start=0, end=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        unit.start = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        Unit(0, 3)  # type: ignore[misc]
    for cls in (Frame, Unit, Draft):
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen
        assert all(f.kw_only for f in dataclasses.fields(cls))
