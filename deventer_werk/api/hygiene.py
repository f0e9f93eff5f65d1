"""The API's side of ``deventer_werk.input_hygiene``: a base class for every write serializer,
so the API refuses what the pages refuse, with the same Dutch messages."""

from rest_framework import serializers

from deventer_werk import input_hygiene

MULTILINE_STYLE = {"base_template": "textarea.html"}


def _ascii_only(to_internal_value):
    def to_internal_value_ascii(data):
        input_hygiene.check_ascii_input(data)
        return to_internal_value(data)

    return to_internal_value_ascii


def harden_field(name: str, field: serializers.Field) -> None:
    """Numbers, dates and times: ASCII as sent; dates within the window (birth dates within
    120 years, not in the future); text: no control or invisible format characters
    (tab, newline and carriage return only in fields styled as a text area)."""
    if field.read_only:
        return
    numeric = (serializers.IntegerField, serializers.FloatField, serializers.DecimalField)
    temporal = (serializers.DateField, serializers.DateTimeField, serializers.TimeField)
    if isinstance(field, numeric + temporal):
        # the value as sent, before int() or the date parser accept other digits
        field.to_internal_value = _ascii_only(field.to_internal_value)  # type: ignore[method-assign]
    if isinstance(field, serializers.DateField | serializers.DateTimeField):
        field.validators = [*field.validators, *input_hygiene.date_validators(name)]
    if isinstance(field, serializers.CharField):
        multiline = field.style.get("base_template") == MULTILINE_STYLE["base_template"]
        check = input_hygiene.check_multiline_text if multiline else input_hygiene.check_text
        field.validators = [*field.validators, check]


# Base of every serializer that takes input: applies the input hygiene to its fields. (A
# comment, not a docstring: drf-spectacular would copy a docstring into every schema.)
class WriteSerializer(serializers.Serializer):
    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            harden_field(name, field)
        return fields
