"""The organizers' admin: every model, with the searches, filters and inlines they work with.

One module per part, each importing only those above it:

- ``base``: what the admins share (the changelist that stays fast at a million rows, inline
  autocompletes labelled without a query per row, the context of the admin's own pages);
- ``models``: the admins that are options only (reference data, editions and sessions, roles,
  the record of contact exports);
- ``editions``: the delegate changelist's edition filter (one edition, or all; the latest real
  one by default), which the printed pages read through the changelist;
- ``delegate_import``: the delegate import wizard (upload, preview, confirm) and its template;
- ``printing``: name badges and the List of Participants with contacts;
- ``delegations``: delegations, with the places their nominations use, and consent records
  (read only);
- ``delegate_actions``: the delegate changelist's bulk actions (consents received elsewhere,
  approvals, breakout groups);
- ``attendance``: attendance by day (absent, excused, corrections), who came through a
  session's door, and the delegate list's attendance filter;
- ``delegates``: the delegate admin (changelist, search, bulk actions, contacts), which serves
  the import and the printed pages at its own URLs;
- ``certificates``: certificates of attendance, and revoking them;
- ``mail``: the record of e-mails sent, with "Retry sending" for failed ones;
- ``retention``: the record of removals of personal data.

Django's autodiscovery imports this package; importing the modules registers the admins.
"""

from registry.admin import (
    attendance,
    certificates,
    delegates,
    delegations,
    mail,
    models,
    retention,
)

__all__ = ["attendance", "certificates", "delegates", "delegations", "mail", "models", "retention"]
