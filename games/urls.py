"""Game pages: creating a game, the lineup builder, and the game page (live and finished) with its endpoints."""

from django.urls import path

from games import views, views_game

urlpatterns = [
    path("new/", views.game_new, name="game_new"),
    path("scheduled/<int:slot_id>/play/", views.scheduled_play, name="scheduled_play"),
    path("teams/<int:team_id>/orders/", views.team_orders, name="team_orders"),
    path("<uuid:game_id>/lineup/", views.game_lineup, name="game_lineup"),
    path("<uuid:game_id>/", views_game.game_page, name="game_page"),
    path("<uuid:game_id>/log.txt", views_game.game_log, name="game_log"),
    path("<uuid:game_id>/box.json", views_game.game_box, name="game_box"),
    path("<uuid:game_id>/events.json", views_game.game_events, name="game_events"),
    path("<uuid:game_id>/scoresheet/", views_game.game_scoresheet_page, name="game_scoresheet"),
    path("<uuid:game_id>/scoresheet.pdf", views_game.game_scoresheet_pdf, name="game_scoresheet_pdf"),
    path("<uuid:game_id>/plays.csv", views_game.game_plays_csv, name="game_plays_csv"),
    path("<uuid:game_id>/rematch/", views_game.game_rematch_view, name="game_rematch"),
]
