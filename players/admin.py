from django.contrib import admin

from leagues.admin_scoping import LeagueScopedAdmin
from players.models import BattingRating, Card, Cardset, PitchingRating, Player, PositionRating


@admin.register(Player)
class PlayerAdmin(LeagueScopedAdmin):
    list_display = ["name", "league", "external_id", "positions", "mlb_club", "season", "wara"]
    list_filter = ["league", "season"]
    search_fields = ["name", "external_id", "bbref_id", "fangraphs_id", "sbaplayer_id"]
    list_select_related = ["league"]


@admin.register(Cardset)
class CardsetAdmin(LeagueScopedAdmin):
    list_display = ["name", "league", "external_id", "ranked_legal", "for_purchase", "in_packs", "total_cards"]
    list_filter = ["league", "ranked_legal"]
    search_fields = ["name", "external_id"]
    list_select_related = ["league"]


class BattingRatingInline(admin.StackedInline):
    model = BattingRating
    extra = 0
    max_num = 2


class PitchingRatingInline(admin.StackedInline):
    model = PitchingRating
    extra = 0
    max_num = 2


class PositionRatingInline(admin.TabularInline):
    model = PositionRating
    extra = 0


@admin.register(Card)
class CardAdmin(LeagueScopedAdmin):
    league_path = "player__league"
    list_display = ["__str__", "player", "cardset", "variant", "bat_hand", "throw_hand", "rarity_name", "cost"]
    list_filter = ["player__league", "cardset", "bat_hand", "throw_hand"]
    search_fields = ["player__name", "player__external_id", "batting_card_external_id", "pitching_card_external_id"]
    list_select_related = ["player", "cardset"]
    raw_id_fields = ["player"]
    inlines = [BattingRatingInline, PitchingRatingInline, PositionRatingInline]


class RatingAdmin(LeagueScopedAdmin):
    league_path = "card__player__league"
    list_display = ["card", "vs_hand", "homerun", "walk", "strikeout", "avg", "obp", "slg"]
    list_filter = ["card__player__league", "vs_hand"]
    search_fields = ["card__player__name"]
    list_select_related = ["card__player", "card__cardset"]
    raw_id_fields = ["card"]


admin.site.register(BattingRating, RatingAdmin)
admin.site.register(PitchingRating, RatingAdmin)


@admin.register(PositionRating)
class PositionRatingAdmin(RatingAdmin):
    list_display = ["card", "position", "range", "error", "arm", "passed_ball", "throwing"]
    list_filter = ["card__player__league", "position", "range"]
