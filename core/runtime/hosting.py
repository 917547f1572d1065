"""A server's settings from its environment, checked once: what `scripts/serve` passes to `streamlit run`.

One start script serves the tests, a process manager and the Dockerfile alike, so a hosted server is started the
way the tests start it. Each setting is an environment variable (a process manager and a container set those most
easily); a bad value is a ConfigError naming the variable, the value and what is allowed, before anything starts.
The share link's public address is here too (`public_link`): behind a proxy the browser's address may be the
proxy's inside name, not the one a colleague can open.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from core.fields import ConfigError
from core.runtime.store import DATA_DIR_ENV, data_dir

PORT_ENV = "SCALELAB_PORT"
ADDRESS_ENV = "SCALELAB_ADDRESS"
BASE_PATH_ENV = "SCALELAB_BASE_PATH"
PUBLIC_URL_ENV = "SCALELAB_PUBLIC_URL"
COOKIE_SECRET_ENV = "SCALELAB_COOKIE_SECRET"
PRECOMPUTE_ENV = "SCALELAB_PRECOMPUTE"  # "0": no background precompute (the tests switch it off)
MAX_UPLOAD_ENV = "SCALELAB_MAX_UPLOAD_MB"  # core/io/limits.py reads it too; the server's cap is set to the same
DEFAULT_PORT = 8501
DEFAULT_ADDRESS = "0.0.0.0"  # a container's port is published from outside it; behind a local proxy use 127.0.0.1
MIN_SECRET_CHARS = 32  # a cookie secret shorter than this is guessable
MAX_UPLOAD_MB = 2000  # the same range core/io/limits.py accepts
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
_HOST = re.compile(r"[A-Za-z0-9.:\[\]-]+")


@dataclass(frozen=True)
class Settings:
    """One server's settings: where it listens, under which path, where it keeps results, its public address."""

    port: int = DEFAULT_PORT
    address: str = DEFAULT_ADDRESS
    base_path: str = ""  # "scalelab" or "tools/scalelab": no slash at either end, "" for the root
    data_dir: Path = Path()
    public_url: str = ""  # "https://host/scalelab", no trailing slash; "" for the browser's own address
    cookie_secret: str = ""  # "" lets Streamlit pick one per process (fine for one replica, not for several)
    max_upload_mb: int | None = None  # None: .streamlit/config.toml's cap


def settings(env: Mapping[str, str]) -> Settings:
    """The settings in env (os.environ), or ConfigError for the first bad one."""
    base_path = _base_path(env.get(BASE_PATH_ENV, ""))
    return Settings(
        port=_port(env.get(PORT_ENV, "")),
        address=_address(env.get(ADDRESS_ENV, "")),
        base_path=base_path,
        data_dir=_data_dir(env.get(DATA_DIR_ENV, "")),
        public_url=_public_url(env.get(PUBLIC_URL_ENV, ""), base_path),
        cookie_secret=_secret(env.get(COOKIE_SECRET_ENV, "")),
        max_upload_mb=_upload(env.get(MAX_UPLOAD_ENV, "")),
    )


def streamlit_command(s: Settings, python: str) -> list[str]:
    """The `streamlit run app.py` command line for s, through ui.server (which also starts the training processes
    with the server); the secret goes in the environment, never on a command line that `ps` shows."""
    return [
        python, "-m", "ui.server", "run", "app.py",
        "--server.port", str(s.port),
        "--server.address", s.address,
        "--server.baseUrlPath", s.base_path,
        "--server.headless", "true",
    ]  # fmt: skip


def streamlit_env(s: Settings) -> dict[str, str]:
    """The environment variables to add for s: the data directory made absolute, the secret, the upload cap."""
    env = {DATA_DIR_ENV: str(s.data_dir)}
    if s.cookie_secret:
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = s.cookie_secret
    if s.max_upload_mb is not None:  # the readers' cap and the server's, always equal
        env[MAX_UPLOAD_ENV] = env["STREAMLIT_SERVER_MAX_UPLOAD_SIZE"] = str(s.max_upload_mb)
    return env


