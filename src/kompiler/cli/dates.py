"""Dates on the command line: ``YYYY-MM-DD`` parameters (``--as-of``) and the day a build is dated."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from kompiler.model.time import parse_date


class IsoDate(click.ParamType):
    """Accepts ``YYYY-MM-DD`` and returns it as that string, which is how the model stores dates."""

    name = "TTTT-BB-HH"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return parse_date(str(value))
        except ValueError:
            self.fail(
                f"{value!r} bukan tanggal TTTT-BB-HH / is not a YYYY-MM-DD date, misalnya / e.g. 2026-07-01",
                param,
                ctx,
            )


AS_OF_DATE = IsoDate()


def build_day() -> datetime:
    """The day a build without ``SOURCE_DATE_EPOCH`` is dated (the site's footer, the documents' metadata):
    today at midnight UTC, so that builds of the same standards on one day are still byte-identical."""
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
