"""Cross-cutting form helpers: NL Design System (Utrecht) classes and Dutch date inputs."""

import html
from itertools import groupby
from operator import itemgetter

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.fields import BaseTemporalField
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from deventer_werk import input_hygiene


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"


# First match wins: CheckboxSelectMultiple is a subclass of RadioSelect in Django, so it must
# come before it (else check boxes get the radio-button look: round, appearance none).
WIDGET_CLASSES = {
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
}


class UtrechtFormMixin:
    """Adds the component-library classes and ARIA attributes to every widget.

    ``verplicht_bij`` names the fields that are optional in the form but required by a rule
    in ``clean()`` or the service under a condition: {field name: "bij …"}. Such a field is
    not labelled "(niet verplicht)"; its help text starts with the condition."""

    template_name = "includes/form_div.html"
    template_name_div = "includes/form_div.html"
    verplicht_bij: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._markeer_voorwaardelijk_verplicht()
        for field in self.fields.values():
            widget = field.widget
            if type(widget) is forms.Select:
                # the same HTML without a template per option (see SnelleSelect); the
                # field's own copy of the widget, so its choices and attributes stay
                widget.__class__ = SnelleSelect
            css = next(
                (c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)),
                "utrecht-textbox utrecht-textbox--html-input",
            )
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.required and not isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("aria-required", "true")
        self._apply_input_hygiene()

    def _markeer_voorwaardelijk_verplicht(self):
        for name, voorwaarde in self.verplicht_bij.items():
            field = self.fields[name]  # a renamed field must fail here, not go unmarked
            field.verplicht_bij = voorwaarde
            uitleg = f"Verplicht {voorwaarde}."
            field.help_text = f"{uitleg} {field.help_text}" if field.help_text else uitleg
        for name, field in self.fields.items():
            # "Verplicht bij …" / "Nodig als …" in the help text: the same, said by hand
            if not field.required and str(field.help_text).startswith(("Verplicht", "Nodig")):
                field.verplicht_bij = getattr(field, "verplicht_bij", "") or str(field.help_text)
            if getattr(field, "verplicht_bij", ""):
                # the condition is read out with the field, not only seen under its label
                field.widget.attrs.setdefault("aria-describedby", f"{self[name].auto_id}_help")

    def _apply_input_hygiene(self):
        """The rules of ``deventer_werk.input_hygiene`` on every field, once per field; run
        again before validation for fields a subclass added after this ``__init__``."""
        for name, field in self.fields.items():
            if not getattr(field, "_input_hygiene", False):
                harden_field(name, field)

    def full_clean(self):
        # Validation runs lazily (after subclasses have set choices in their __init__); the
        # invalid fields are marked for assistive technology once it has run.
        self._apply_input_hygiene()
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"


def _ascii_only(to_python):
    def to_python_ascii(value):
        input_hygiene.check_ascii_input(value)
        return to_python(value)

    return to_python_ascii


def harden_field(name: str, field: forms.Field) -> None:
    """Numbers, dates and times: ASCII as typed; dates within the window (birth dates within
    120 years, not in the future); text: no control or invisible format characters, free
    text without its own limit capped. Passwords are left alone: they are never displayed."""
    field._input_hygiene = True
    if isinstance(field, forms.IntegerField | BaseTemporalField):
        # to_python sees the value as typed, before int() or strptime() accept other digits
        field.to_python = _ascii_only(field.to_python)
    if isinstance(field, forms.DateField | forms.DateTimeField):
        field.validators.extend(input_hygiene.date_validators(name))
    if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
        multiline = isinstance(field.widget, forms.Textarea)
        field.validators.append(
            input_hygiene.check_multiline_text if multiline else input_hygiene.check_text
        )
        if field.max_length is None:
            field.max_length = input_hygiene.MAX_VRIJE_TEKST
            field.validators.append(MaxLengthValidator(input_hygiene.MAX_VRIJE_TEKST))
            field.widget.attrs.setdefault("maxlength", str(input_hygiene.MAX_VRIJE_TEKST))


class Form(UtrechtFormMixin, forms.Form):
    pass


class ModelForm(UtrechtFormMixin, forms.ModelForm):
    pass


def form_add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError next to the right fields (or on top of the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class SnelleSelect(forms.Select):
    """A select whose options are written in Python instead of one template per option.

    For lists of hundreds of colleagues: Django renders ``select_option.html`` for every
    option (about 60 µs each), so a list of 480 colleagues cost 30 ms per page. The HTML is
    the same as ``forms.Select`` writes (``tests/test_forms.py`` compares them)."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        gekozen = {str(v) for v in self.format_value(value)}
        onderdelen = [format_html("<select{}>", flatatt(final_attrs))]
        for optie_waarde, label in self.choices:
            if isinstance(label, list | tuple):
                onderdelen.append(format_html('<optgroup label="{}">', optie_waarde))
                onderdelen.extend(self._optie(w, lab, gekozen) for w, lab in label)
                onderdelen.append("</optgroup>")
            else:
                onderdelen.append(self._optie(optie_waarde, label, gekozen))
        onderdelen.append("</select>")
        return mark_safe("".join(onderdelen))  # noqa: S308 - every part escaped (format_html, _optie)

    @staticmethod
    def _optie(waarde, label, gekozen: set[str]) -> str:
        # html.escape as conditional_escape does, without format_html's lazy wrapping (a
        # third of the time for 480 options)
        waarde = "" if waarde is None else str(waarde)
        tekst = label.__html__() if hasattr(label, "__html__") else html.escape(str(label))
        geselecteerd = " selected" if waarde in gekozen else ""
        return f'<option value="{html.escape(waarde)}"{geselecteerd}>{tekst}</option>'


class _MedewerkerIterator(forms.models.ModelChoiceIterator):
    """The colleagues as (organisation, [(pk, name), …]) groups from one values query (no
    model instance per option); colleagues of one organisation only: a flat list."""

    def __iter__(self):
        from deventer_werk.accounts.constants import Organisatie

        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rijen = self.queryset.order_by("organisatie", "last_name", "first_name").values_list(
            "pk", "first_name", "last_name", "username", "organisatie"
        )
        groepen = [
            (
                Organisatie(organisatie).label if organisatie else "Overig",
                [
                    (pk, f"{voornaam} {achternaam}".strip() or gebruikersnaam)
                    for pk, voornaam, achternaam, gebruikersnaam, _ in groep
                ],
            )
            for organisatie, groep in groupby(rijen, key=itemgetter(4))
        ]
        if len(groepen) == 1:  # one organisation: no group heading
            yield from groepen[0][1]
        else:
            yield from groepen


class MedewerkerKeuze(forms.ModelChoiceField):
    """A choice of colleague, grouped per organisation, for lists of any length; the label is
    the colleague's name as ``User.__str__`` gives it. Validation is ModelChoiceField's."""

    widget = SnelleSelect
    iterator = _MedewerkerIterator
