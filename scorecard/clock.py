"""Timestamps: every time the code creates comes from pendulum, in UTC."""

import pendulum


def pendulum_now() -> pendulum.DateTime:
    """The current time as an aware pendulum DateTime in UTC (usable as a model field default)."""
    return pendulum.now("UTC")
