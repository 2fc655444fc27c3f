"""The importers' rating field lists beyond those of `players.ratings` (which holds the RULES.md §2 names)."""

from players.ratings import PITCHER_FIELDS, PITCHER_OPTIONAL_FIELDS

# Pitcher fields in canonical order with the optional ones in their place (after strikeout).
PITCHER_FIELDS_WITH_OPTIONAL: tuple[str, ...] = (
    *PITCHER_FIELDS[: PITCHER_FIELDS.index("strikeout") + 1],
    *PITCHER_OPTIONAL_FIELDS,
    *PITCHER_FIELDS[PITCHER_FIELDS.index("strikeout") + 1 :],
)

SPRAY_FIELDS: tuple[str, ...] = ("pull_rate", "center_rate", "slap_rate")
SLASH_FIELDS: tuple[str, ...] = ("avg", "obp", "slg")
