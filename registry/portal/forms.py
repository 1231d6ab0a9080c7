"""The focal point's forms. A nominee's fields are read by the import's own row parser, so that
a name, an e-mail or a category is accepted or refused exactly as in a spreadsheet."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import letters
from registry.imports.parsing import RowParser
from registry.models import BreakoutGroup, DelegateCategory, NominationLetter, Organization

TEXT_FIELDS = ["full_name", "honorific", "family_name", "given_name", "position", "email", "phone"]


class NomineeForm(forms.Form):
    full_name = forms.CharField(label=_("Name, as the person writes it"), max_length=200)
    honorific = forms.CharField(label=_("Honorific"), required=False, max_length=30)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=100)
    given_name = forms.CharField(label=_("Given name"), required=False, max_length=100)
    position = forms.CharField(label=_("Position"), required=False, max_length=300)
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), required=False
    )
    category = forms.ChoiceField(label=_("Category"), choices=DelegateCategory.choices)
    breakout_group = forms.ChoiceField(label=_("Breakout group"), choices=BreakoutGroup.choices)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=50)
    language = forms.ChoiceField(
        label=_("Language for e-mails to this person"),
        choices=settings.LANGUAGES,
        help_text=_("Their own link to the listing, and any other e-mail, is written in it."),
    )

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        # A new nominee's e-mails go out in the delegation's language unless told otherwise.
        self.fields["language"].initial = delegation.language
        # The delegation's own country's organizations and international ones.
        where = Q(country__isnull=True)
        if delegation.country_id:
            where |= Q(country=delegation.country_id)
        self.fields["organization"].queryset = Organization.objects.filter(where).order_by("name")

    def clean(self):
        cleaned = super().clean()
        columns = {name: (index, name) for index, name in enumerate(TEXT_FIELDS)}
        raw = {name: cleaned.get(name) or "" for name in TEXT_FIELDS}
        raw |= {name: cleaned.get(name) or "" for name in ["category", "breakout_group"]}
        values, errors = RowParser(columns, reference=None).parse(raw)
        for field, message in errors:
            self.add_error(field if field in self.fields else None, message)
        # The parser leaves out what is empty: an emptied field is written empty.
        self.values = {name: "" for name in TEXT_FIELDS} | values
        self.values |= {name: cleaned.get(name) for name in ["organization", "language"]}
        return cleaned


class LetterForm(forms.Form):
    file = forms.FileField(label=_("Nomination letter (PDF, JPEG or PNG, at most 10 MB)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > letters.MAX_BYTES:
            raise ValidationError(gettext("The file is larger than 10 MB."))
        head = upload.read(16)
        upload.seek(0)
        kind = letters.content_type_of(head)
        if kind is None:
            raise ValidationError(
                gettext("This file is not a PDF, JPEG or PNG file, whatever its name says.")
            )
        self.content_type = kind
        return upload

    def save(self, delegation, uploaded_by):
        upload = self.cleaned_data["file"]
        letter = NominationLetter(
            delegation=delegation,
            name=upload.name[:255],
            content_type=self.content_type,
            size=upload.size,
            uploaded_by=uploaded_by,
        )
        letter.file.save(upload.name, upload, save=False)
        letter.save()
        return letter
