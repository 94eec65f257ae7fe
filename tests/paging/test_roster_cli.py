"""`haven roster`: the real command, run as a process against SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from haven.paging.clock import utcnow
from haven.paging.tables import ClinicianRow, ShiftRow
from haven.storage import create_engine_for

HAVEN = str(Path(sys.executable).parent / "haven")


def haven(database_url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAVEN_", "DATABASE_URL"))}
    env.update({"DATABASE_URL": database_url, "HAVEN_DATA_DIR": str(data_dir)})
    return subprocess.run(
        [HAVEN, "roster", *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_roster_commands_add_and_list_clinicians_and_shifts(
    database_url: str, tmp_path: Path
) -> None:
    now = utcnow().replace(microsecond=0)
    start, end = (now - timedelta(hours=1)).isoformat(), (now + timedelta(hours=7)).isoformat()

    ana = haven(
        database_url, tmp_path, "add-clinician", "--name", "Ana Ruiz", "--phone", "+15557770001"
    )
    ben = haven(
        database_url, tmp_path, "add-clinician", "--name", "Ben Ode", "--phone", "+442071234567"
    )
    assert ana.returncode == 0, ana.stderr
    assert ana.stdout.startswith("added clinician 1: Ana Ruiz +15557770001")
    assert ben.returncode == 0, ben.stderr
    second = haven(
        database_url,
        tmp_path,
        "add-shift",
        "--clinician",
        "2",
        "--start",
        start,
        "--end",
        end,
        "--order",
        "2",
    )
    first = haven(
        database_url,
        tmp_path,
        "add-shift",
        "--clinician",
        "1",
        "--start",
        start,
        "--end",
        end,
        "--order",
        "1",
    )
    later = haven(
        database_url,
        tmp_path,
        "add-shift",
        "--clinician",
        "1",
        "--start",
        (now + timedelta(days=1)).isoformat().replace("+00:00", "Z"),
        "--end",
        (now + timedelta(days=1, hours=8)).isoformat(),
    )
    assert second.returncode == first.returncode == later.returncode == 0, later.stderr
    assert "order 1" in later.stdout  # nothing overlaps it: first in line by default

    listing = haven(database_url, tmp_path, "list")

    assert listing.returncode == 0, listing.stderr
    assert "on call now, in escalation order: 1: Ana Ruiz, 2: Ben Ode" in listing.stdout
    assert "+442071234567" in listing.stdout
    engine = create_engine_for(database_url)
    with engine.connect() as conn:
        clinicians = conn.execute(sa.select(ClinicianRow.name, ClinicianRow.phone)).all()
        shifts = conn.execute(sa.select(ShiftRow.clinician_id, ShiftRow.position)).all()
    engine.dispose()
    assert sorted(clinicians) == [("Ana Ruiz", "+15557770001"), ("Ben Ode", "+442071234567")]
    assert sorted(shifts) == [(1, 1), (1, 1), (2, 2)]


def test_roster_commands_explain_what_is_wrong(database_url: str, tmp_path: Path) -> None:
    for bad in ("5557770001", "+1 555 777 0001", "+0123456789", "+1555-777-0001"):
        result = haven(database_url, tmp_path, "add-clinician", "--name", "X", "--phone", bad)
        assert result.returncode == 2
        assert "E.164" in result.stderr and "+15551234567" in result.stderr
    assert (
        haven(
            database_url, tmp_path, "add-clinician", "--name", "A", "--phone", "+15557770002"
        ).returncode
        == 0
    )
    duplicate = haven(
        database_url, tmp_path, "add-clinician", "--name", "B", "--phone", "+15557770002"
    )
    assert duplicate.returncode == 2 and "already has this phone number" in duplicate.stderr

    def shift(*args: str) -> subprocess.CompletedProcess[str]:
        return haven(database_url, tmp_path, "add-shift", *args)

    naive = shift("--clinician", "1", "--start", "2026-11-21T08:00", "--end", "2026-11-21T16:00")
    assert naive.returncode == 2 and "time zone" in naive.stderr
    backwards = shift(
        "--clinician", "1", "--start", "2026-11-21T16:00Z", "--end", "2026-11-21T08:00Z"
    )
    assert backwards.returncode == 2 and "must end after it starts" in backwards.stderr
    nobody = shift(
        "--clinician", "99", "--start", "2026-11-21T08:00Z", "--end", "2026-11-21T16:00Z"
    )
    assert nobody.returncode == 2 and "no clinician has id 99" in nobody.stderr
    garbled = shift("--clinician", "1", "--start", "tomorrow", "--end", "2026-11-21T16:00Z")
    assert garbled.returncode == 2 and "is not an ISO 8601 time" in garbled.stderr
