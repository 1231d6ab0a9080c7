"""Forms of the organizers' pages outside the model admin: the delegate import."""

from django import forms

from registry.models import Seminar


class DelegateImportForm(forms.Form):
    seminar = forms.ModelChoiceField(
        label="Seminar",
        queryset=Seminar.objects.all(),
        empty_label=None,
        help_text="The edition the delegates registered for.",
    )
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 or Excel's CSV export, comma or semicolon separated, at most 5 MB.",
    )
    create_organizations = forms.BooleanField(
        label="Create missing organizations",
        required=False,
        help_text="Otherwise a row naming an unknown organization is an error.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seminar"].initial = Seminar.objects.latest_edition()
