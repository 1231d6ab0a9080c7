"""The links e-mailed to people outside the admin: a delegate's own link (their consent), and a
delegation's invitation, through which its focal point signs in with a code.

Secrets are kept as keyed hashes (``registry.tokens``); a link that is revoked, or replaced by
a new one, stops working and says so."""

import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry import tokens
from registry.models.delegates import Delegate
from registry.models.delegations import Delegation

CODE_LIFETIME = datetime.timedelta(minutes=15)
CODE_TRIES = 5
# Codes sent for one link within an hour of the first of them: each brings CODE_TRIES new
# guesses and an e-mail, so whoever holds a link can neither guess on nor flood the inbox.
CODES_PER_HOUR = 5
CODE_SENDS_WINDOW = datetime.timedelta(hours=1)
SIGN_IN_LIFETIME = datetime.timedelta(days=14)


class LinkQuerySet(models.QuerySet):
    def for_token(self, token):
        """The link whose secret is ``token``, revoked or not; None if there is none."""
        return self.filter(token_digest=tokens.digest(token)).first()


class DelegateLink(models.Model):
    """A delegate's own link: what would be published about them, and their consent."""

    delegate = models.ForeignKey(
        Delegate, verbose_name=_("delegate"), on_delete=models.CASCADE, related_name="links"
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegate's own link")
        verbose_name_plural = _("delegates' own links")

    def __str__(self):
        return str(self.delegate)

    @classmethod
    def issue(cls, delegate):
        """A new link for ``delegate``, whose earlier links stop working; the secret, which
        only the e-mail holds."""
        token = tokens.new_token()
        cls.objects.filter(delegate=delegate, revoked_at=None).update(revoked_at=timezone.now())
        cls.objects.create(delegate=delegate, token_digest=tokens.digest(token))
        return token


class DelegationAccess(models.Model):
    """A delegation's invitation link, sent to its focal point (or deputy), and the code that
    signs a browser in with it."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="accesses"
    )
    email = models.EmailField(_("sent to"))
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    code_digest = models.CharField(max_length=64, blank=True, editable=False)
    code_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    code_tries = models.PositiveSmallIntegerField(default=0, editable=False)
    codes_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    codes_counted_since = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation sign-in link")
        verbose_name_plural = _("delegation sign-in links")

    def __str__(self):
        return f"{self.delegation}: {self.email}"

    @classmethod
    def issue(cls, delegation, email):
        token = tokens.new_token()
        cls.objects.create(delegation=delegation, email=email, token_digest=tokens.digest(token))
        return token

    def new_code(self):
        """A fresh code (the earlier one stops working) and its tries reset; the code. None,
        and nothing changed, once ``CODES_PER_HOUR`` codes were sent within the hour: then
        ``next_code_at`` says when the next may be asked for. The row is locked meanwhile."""
        now = timezone.now()
        with transaction.atomic():
            row = type(self).objects.select_for_update().get(pk=self.pk)
            self.codes_counted_since, self.codes_sent = row.codes_counted_since, row.codes_sent
            if self.codes_counted_since is None or now >= self.next_code_at():
                self.codes_counted_since, self.codes_sent = now, 0
            if self.codes_sent >= CODES_PER_HOUR:
                return None
            code = tokens.new_code()
            self.code_digest = tokens.digest(code)
            self.code_sent_at = now
            self.code_tries = 0
            self.codes_sent += 1
            fields = ["code_digest", "code_sent_at", "code_tries", "codes_sent"]
            self.save(update_fields=[*fields, "codes_counted_since"])
            return code

    def next_code_at(self):
        """When the hour in which codes are counted ends."""
        return self.codes_counted_since + CODE_SENDS_WINDOW

    def code_expired(self, now=None):
        now = now or timezone.now()
        return self.code_sent_at is None or now - self.code_sent_at > CODE_LIFETIME

    def try_code(self, code):
        """Whether ``code`` is this link's valid code. A wrong one uses up a try; after
        ``CODE_TRIES`` no code is accepted until a new one is sent. The link's row is locked
        and read afresh (into this object), so guesses made at once are counted one after
        another and never pass ``CODE_TRIES``."""
        with transaction.atomic():
            row = type(self).objects.select_for_update().get(pk=self.pk)
            self.code_digest, self.code_sent_at = row.code_digest, row.code_sent_at
            self.code_tries = row.code_tries
            if self.code_expired() or self.code_tries >= CODE_TRIES:
                return False
            if tokens.matches(code.strip(), self.code_digest):
                self.code_digest = ""
                self.save(update_fields=["code_digest"])
                return True
            self.code_tries += 1
            self.save(update_fields=["code_tries"])
            return False
