"""The portal's URLs, outside the public site's (``registry.urls``): never cached, never in the
public pages' lists. A focal point's pages under /delegation/, a delegate's own link under
/listing/."""

from django.urls import path, re_path

from registry.portal import certificates, consent, lists, nominations, signin

app_name = "portal"

urlpatterns = [
    path("listing/<str:token>/", consent.own_link, name="own_link"),
    path("certificates/<str:code>/", certificates.verify, name="certificate"),
    path("delegation/sign-in/<str:token>/", signin.sign_in, name="sign_in"),
    path("delegation/sign-out/", signin.sign_out, name="sign_out"),
    path("delegation/signed-out/", signin.signed_out, name="signed_out"),
    path("delegation/", nominations.delegation_page, name="delegation"),
    path("delegation/nominees/add/", nominations.add_nominee, name="add_nominee"),
    path(
        "delegation/nominees/<int:replacing>/replace/",
        nominations.add_nominee,
        name="replace_nominee",
    ),
    path("delegation/nominees/<int:pk>/", nominations.edit_nominee, name="edit_nominee"),
    path(
        "delegation/nominees/<int:pk>/withdraw/",
        nominations.withdraw_nominee,
        name="withdraw_nominee",
    ),
    path("delegation/nominees/<int:pk>/head/", nominations.name_head, name="name_head"),
    path("delegation/letters/", nominations.upload_letter, name="upload_letter"),
    path("delegation/letters/<int:pk>/", nominations.download_letter, name="download_letter"),
    path("delegation/submit/", nominations.submit, name="submit"),
    path("delegation/list/", lists.upload_list, name="upload_list"),
    path("delegation/list/confirm/", lists.confirm_list, name="confirm_list"),
    # The two kinds of template there are; any other name is not found.
    re_path(
        r"^delegation/list/template\.(?P<kind>csv|xlsx)\Z",
        lists.template,
        name="list_template",
    ),
]
