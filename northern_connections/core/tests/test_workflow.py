"""The state machine's rules, on a workflow declared in the test (no database needed for these)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from northern_connections.core.workflow import Transition, Workflow


class Stage(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    GONE = "gone", "Gone"


WORKFLOW = Workflow(statuses=Stage, log_model=models.Model, log_object_field="thing", transitions=[
    Transition(Stage.OPEN, Stage.DONE, "Finish"),
    Transition((Stage.OPEN, Stage.DONE), Stage.GONE, "Remove", danger=True),
])


def test_moves_are_looked_up_by_source_and_target():
    assert WORKFLOW.transition("open", "done").label == "Finish"
    assert WORKFLOW.transition("done", "gone").danger
    assert [t.target for t in WORKFLOW.targets("open")] == ["done", "gone"]
    assert WORKFLOW.targets("gone") == []


@pytest.mark.parametrize("value, code", [("", "status_missing"), (None, "status_missing"), (["done"], "status_missing"),
                                         ("finished", "status_unknown"), ("DONE", "status_unknown")])
def test_an_empty_or_unknown_status_is_a_clear_refusal(value, code):
    with pytest.raises(ValidationError) as error:
        WORKFLOW.transition("open", value)
    assert error.value.code == code


def test_a_move_that_is_not_declared_is_refused_with_both_labels():
    with pytest.raises(ValidationError) as error:
        WORKFLOW.transition("gone", "open")
    assert error.value.code == "transition_not_allowed"
    assert "Gone" in error.value.messages[0] and "Open" in error.value.messages[0]
