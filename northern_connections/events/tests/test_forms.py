"""What the event forms accept from a person typing."""

import pytest
from django import forms

from northern_connections.events.forms import IntListField


@pytest.mark.parametrize("typed", ["²", "٣", "4, ²", "-1"])
def test_break_slots_must_be_ascii_digits(typed):
    # Regression: "²".isdigit() is True (int("²") then crashed) and "٣" was read as slot 3.
    with pytest.raises(forms.ValidationError):
        IntListField(required=False).clean(typed)


def test_break_slots_are_read_from_commas_and_semicolons():
    assert IntListField(required=False).clean("4, 8;12") == [4, 8, 12]
