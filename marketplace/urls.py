from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as login_views
from accounts.languages import choose_language
from initiatives import sitemap_views

urlpatterns = [
    # Probes and metrics first: nothing else should answer these paths
    # (docs/operations.md).
    path("", include("operations.urls")),
    # One login door (docs/accounts.md): the admins' own logins check no
    # password, they send people to allauth's login under /account/.
    path("django-admin/login/", login_views.admin_login, {"admin_name": "django"}),
    path("django-admin/password_change/", login_views.django_admin_password_change),
    path("django-admin/", admin.site.urls),
    path(
        "admin/login/",
        login_views.admin_login,
        {"admin_name": "wagtail"},
        name="admin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("api.urls")),
    path("sitemap.xml", sitemap_views.sitemap_index, name="sitemap"),
    path("sitemap-<int:section>.xml", sitemap_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", sitemap_views.robots_txt, name="robots_txt"),
    # The language switcher (docs/languages.md): one address for every language.
    path("taal/<str:language>/", choose_language, name="choose_language"),
]

# Every page a resident, volunteer or initiative sees is in six languages
# (docs/languages.md): Dutch at the plain address, the others under their
# prefix (/en/zoeken/, /ar/zoeken/), so each has an address search engines
# can list (hreflang). The admins, the API, feeds' machine formats and the
# probes keep one address.
urlpatterns += i18n_patterns(
    # The interface's words for the scripts (map.js), in the page's language:
    # the same until the next deploy, so kept an hour by the browser and the
    # cache (one copy per language: the address has the prefix).
    path(
        "jsi18n/",
        cache_page(60 * 60, key_prefix="jsi18n")(JavaScriptCatalog.as_view(domain="djangojs")),
        name="javascript-catalog",
    ),
    path("account/", include("allauth.urls")),
    path("", include("organisation.urls")),
    path("", include("initiatives.urls")),
    path("", include("volunteers.urls")),
    path("", include("helprequests.urls")),
    path("", include("professionals.urls")),
    path("", include("referrals.urls")),
    path("", include("signalling.urls")),
    path("", include("signups.urls")),
    path("", include("followup.urls")),
    path("", include("search.urls")),
    path("", include("contactpoints.urls")),
    # Wagtail's page tree serves everything else, so it comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
