from django import forms
from django.contrib.postgres.fields import ArrayField

from .models.taxonomy import by_display_name


class ChoiceArrayField(ArrayField):
    """An array of choices, edited as checkboxes instead of comma-separated text."""

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        # Skip ArrayField.formfield, which would force SimpleArrayField.
        return super(ArrayField, self).formfield(**defaults)


class _ByDisplayName(forms.models.ModelChoiceIterator):
    """The queryset's choices, read as always (one query), in the order of
    their labels in the interface's language."""

    def __iter__(self):
        return iter(by_display_name(super().__iter__(), name=lambda choice: choice[1]))


class TaxaChoiceField(forms.ModelMultipleChoiceField):
    """Themes, target groups or skills as checkboxes, each labelled with its
    name in the interface's language (a ``LocalizedName``: the template marks
    a Dutch fallback with ``lang="nl"``) and in the order of those names. The
    labels are read when the form is shown, so in the language of that
    request."""

    iterator = _ByDisplayName

    def label_from_instance(self, obj):
        return obj.localized_name
