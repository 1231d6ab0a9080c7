"""The site's URLs: the public registry at the root, the organizers' admin under /admin/."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Asian Export Control Seminar registry"
admin.site.site_title = "Seminar registry"
admin.site.index_title = "Organizers' administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("registry.urls")),
]
