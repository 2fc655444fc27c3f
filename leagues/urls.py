"""League pages at /leagues/<code>/: standings, leaders, schedule, team and player pages, the live scoreboard, and
the CSV exports."""

from django.urls import path

from leagues import csv_views, views

urlpatterns = [
    path("<slug:code>/standings/", views.standings_page, name="league_standings"),
    path("<slug:code>/leaders/", views.leaders_page, name="league_leaders"),
    path("<slug:code>/schedule/", views.schedule_page, name="league_schedule"),
    path("<slug:code>/scoreboard/", views.scoreboard_page, name="league_scoreboard"),
    path("<slug:code>/teams/<int:team_id>/", views.team_page, name="league_team"),
    path("<slug:code>/players/<int:player_id>/", views.player_page, name="league_player"),
    path("<slug:code>/standings.csv", csv_views.standings_csv, name="league_standings_csv"),
    path("<slug:code>/leaders.csv", csv_views.leaders_csv, name="league_leaders_csv"),
    path("<slug:code>/schedule.csv", csv_views.schedule_csv, name="league_schedule_csv"),
    path("<slug:code>/teams/<int:team_id>/<slug:kind>.csv", csv_views.team_csv, name="league_team_csv"),
    path("<slug:code>/players/<int:player_id>/<slug:kind>.csv", csv_views.player_csv, name="league_player_csv"),
]
