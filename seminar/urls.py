"""The site's URLs: the public registry at the root, the organizers' admin under /admin/, the
language switcher's view under /i18n/, and the pages reached from e-mailed links (a delegate's
own link, a focal point's delegation: ``registry.portal``).

A page's URL is the same in English and Japanese: the language is the visitor's choice
(remembered in a cookie) or their browser's, so a shared link opens in the reader's language.
"""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Asian Export Control Seminar registry")
admin.site.site_title = _("Seminar registry")
admin.site.index_title = _("Organizers' administration")

# Error pages in the visitor's language, with the site's look (the admin's under /admin/).
handler403 = "registry.views.errors.permission_denied"
handler404 = "registry.views.errors.page_not_found"
handler500 = "registry.views.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The registration desk's check-in, for its members and organizers.
    path("desk/", include("registry.desk.urls")),
    # Pages reached from e-mailed links: a delegate's own link, a focal point's delegation.
    path("", include("registry.portal.urls")),
    path("", include("registry.urls")),
]
