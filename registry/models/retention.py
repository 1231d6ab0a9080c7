"""What is left of an edition once its personal data is removed: the figures its statistics
read (counts, never a row per person), and the record of every removal of personal data
(``manage.py apply_retention`` and erasures on request), with counts and never names."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models.editions import Seminar


class EditionFiguresManager(models.Manager):
    def kept(self, seminar, name, default=None):
        """The data kept under ``name`` for ``seminar`` (``default`` when there is none)."""
        data = self.filter(seminar=seminar, name=name).values_list("data", flat=True).first()
        return default if data is None else data

    def get_by_natural_key(self, seminar_number, name):
        return self.get(seminar__number=seminar_number, name=name)


class EditionFigures(models.Model):
    """One set of counts of an edition, as its statistics read them, kept when its personal
    data was removed (``registry.counts`` writes and reads them): listed delegates by country,
    attendance by day and delegation… Counts of groups, never of one person's combination of
    attributes."""

    seminar = models.ForeignKey(
        Seminar, verbose_name=_("seminar"), on_delete=models.CASCADE, related_name="figures"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Which counts these are."))
    data = models.JSONField(_("counts"))

    objects = EditionFiguresManager()

    class Meta:
        verbose_name = _("kept figures")
        verbose_name_plural = _("kept figures")
        ordering = ["seminar", "name"]
        default_permissions = []  # written once by apply_retention, read by the statistics
        constraints = [
            models.UniqueConstraint(fields=["seminar", "name"], name="edition_figures_unique_name")
        ]

    def __str__(self):
        return f"{self.seminar}: {self.name}"

    def natural_key(self):
        return (self.seminar.number, self.name)

    natural_key.dependencies = ["registry.seminar"]


class DataRemoval(models.Model):
    """One removal of personal data: an edition's, past its retention date, or one person's on
    request. What was removed is counted; who was erased is not recorded anywhere."""

    class Kind(models.TextChoices):
        RETENTION = "retention", _("Retention date passed")
        ERASURE = "erasure", _("Erasure on request")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    seminar = models.ForeignKey(
        Seminar,
        verbose_name=_("seminar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="removals",
        help_text=_("The edition whose retention date passed; empty for an erasure."),
    )
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(
        _("finished at"), null=True, blank=True, help_text=_("Empty while it runs.")
    )
    by = models.CharField(
        _("by"), max_length=150, help_text=_("The organizer, or the command that ran it.")
    )
    counts = models.JSONField(_("what was removed"), default=dict, blank=True)

    class Meta:
        verbose_name = _("removal of personal data")
        verbose_name_plural = _("removals of personal data")
        ordering = ["-started_at", "-pk"]
        # Written by apply_retention and erasures alone: organizers read it.
        default_permissions = ["view"]
        permissions = [
            ("erase_personal_data", _("Can find, download and erase a person's data")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.started_at:%Y-%m-%d %H:%M}"

    def add_counts(self, counts):
        """Add ``counts`` (what a step removed, by kind of row) to its own; saved by the
        caller."""
        for key, number in counts.items():
            if number:
                self.counts[key] = self.counts.get(key, 0) + number