def health_url(s: Settings) -> str:
    """Where this server answers its health check, from the machine it runs on (a container's HEALTHCHECK)."""
    host = "127.0.0.1" if s.address in ("0.0.0.0", "::") else s.address
    return f"http://{host}:{s.port}/" + (f"{s.base_path}/" if s.base_path else "") + "_stcore/health"


def public_link(page_url: str, base_path: str, public_url: str) -> str:
    """The address of the page at page_url (the browser's, without its query) as others reach it: public_url plus
    the page's path below the base path; page_url itself when no public URL is set."""
    if not public_url:
        return page_url
    path = urlsplit(page_url).path.strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(f"{base}/")):
        path = path[len(base) :].strip("/")
    return public_url.rstrip("/") + (f"/{path}" if path else "")


def _port(text: str) -> int:
    """1–65535; the default when unset."""
    text = text.strip()
    if not text:
        return DEFAULT_PORT
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise _bad(PORT_ENV, text, "a whole number from 1 to 65535", "port")
    return int(text)


def _address(text: str) -> str:
    """A host name or IP address to listen on."""
    text = text.strip()
    if not text:
        return DEFAULT_ADDRESS
    if not _HOST.fullmatch(text):
        raise _bad(ADDRESS_ENV, text, "a host name or IP address such as 127.0.0.1 or 0.0.0.0", "address")
    return text


def _base_path(text: str) -> str:
    """Path segments of letters, digits and . _ ~ - ; the slashes around them are optional."""
    path = text.strip().strip("/")
    if path and not all(_SEGMENT.fullmatch(part) for part in path.split("/")):
        raise _bad(BASE_PATH_ENV, text, "a path such as /scalelab/ (letters, digits, . _ ~ - between slashes)", "base")
    return path


def _data_dir(text: str) -> Path:
    """A directory this process can write (made if missing); the default when unset."""
    path = Path(text.strip()).expanduser() if text.strip() else data_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _bad(DATA_DIR_ENV, text, f"a directory that can be made ({exc.strerror})", "data_dir") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise _bad(DATA_DIR_ENV, text, "a directory this user can write", "data_dir")
    return path.resolve()


def _public_url(text: str, base_path: str) -> str:
    """http(s)://host[:port][/path], no query or fragment; its path ends with the base path when there is one."""
    text = text.strip()
    if not text:
        return ""
    want = "an address such as https://example.com/scalelab (http or https, no ? or #)"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise _bad(PUBLIC_URL_ENV, text, want, "public_url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise _bad(PUBLIC_URL_ENV, text, want, "public_url")
    path = parts.path.strip("/")
    if base_path and path != base_path and not path.endswith(f"/{base_path}"):
        raise _bad(PUBLIC_URL_ENV, text, f"an address whose path ends with the base path /{base_path}/", "public_path")
    return text.rstrip("/")


def _secret(text: str) -> str:
    """At least MIN_SECRET_CHARS characters, or unset."""
    if text and len(text.strip()) < MIN_SECRET_CHARS:
        raise _bad(COOKIE_SECRET_ENV, "…", f"at least {MIN_SECRET_CHARS} characters (e.g. `openssl rand -hex 32`)",
                   "secret")  # fmt: skip
    return text.strip()


def _upload(text: str) -> int | None:
    """1–MAX_UPLOAD_MB megabytes, or unset."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_UPLOAD_MB:
        raise _bad(MAX_UPLOAD_ENV, text, f"a whole number of megabytes from 1 to {MAX_UPLOAD_MB}", "upload")
    return int(text)


def _bad(name: str, value: str, allowed: str, code: str) -> ConfigError:
    """One bad setting, named with its value and what is allowed (the secret's value is never repeated)."""
    return ConfigError(f"{name}={value!r} is not allowed: use {allowed}", f"hosting.{code}", name=name, value=value)
