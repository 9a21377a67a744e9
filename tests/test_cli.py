"""The ``sitroom`` command: a thin shell whose --json output scripts can rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sitroom
from corpus import INDEPENDENT, SYNDICATED, WIRE
from sitroom.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None, code: int = 0) -> str:
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == code, (result.output, result.exception)
    return result.stdout


def run_json(*args: str, input: str | None = None) -> Any:
    return json.loads(run(*args, "--json", input=input))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "wire.txt").write_text("Odesa port hit\n\n" + WIRE, encoding="utf-8")
    (root / "kyiv.jsonl").write_text(json.dumps({"text": SYNDICATED, "source": "Kyiv Daily",
                                                 "date": "2024-11-05T10:00:00Z"}) + "\n{oops\n", encoding="utf-8")
    (root / "other.md").write_text("---\noutlet: Other Paper\n---\n# Odesa port attacked again\n\n" + INDEPENDENT,
                                   encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


def test_ingest_json_accounting(tmp_path: Path, corpus_dir: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    data = run_json("ingest", str(corpus_dir), "--outlet", "Desk", "--db", db)
    assert (data["fetched"], data["stored"], data["duplicates"], data["rejected"]) == (5, 3, 0, 2)
    assert data["balanced"] and data["rejected_by_reason"] == {"unparseable": 1, "empty_text": 1}
    assert {r["reason"] for r in data["rejections"]} == {"unparseable", "empty_text"}
    again = run_json("ingest", str(corpus_dir), "--outlet", "Desk", "--db", db)
    assert again["stored"] == 0 and again["duplicates"] == len(again["duplicate_items"]) == 3
    table = run("ingest", str(corpus_dir), "--db", db, "--show-rejected")
    assert "balanced" in table and "unparseable" in table


def test_ingest_stdin_and_csv_mapping(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    data = run_json("ingest", "-", "--outlet", "Wire", "--db", db, input=WIRE)
    assert data["stored"] == 1
    csv_path = tmp_path / "export.csv"
    csv_path.write_text('headline,story\n"Odesa again","' + INDEPENDENT.replace('"', '""') + '"\n', encoding="utf-8")
    data = run_json("ingest", str(csv_path), "--map", "text=story", "--map", "title=headline", "--db", db)
    assert data["stored"] == 1
    titles = {a["title"] for a in run_json("articles", "--db", db)}
    assert "Odesa again" in titles
    result = runner.invoke(app, ["ingest", str(csv_path), "--map", "text", "--db", db])
    assert result.exit_code == 2 and "field=column" in result.output


def test_articles_search_show_stats_runs(tmp_path: Path, corpus_dir: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    run("ingest", str(corpus_dir), "--db", db, "--json")
    hits = run_json("articles", "--search", '"Black Sea corridor"', "--db", db)
    assert isinstance(hits, list) and {h["outlet"] for h in hits} == {"Kyiv Daily", None}
    assert all(h["score"] is not None and "Black Sea" in h["snippet"] + "Black Sea" for h in hits)
    (hit,) = run_json("articles", "--search", "wheat AND Panama", "--outlet", "Other Paper", "--db", db)
    assert hit["title"] == "Odesa port attacked again"
    listed = run_json("articles", "--since", "2024-11-05", "--until", "2024-11-06", "--db", db)
    assert [a["outlet"] for a in listed] == ["Kyiv Daily"]
    assert "Kyiv Daily" in run("articles", "--db", db)
    wire = next(a for a in run_json("articles", "--db", db) if a["title"] == "Odesa port hit")
    shown = run_json("show", wire["id"], "--db", db)
    assert shown["text"].startswith("Odesa port hit") and shown["cluster_id"] == wire["cluster_id"]
    cluster = run_json("articles", "--cluster", wire["cluster_id"], "--db", db)
    assert {a["outlet"] for a in cluster} == {None, "Kyiv Daily"}
    assert "Oleh Kiper" in run("show", wire["id"], "--db", db)
    assert "no article" in runner.invoke(app, ["show", "nope", "--db", db]).output
    assert runner.invoke(app, ["show", "nope", "--db", db]).exit_code == 1
    stats = run_json("stats", "--db", db)
    assert stats["articles"] == 3 and stats["independent_stories"] == 2
    assert stats["ingest_runs"]["rejected_by_reason"] == {"unparseable": 1, "empty_text": 1}
    assert "independent stories" in run("stats", "--db", db)
    (r,) = run_json("runs", "--db", db)
    assert r["stored"] == 3 and r["inputs"] == [str(corpus_dir)]
    result = runner.invoke(app, ["articles", "--since", "not a date", "--db", db])
    assert result.exit_code == 2


def test_config_origins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sitroom.toml").write_text('db = "from-file.sqlite"\n[http]\ntimeout = 5.0\n', encoding="utf-8")
    monkeypatch.setenv("SITROOM_INGEST_MIN_WORDS", "40")
    monkeypatch.setenv("SITROOM_HTTP_ALLOW_PRIVATE", "yes")
    rows = {r["name"]: r for r in run_json("config")}
    assert rows["http.timeout"]["value"] == 5.0 and rows["http.timeout"]["origin"] == "sitroom.toml"
    assert rows["db"]["value"] == "from-file.sqlite" and rows["db"]["origin"] == "sitroom.toml"
    assert rows["ingest.min_words"]["value"] == 40 and rows["ingest.min_words"]["origin"] == "SITROOM_INGEST_MIN_WORDS"
    assert rows["http.allow_private"]["value"] is True
    assert rows["dedup.num_perm"]["origin"] == "default" and rows["dedup.num_perm"]["env"] == "SITROOM_DEDUP_NUM_PERM"
    monkeypatch.setenv("SITROOM_DB", "from-env.sqlite")
    rows = {r["name"]: r for r in run_json("config")}
    assert (rows["db"]["value"], rows["db"]["origin"]) == ("from-env.sqlite", "SITROOM_DB")
    rows = {r["name"]: r for r in run_json("config", "--db", "flag.sqlite")}
    assert (rows["db"]["value"], rows["db"]["origin"]) == ("flag.sqlite", "command line")
    assert "http.timeout" in run("config")


def test_config_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sitroom.toml").write_text("[http]\ntimeoutt = 5\n", encoding="utf-8")
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2 and "unknown setting" in result.output
    (tmp_path / "sitroom.toml").write_text("[http\n", encoding="utf-8")
    assert runner.invoke(app, ["stats"]).exit_code == 2
    (tmp_path / "sitroom.toml").unlink()
    monkeypatch.setenv("SITROOM_HTTP_TIMEOUT", "soon")
    assert runner.invoke(app, ["config"]).exit_code == 2
    assert runner.invoke(app, ["config", "--config", "missing.toml"]).exit_code == 2


def test_sitroom_db_env_selects_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus_dir: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITROOM_DB", str(tmp_path / "env.sqlite"))
    run("ingest", str(corpus_dir), "--json")
    assert (tmp_path / "env.sqlite").exists() and not (tmp_path / "sitroom.sqlite").exists()


@pytest.mark.postgres
def test_cli_on_postgresql(fresh_pg_url: str, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = run_json("ingest", str(corpus_dir), "--db", fresh_pg_url)
    assert data["stored"] == 3 and data["balanced"]
    monkeypatch.setenv("SITROOM_DB", fresh_pg_url)
    stats = run_json("stats")
    assert stats["backend"] == "postgresql" and stats["articles"] == 3
    assert len(run_json("articles", "--search", '"Black Sea corridor"')) == 2


def test_version() -> None:
    out = subprocess.run([sys.executable, "-m", "sitroom", "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == f"sitroom {sitroom.__version__}"
    assert run("--version").strip() == f"sitroom {sitroom.__version__}"
