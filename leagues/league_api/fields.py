"""PD rating field names (RULES.md §2 canonical order) and the numbers of the 108-chance rule, for the importers.

Pure Python; the names match `players/ratings.py` on the foundation branch so the two can be unified.
"""

from decimal import Decimal

CHANCES_PER_CARD = Decimal("108")
CHANCE_STEP = Decimal("0.05")
SUM_TOLERANCE = Decimal("0.01")
NORMALISE_TOLERANCE = Decimal("0.5")
XCHECK_TOTAL = Decimal("29")

BATTER_FIELDS: tuple[str, ...] = (
    "homerun",
    "bp_homerun",
    "triple",
    "double_three",
    "double_two",
    "double_pull",
    "single_two",
    "single_one",
    "single_center",
    "bp_single",
    "hbp",
    "walk",
    "strikeout",
    "lineout",
    "popout",
    "flyout_a",
    "flyout_bq",
    "flyout_lf_b",
    "flyout_rf_b",
    "groundout_a",
    "groundout_b",
    "groundout_c",
)

XCHECK_FIELDS: tuple[str, ...] = (
    "xcheck_p",
    "xcheck_c",
    "xcheck_1b",
    "xcheck_2b",
    "xcheck_3b",
    "xcheck_ss",
    "xcheck_lf",
    "xcheck_cf",
    "xcheck_rf",
)

PITCHER_FIELDS: tuple[str, ...] = (
    "homerun",
    "bp_homerun",
    "triple",
    "double_three",
    "double_two",
    "double_cf",
    "single_two",
    "single_one",
    "single_center",
    "bp_single",
    "hbp",
    "walk",
    "strikeout",
    "flyout_lf_b",
    "flyout_cf_b",
    "flyout_rf_b",
    "groundout_a",
    "groundout_b",
    *XCHECK_FIELDS,
)

# Not confirmed by the PD API (API_SHAPES.md PD-3): counted and kept when sent, absent otherwise.
PITCHER_OPTIONAL_FIELDS: tuple[str, ...] = ("lineout", "popout")

# Pitcher fields in canonical order with the optional ones in their place (after strikeout).
PITCHER_FIELDS_WITH_OPTIONAL: tuple[str, ...] = (
    *PITCHER_FIELDS[: PITCHER_FIELDS.index("strikeout") + 1],
    *PITCHER_OPTIONAL_FIELDS,
    *PITCHER_FIELDS[PITCHER_FIELDS.index("strikeout") + 1 :],
)

BATTER_OUT_FIELDS: tuple[str, ...] = BATTER_FIELDS[BATTER_FIELDS.index("strikeout") :]
PITCHER_OUT_FIELDS: tuple[str, ...] = (
    "strikeout",
    *PITCHER_OPTIONAL_FIELDS,
    "flyout_lf_b",
    "flyout_cf_b",
    "flyout_rf_b",
    "groundout_a",
    "groundout_b",
)

SPRAY_FIELDS: tuple[str, ...] = ("pull_rate", "center_rate", "slap_rate")
SLASH_FIELDS: tuple[str, ...] = ("avg", "obp", "slg")
