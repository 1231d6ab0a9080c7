"""The pages reached from links the registry e-mails, outside the public site's URLs (their own
URLconf, ``registry.portal.urls``): they show people who are not listed publicly, so they are
never kept in the public page cache and never indexed.

- ``consent``: a delegate's own link: what would be published about them, and their consent;
- ``signin``: a focal point's sign-in, from the invitation's link and a code sent by e-mail;
- ``nominations``: the focal point's page: the delegation's nominees, letters and submission;
- ``lists``: the focal point's spreadsheet, through the import's own preview;
- ``certificates``: a certificate of attendance verified by its code.
"""
