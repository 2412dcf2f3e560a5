"""equipoise.testing.wait_until: polls, survives a navigation, times out, re-raises the rest."""

from __future__ import annotations

from typing import Any

import pytest

from equipoise.testing import wait_until


class FakePage:
    def __init__(self, answers: list[Any]) -> None:
        self.answers = answers
        self.calls = 0

    def evaluate(self, expression: str) -> Any:
        self.calls += 1
        answer = self.answers.pop(0) if self.answers else False
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_polls_until_truthy_and_returns_the_value() -> None:
    page = FakePage([False, 0, None, {"all": 12}])
    assert wait_until(page, "x", interval=0) == {"all": 12}
    assert page.calls == 4


def test_a_navigation_under_the_call_is_retried() -> None:
    page = FakePage([RuntimeError("Execution context was destroyed, most likely"), 7])
    assert wait_until(page, "x", interval=0) == 7


def test_other_errors_are_raised() -> None:
    with pytest.raises(ValueError, match="boom"):
        wait_until(FakePage([ValueError("boom")]), "x", interval=0)


def test_times_out_naming_the_expression() -> None:
    with pytest.raises(TimeoutError, match=r"window\.done"):
        wait_until(FakePage([]), "window.done", timeout=0.05, interval=0.01)
