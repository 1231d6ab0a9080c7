"""An import made by a delegation's focal point: limited to that delegation and its quota.

Every row goes to the delegation, and to its country (a row of another country is an error); a
row that is someone registered with another delegation, or with none, is an error; new
nominees are nominated (organizers approve them) and take a place, and a row past the quota is
an error. An approved nominee whose name (any part of it, the published honorific included),
position, organization or country the file changes goes back to the organizers. The file's
``listed`` column is not read: a delegate consents through their own link."""

from django.utils.translation import gettext

from registry.models import NominationStatus

# A focal point's change of these sends an approved nominee back to the organizers: what they
# approved, as the public pages show it. The portal's form applies the same rule.
REVIEWED_FIELDS = {
    "full_name",
    "family_name",
    "given_name",
    "honorific",
    "position",
    "organization",
    "country",
}


class DelegationScope:
    def __init__(self, delegation, plan):
        self.delegation = delegation
        self.plan = plan
        self.places = delegation.places_taken()
        self.ignored_consent = False

    def check(self, person, is_new, values, errors):
        """Hold the row to the delegation, adding to ``errors`` where it cannot be."""
        delegation = self.delegation
        if values.pop("listed", None) is not None and not self.ignored_consent:
            self.ignored_consent = True
            self.plan.warnings.append(
                gettext(
                    "The listed column is not read: each delegate gives or withdraws their own "
                    "consent through the link the organizers send them."
                )
            )
        values.pop("delegation", None)
        errors[:] = [(name, message) for name, message in errors if name != "delegation"]
        country = values.get("country")
        if delegation.country_id and country is not None and country.pk != delegation.country_id:
            errors.append(
                (
                    "country",
                    gettext("Your delegation is %(delegation)s: this row is of another country.")
                    % {"delegation": delegation.display_name},
                )
            )
        elif delegation.country_id:
            values["country"] = delegation.country
        if not is_new and person is not None and person.delegation_id != delegation.pk:
            errors.append(
                (None, gettext("This person is registered with another delegation, or none."))
            )
        values["delegation"] = delegation
        if is_new and not errors:
            self.places += 1
            if delegation.quota is not None and self.places > delegation.quota:
                errors.append(
                    (
                        None,
                        gettext("Past the delegation's quota of %(quota)s.")
                        % {"quota": delegation.quota},
                    )
                )

    def nominate(self, delegate):
        delegate.nomination_status = NominationStatus.NOMINATED

    def review(self, delegate, changes):
        """Send an approved nominee back to the organizers when the file changes what they
        approved; the change shows in the preview."""
        if delegate.nomination_status == NominationStatus.APPROVED and changes.keys() & (
            REVIEWED_FIELDS
        ):
            delegate.nomination_status = NominationStatus.NOMINATED
            changes["nomination_status"] = (
                str(NominationStatus.APPROVED.label),
                str(NominationStatus.NOMINATED.label),
            )
