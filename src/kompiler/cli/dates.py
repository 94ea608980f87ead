"""Dates on the command line: ``YYYY-MM-DD`` parameters (``--as-of``). The day a build is dated is the
library's (:func:`kompiler.build.orchestrate.build_moment`)."""

from __future__ import annotations

import click

from kompiler.model.time import parse_date


class IsoDate(click.ParamType):
    """Accepts ``YYYY-MM-DD`` and returns it as that string, which is how the model stores dates."""

    name = "YYYY-MM-DD"

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
