"""Chart and report commands: ``chart`` (one chart to PNG/SVG/PDF, or ``--list``) and ``report``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mhdesk.cli.common import add_store, open_store
from mhdesk.errors import MhdeskError, UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("chart", help="draw one chart to PNG, SVG or PDF (the window's drawing code)",
                       description="Draw one chart. `mhdesk chart --list` lists the charts.")
    p.add_argument("name", nargs="?", metavar="NAME", help="the chart (see --list)")
    p.add_argument("--list", action="store_true", help="list the charts and exit")
    add_store(p, required=False)
    p.add_argument("--out", type=Path, metavar="FILE", help="FILE.png, FILE.svg or FILE.pdf")
    p.add_argument("--indicator", metavar="CODE", help="the indicator (trend, breakdown, comparison, tiles)")
    p.add_argument("--org-unit", metavar="O", help="CBS code or name of a municipality or veiligheidsregio "
                   "(default: the store's region)")
    p.add_argument("--period", metavar="P", help="a period or range: 2024, 2019:2024, 2023-Q1:2024-Q4")
    p.add_argument("--year", type=int, metavar="Y", help="the year of one-year charts (default: the last)")
    p.add_argument("--dimension", metavar="DIM", help="the dimension of the breakdown (default: vorm)")
    p.add_argument("--public", action="store_true", help="apply disclosure control (small counts hidden)")
    p.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the labels (default nl)")
    p.add_argument("--theme", choices=["light", "dark"], default="light")
    p.set_defaults(handler=cmd_chart)

    p = sub.add_parser("report", help="the monitor report for mayors and councils (PDF; disclosure control on)")
    p.add_argument("out", type=Path, metavar="OUT.pdf")
    add_store(p)
    p.add_argument("--year", type=int, metavar="Y", help="the report year (default: the last year with figures)")
    p.add_argument("--org-unit", metavar="O", help="a municipality or veiligheidsregio (default: the region)")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    p.set_defaults(handler=cmd_report)


def cmd_chart(args: argparse.Namespace) -> int:
    from mhdesk.charts import CHARTS

    if args.list:
        width = max(len(n) for n in CHARTS)
        for name, spec in CHARTS.items():
            sys.stdout.write(f"{name:<{width}}  {spec.title(args.lang)}\n")
        return 0
    if not args.name:
        raise UsageError("name a chart (mhdesk chart NAME --store S --out FILE), or use --list")
    if args.name not in CHARTS:
        raise UsageError(f"unknown chart '{args.name}'; choose one of: {', '.join(CHARTS)}")
    if not args.store:
        raise UsageError("--store is required to draw a chart")
    if not args.out:
        raise UsageError("--out FILE.png|svg|pdf is required")
    if args.out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise MhdeskError(f"{args.out}: mhdesk writes charts as .png, .svg or .pdf, not "
                          f"'{args.out.suffix or '(none)'}'", hint="Give the output file one of those extensions.")
    if not args.out.parent.exists():
        raise MhdeskError(f"folder {args.out.parent} does not exist")
    from mhdesk.charts import (
        Options,
        draw_from_store,
        parse_period_range,
        resolve_org_unit,
        save_figure,
    )

    first, last = parse_period_range(args.period)
    store = open_store(args)
    try:
        opt = Options(indicator=args.indicator.upper() if args.indicator else None,
                      org_unit=resolve_org_unit(store, args.org_unit), period_from=first, period_to=last,
                      year=args.year, dimension=args.dimension, public=args.public, lang=args.lang,
                      theme=args.theme)
        drawn = draw_from_store(store, args.name, opt)
        save_figure(drawn.figure, args.out)
    finally:
        store.close()
    what = "no figures for this selection; " if drawn.empty else ""
    print(f"{what}chart '{args.name}' written to {args.out}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".pdf":
        raise MhdeskError(f"{args.out}: the report is a PDF; give the file the extension .pdf")
    if not args.out.parent.exists():
        raise MhdeskError(f"folder {args.out.parent} does not exist")
    from mhdesk.charts import resolve_org_unit
    from mhdesk.report import ReportOptions, write_report

    store = open_store(args)
    try:
        opt = ReportOptions(year=args.year, org_unit=resolve_org_unit(store, args.org_unit), lang=args.lang)
        result = write_report(store, args.out, opt)
    finally:
        store.close()
    print(f"report {result.year} ({result.pages} pages) written to {args.out}"
          + (f"; {result.protection}" if result.protection else ""))
    return 0
