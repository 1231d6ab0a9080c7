"""The e-mails the registry sends, each one a record (``registry.OutgoingEmail``) sent by a
task after the commit, in the recipient's language.

Everything else calls two functions:

- ``queue_email(to=…, template=…, context=…, language=…, delegation=…, delegate=…)`` renders
  ``templates/registry/email/<template>_subject.txt`` and ``<template>.txt`` in ``language``,
  saves the record and sends it once the transaction commits (nothing if it rolls back);
- ``retry_failed(emails)`` sends failed ones, and those stuck in the queue, again (the
  admin's "Retry sending").

One module per part: ``rendering`` (the templates, in a language), ``sending`` (the record,
the task, what a send writes), ``backends`` (the mail backend of a server not yet configured).
"""

from registry.mail.sending import queue_email, retry_failed, send_email

__all__ = ["queue_email", "retry_failed", "send_email"]
