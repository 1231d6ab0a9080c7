"""Forms of the organizers' pages outside the model admin: the delegate import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import Seminar


class DelegateImportForm(forms.Form):
    seminar = forms.ModelChoiceField(
        label=_("Seminar"),
        queryset=Seminar.objects.all(),
        empty_label=None,
        help_text=_("The edition the delegates registered for."),
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 or Excel's CSV export, comma or semicolon separated, at most 5 MB."),
    )
    create_organizations = forms.BooleanField(
        label=_("Create missing organizations"),
        required=False,
        help_text=_("Otherwise a row naming an unknown organization is an error."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seminar"].initial = Seminar.objects.latest_edition()
