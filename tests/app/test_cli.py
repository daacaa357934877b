"""The `yanji` command line: each command, its output, and its errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.paths import DataDir


def _yanji(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def demo_dir(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> DataDir:
    status, out, _ = _yanji(capsys, "station", "--headless")
    assert status == 0, out
    return data_dir


def test_headless_station_runs_the_demo_and_says_where(
    data_dir: DataDir, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    status, out, _ = _yanji(capsys)
    assert status == 0
    assert "No display found" in out
    assert "REFUSED: Activation Lock (Find My iPhone) is on" in out
    assert "REFUSED: Maker account lock is on" in out
    assert "/ Google account lock (FRP) is on" in out  # every lock, not the first
    assert "REFUSED: Managed by an organisation (MDM)" in out
    exports = sorted(data_dir.exports.glob("demo-*.json"))
    assert len(exports) == 6
    assert str(data_dir.exports) in out
    sealed = [json.loads(p.read_text())["state"] for p in exports]
    assert sealed.count("sealed") == 3


def test_history_lists_newest_first_as_table_and_json(
    demo_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _yanji(capsys, "history")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("ID")
    assert "iPhone 7" in lines[1]  # made last
    status, out, _ = _yanji(capsys, "history", "--json", "--state", "quoted")
    rows = json.loads(out)["rows"]
    # the refused ones, never sealed
    assert [r["model"] for r in rows] == ["iPhone 6 Plus", "POCO X5 Pro 5G", "Infinix NOTE 30 5G"]
    assert [(r["refused"], r["total_yuan"]) for r in rows] == [(True, None)] * 3
    refused = [line for line in lines if "iPhone 6 Plus" in line]
    assert len(refused) == 1 and "  refused " in refused[0] and "¥" not in refused[0]
    sealed = next(line for line in lines if "iPhone 7" in line)
    assert "  sealed " in sealed and "¥180" in sealed


def test_history_search_and_paging(demo_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _yanji(capsys, "history", "355341083159771", "--json")
    assert [r["model"] for r in json.loads(out)["rows"]] == ["iPhone 7"]
    _, out, _ = _yanji(capsys, "history", "--json", "--limit", "3")
    first = json.loads(out)
    assert len(first["rows"]) == 3 and first["next_cursor"]
    _, out, _ = _yanji(
        capsys, "history", "--json", "--limit", "3", "--cursor", first["next_cursor"]
    )
    assert len(json.loads(out)["rows"]) == 3
    _, out, _ = _yanji(capsys, "history", "--since", "2000-01-01", "--until", "2000-01-02")
    assert "No inspections match" in out
    # A grade by its letter in any case, or by its 成色.
    _, out, _ = _yanji(capsys, "history", "--json", "--grade", "B")
    graded = [r["model"] for r in json.loads(out)["rows"]]
    assert graded and all(r["grade"] == "B" for r in json.loads(out)["rows"])
    for written in ("b", "9成新"):
        _, out, _ = _yanji(capsys, "history", "--json", "--grade", written)
        assert [r["model"] for r in json.loads(out)["rows"]] == graded, written


def test_show_prints_the_record_and_its_audit_trail(
    demo_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _yanji(capsys, "history", "--json", "--state", "sealed", "--limit", "1")
    record_id = json.loads(out)["rows"][0]["id"]
    status, out, _ = _yanji(capsys, "show", record_id)
    shown = json.loads(out)
    assert status == 0
    assert shown["inspection"]["id"] == record_id
    assert shown["inspection"]["state"] == "sealed"
    assert [e["action"] for e in shown["audit"]] == ["inspection.created", "inspection.sealed"]


def test_errors_are_one_line_and_non_zero(
    demo_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = _yanji(capsys, "show", "does-not-exist")
    assert status == 1
    assert err == "yanji: error: no inspection with id does-not-exist\n"
    status, _, err = _yanji(capsys, "history", "--cursor", "x")
    assert status == 1 and err.count("\n") == 1
    # Days the wrong way round are a mistake, not an empty history.
    status, _, err = _yanji(capsys, "history", "--since", "2026-11-20", "--until", "2026-11-02")
    assert (status, err) == (1, "yanji: error: --since 2026-11-20 is after --until 2026-11-02\n")
    # A grade the standard does not have is a mistake too, not "No inspections match".
    with pytest.raises(SystemExit) as exit_:
        _yanji(capsys, "history", "--grade", "95")
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "yanji history: error: argument --grade: not a grade: '95' (the grades: S (99新), "
        "A (95新), B (9成新), C (8成新), D (7成新及以下))"
    )


def test_db_check_passes_then_finds_a_missing_photo(
    demo_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _yanji(capsys, "db", "check")
    assert status == 0, out
    assert re.search(r"^  disk: [0-9.]+ [MG]B free of [0-9.]+ [MG]B", out, re.M)
    photo = next(p for p in demo_dir.photos.rglob("*") if p.is_file())
    photo.unlink()
    status, out, _ = _yanji(capsys, "db", "check")
    assert status == 1
    assert "photo files missing: 1 problem(s)" in out
    assert photo.name in out


def test_db_backup_is_a_consistent_copy(
    demo_dir: DataDir, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "backup.sqlite3"
    status, out, _ = _yanji(capsys, "db", "backup", str(target))
    assert status == 0 and str(target) in out
    import sqlite3

    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM inspections").fetchone() == (6,)
    conn.close()
    status, _, err = _yanji(capsys, "db", "backup", str(target))
    assert status == 1 and "already exists" in err


@pytest.mark.parametrize("before", [False, True], ids=["after-command", "before-command"])
def test_data_dir_option_beats_the_environment(
    data_dir: DataDir, capsys: pytest.CaptureFixture[str], tmp_path: Path, before: bool
) -> None:
    other = tmp_path / "other"
    option = ["--data-dir", str(other)]
    status, _, _ = _yanji(capsys, *([*option, "history"] if before else ["history", *option]))
    assert status == 0
    assert (other / "yanji.sqlite3").exists()
    assert (other / "logs" / "yanji.log").exists()
    assert not data_dir.database.exists()


def test_options_before_the_command_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import build_parser

    args = build_parser().parse_args(["--data-dir", "/x", "-v", "station", "--headless"])
    assert (args.data_dir, args.verbose, args.headless) == ("/x", True, True)
    args = build_parser().parse_args(["station"])
    assert not hasattr(args, "data_dir") and not hasattr(args, "verbose")


def test_python_m_app_reports_a_newer_database_without_traceback(data_dir: DataDir) -> None:
    import sqlite3

    from app.db import open_engine

    open_engine(data_dir.database).dispose()
    conn = sqlite3.connect(data_dir.database)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    env = dict(os.environ, YANJI_DATA_DIR=str(data_dir.root))
    result = subprocess.run(
        [sys.executable, "-m", "app", "history"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "newer version of Yanji" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_unexpected_errors_are_logged_not_dumped(
    data_dir: DataDir, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.store

    def boom(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(app.store.Store, "open", classmethod(boom))
    status, _, err = _yanji(capsys, "history")
    assert status == 70
    assert "RuntimeError: disk on fire" in err and "Traceback" not in err
    assert "Traceback" in (data_dir.logs / "yanji.log").read_text()
    with pytest.raises(RuntimeError):
        main(["history", "--verbose"])
