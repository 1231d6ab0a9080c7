"""Forms of the organizers' pages outside the model admin: the delegate import."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.imports import MAX_MEGABYTES
from registry.models import Seminar


class DelegateImportForm(forms.Form):
    seminar = forms.ModelChoiceField(
        label=_("Seminar"),
        queryset=Seminar.objects.all(),
        empty_label=None,
        help_text=_("The edition the delegates registered for."),
    )
    file = forms.FileField(label=_("File (.xlsx or CSV)"))
    create_organizations = forms.BooleanField(
        label=_("Create missing organizations"),
        required=False,
        help_text=_("Otherwise a row naming an unknown organization is an error."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seminar"].initial = Seminar.objects.latest_edition()
        # Set here, in the request's language: a lazy string's % would translate at import.
        self.fields["file"].help_text = gettext(
            "An Excel workbook (.xlsx: its first sheet is read) or a CSV file (UTF-8 or "
            "Excel's CSV export, comma or semicolon separated), at most %(size)s MB."
        ) % {"size": MAX_MEGABYTES}

    def clean_seminar(self):
        seminar = self.cleaned_data["seminar"]
        if seminar.is_anonymized:
            raise forms.ValidationError(
                gettext(
                    "The personal data of %(edition)s is removed or being removed: no "
                    "delegates can be imported into it."
                )
                % {"edition": seminar}
            )
        return seminar
