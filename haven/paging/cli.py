"""`haven roster`: add clinicians and shifts, list the roster and who is on call now."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from haven.config import Settings
from haven.paging.clock import utcnow
from haven.paging.errors import RosterError
from haven.paging.roster import Roster
from haven.storage import StorageUnavailable, create_engine_for, upgrade_schema

SettingsLoader = Callable[[], Settings]


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], load_settings: SettingsLoader
) -> None:
    roster = subparsers.add_parser("roster", help="the on-call roster: clinicians and shifts")
    commands = roster.add_subparsers(dest="roster_command", required=True, metavar="COMMAND")

    clinician = commands.add_parser("add-clinician", help="add a clinician who can be paged")
    clinician.add_argument("--name", required=True)
    clinician.add_argument("--phone", required=True, help="E.164, e.g. +15551234567")
    clinician.set_defaults(handler=_runner(load_settings, _add_clinician))

    shift = commands.add_parser("add-shift", help="put a clinician on call for a time window")
    shift.add_argument("--clinician", required=True, type=int, help="the clinician's id")
    shift.add_argument("--start", required=True, type=_moment, help="ISO 8601 with an offset")
    shift.add_argument("--end", required=True, type=_moment, help="ISO 8601 with an offset")
    shift.add_argument(
        "--order",
        type=int,
        default=None,
        help="escalation order, 1 paged first (default: after every overlapping shift)",
    )
    shift.set_defaults(handler=_runner(load_settings, _add_shift))

    listing = commands.add_parser("list", help="clinicians, shifts not yet ended, on call now")
    listing.set_defaults(handler=_runner(load_settings, _list))


def _moment(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO 8601 time (e.g. 2026-11-21T08:00+00:00)"
        ) from None


def _runner(
    load_settings: SettingsLoader, action: Callable[[Roster, argparse.Namespace], None]
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        settings = load_settings()
        upgrade_schema(settings.database_url)
        engine: Engine = create_engine_for(settings.database_url)
        try:
            action(Roster(engine), args)
        except RosterError as exc:
            print(f"haven roster: {exc}", file=sys.stderr)
            return 2
        except StorageUnavailable:
            print("haven roster: the database is unavailable", file=sys.stderr)
            return 1
        finally:
            engine.dispose()
        return 0

    return run


def _add_clinician(roster: Roster, args: argparse.Namespace) -> None:
    clinician = roster.add_clinician(args.name, args.phone)
    print(f"added clinician {clinician.id}: {clinician.name} {clinician.phone}")


def _add_shift(roster: Roster, args: argparse.Namespace) -> None:
    shift = roster.add_shift(args.clinician, args.start, args.end, args.order)
    print(
        f"added shift {shift.id}: clinician {shift.clinician_id} on call "
        f"{shift.starts_at.isoformat()} to {shift.ends_at.isoformat()}, order {shift.order}"
    )


def _list(roster: Roster, _: argparse.Namespace) -> None:
    now = utcnow()
    clinicians = roster.clinicians()
    names = {c.id: c.name for c in clinicians}
    print("clinicians:")
    for c in clinicians:
        print(f"  {c.id:>4}  {c.name:<30} {c.phone:<16} {'active' if c.active else 'inactive'}")
    print("shifts not yet ended (UTC):")
    for s in roster.shifts(ending_after=now):
        print(
            f"  {s.id:>4}  order {s.order:<3} {s.starts_at:%Y-%m-%d %H:%M} to "
            f"{s.ends_at:%Y-%m-%d %H:%M}  {s.clinician_id}: {names.get(s.clinician_id, '?')}"
        )
    on_call = roster.on_call(now)
    order = ", ".join(f"{p.clinician_id}: {p.name}" for p in on_call) or "nobody"
    print(f"on call now, in escalation order: {order}")
