from django.contrib import admin
from django.urls import include, path

from scorecard import dev_login, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page links; the icon is a static SVG.
    path("favicon.ico", views.favicon, name="favicon"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", include("scorecard.api_urls")),
    path("games/", include("games.urls")),
    path("leagues/", include("leagues.urls")),
    path("accounts/dev-login/", dev_login.dev_login, name="dev_login"),
    path("accounts/", include("allauth.urls")),
]
