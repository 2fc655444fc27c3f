"""League pages at /leagues/<code>/: standings, leaders, schedule."""

from django.urls import path

from leagues import views

urlpatterns = [
    path("<slug:code>/standings/", views.standings_page, name="league_standings"),
    path("<slug:code>/leaders/", views.leaders_page, name="league_leaders"),
    path("<slug:code>/schedule/", views.schedule_page, name="league_schedule"),
]
