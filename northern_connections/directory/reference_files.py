"""The reference files the platform reads, where each comes from, and how one is found (issue 10, item 5).

A fresh clone on any machine sets itself up: each file is looked for, in this order, in
`NC_SHARED_DATA_DIR` (settings.SHARED_DATA_DIR), in the local cache `var/data/`
(settings.VAR_DIR / "data"), and otherwise downloaded from its publisher's address, checked
against the pinned sha256 (a file that differs is refused and never cached) and cached. Offline,
`locate_all` reports one line per missing file saying what is missing and how to get it, and the
callers carry on without it (the demo then uses synthetic SMEs).

The pins are the sha256 of the publisher's files as copied into the shared data folder; the URLs
name a fixed commit, so a pinned file never changes under us. The Scottish extracts are derived
files (two publisher files cut to Scotland), so they have no download of their own.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

NUTS2JSON = "https://raw.githubusercontent.com/eurostat/Nuts2json/26f94eddc04b9340d2914c3a5014858f20553647/pub/v2/2024/4326"
EFORMS_SDK = "https://raw.githubusercontent.com/OP-TED/eForms-SDK/938352df5ac2d8dd6bb72a6b501f9737789c3bc3/codelists"
CPV_SOURCE = (
    "https://raw.githubusercontent.com/openprocurement/standards/273163a1a13cefd290070799bf25aa09cb25686e/"
    "classifiers/cpv/en.json"
)
CORDIS_H2020 = (
    "https://raw.githubusercontent.com/spaghetti-open-data/ODFest2017-horizon2020-network/"
    "b02c2eb81ba37b3ddf91773a066d6e48bc8a865f/H2020_Data_2017/stacked_dump.csv"
)


@dataclass(frozen=True)
class ReferenceFile:
    """One file: its path inside the data folder, the publisher's address, its pin, who needs it."""

    path: str
    url: str | None
    sha256: str
    needed_for: str
    how: str = ""  # how to get it by hand when there is no download

    def instructions(self, cache_dir: Path) -> str:
        if self.url:
            return f"download {self.url} to {cache_dir / self.path}, or set NC_SHARED_DATA_DIR to a folder with it"
        return f"{self.how}; put it at {cache_dir / self.path}, or set NC_SHARED_DATA_DIR to a folder with it"


_SCOTLAND = (
    "a Scotland extract of Eurostat GISCO NUTS 2016 (eurostat/Nuts2json pub/v2/2016/4326); copy it from the "
    "project's shared data folder"
)
_EFORMS = "eForms code list (procurement procedure types, buyer kinds, ...)"

FILES: tuple[ReferenceFile, ...] = (
    ReferenceFile("cpv/cpv2008_en.json", CPV_SOURCE,
                  "55a000476ba11eedfcf7b437db8d03d027bd36a5cf1877d58f8a146be20c0ccc", "CPV codes of challenges"),
    *(
        ReferenceFile(f"eforms/{name}.gc", f"{EFORMS_SDK}/{name}.gc", sha256, _EFORMS)
        for name, sha256 in (
            ("buyer-legal-type", "c35b1873f6d3e1a8ae380f9c750021c95b5488c8932b869953f90f44e6627dfe"),
            ("contract-nature", "dff5b6e350ec64a0b279952c8eb5fdbcf878fbda04849553d31f60bcfc6748e1"),
            ("innovative-acquisition", "1a2c5510cbfecebf72edb2d9659f3ada2737d29459e34dba8cf150e3e2316824"),
            ("main-activity", "df4e27340c38f4a880516418470bb2e6239f0467de22223c13a01609c7975c77"),
            ("procurement-procedure-type", "19d2f77a59cf7cbd187388a2b3dde986ed38d099bd707e6659cf46c6a070901f"),
        )
    ),
    ReferenceFile("nuts/nutsrg_0_60M_2024.json", f"{NUTS2JSON}/60M/nutsrg_0.json",
                  "6b4c7f05b22b534e485c23831ac85d16cb4b5bdba627a4a907e16f6760be1638", "map boundaries (countries)"),
    ReferenceFile("nuts/nutsrg_1_60M_2024.json", f"{NUTS2JSON}/60M/nutsrg_1.json",
                  "3e44b4341da844b22383f4d7c632728abe656399db877f0a4024b0747f91f3b2", "map boundaries (NUTS 1)"),
    ReferenceFile("nuts/nutsrg_2_60M_2024.json", f"{NUTS2JSON}/60M/nutsrg_2.json",
                  "b13817992166397877f2940a5bd61290ebfb1542e5215001de4f5da30407b8f5", "map boundaries (NUTS 2)"),
    ReferenceFile("nuts/nutspt_2_2024.json", f"{NUTS2JSON}/nutspt_2.json",
                  "5e51100baee49a2cbe4939d611e0e4b2f1f3e9ac38fc77818ecedb0f09cba347", "map label points (NUTS 2)"),
    ReferenceFile("nuts/nutspt_3_2024.json", f"{NUTS2JSON}/nutspt_3.json",
                  "fe015aa0e5f3c7d7e03bbd48eac0e228cd7c57536b0575152258a2f50c4de660", "map label points (NUTS 3)"),
    ReferenceFile("nuts/scotland_nuts2016_60M.json", None,
                  "64f32c34a0bc6452e2a82080ce37fe46057db99ba41bfa322839b47eb8bf65e5",
                  "Scotland's regions on the map (ITL TLM, TLM5-TLM9)", how=_SCOTLAND),
    ReferenceFile("nuts/scotland_nutspt_2_2016.json", None,
                  "42cdb602d56cdcc722c12526b9a65b7b5a92367f55760d5ad5b452630d5f5bb6",
                  "Scotland's map label points", how=_SCOTLAND),
    ReferenceFile("h2020/organisations_2017.csv", CORDIS_H2020,
                  "739a5e8de9e4ae714a8070b76f3b288954100f57b6c26219f2b64c41aa51840e",
                  "the demo's real H2020 SMEs (synthetic SMEs without it)"),
)
BY_PATH = {f.path: f for f in FILES}
H2020_ORGANISATIONS = "h2020/organisations_2017.csv"


class ChecksumMismatch(OSError):
    """A downloaded file that is not the pinned one (changed upstream, or tampered with)."""


def fetch(url: str, timeout: float = 30) -> bytes:
    """The publisher's file; the only network access of the reference data."""
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (fixed https addresses above)
        return response.read()


def _store(data: bytes, target: Path) -> None:
    """Write atomically, so that an interrupted download never leaves half a file in the cache."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, target)


def download(ref: ReferenceFile, cache_dir: Path, *, opener: Callable[[str], bytes] | None = None) -> Path:
    """Download `ref`, check its pin and cache it; raises OSError (ChecksumMismatch) and caches nothing."""
    data = (opener or fetch)(ref.url)
    digest = hashlib.sha256(data).hexdigest()
    if digest != ref.sha256:
        raise ChecksumMismatch(f"sha256 {digest[:12]}… is not the pinned {ref.sha256[:12]}…; refused, not cached")
    target = cache_dir / ref.path
    _store(data, target)
    return target


def _folders() -> tuple[Path, Path, bool]:
    from django.conf import settings

    return Path(settings.SHARED_DATA_DIR), Path(settings.VAR_DIR) / "data", settings.REFERENCE_DOWNLOADS


def locate_all(
    paths: Iterable[str], *, report: Callable[[str], None], shared_dir: Path | None = None,
    cache_dir: Path | None = None, downloads: bool | None = None, opener: Callable[[str], bytes] | None = None,
) -> dict[str, Path]:
    """Local paths of the files found or fetched; one `report` line for each that is missing.

    After the first download that fails for want of a network, the others are not tried (an
    offline machine answers each within the timeout, which would add up).
    """
    default_shared, default_cache, default_downloads = _folders()
    shared_dir, cache_dir = shared_dir or default_shared, cache_dir or default_cache
    online = default_downloads if downloads is None else downloads
    tried_offline = False
    found: dict[str, Path] = {}
    for path in paths:
        ref = BY_PATH[path]
        local = next((d / path for d in (shared_dir, cache_dir) if (d / path).is_file()), None)
        if local is not None:
            found[path] = local
            continue
        reason = "no download for this file" if ref.url is None else (
            "not downloaded: offline" if tried_offline else "downloads are off (NC_REFERENCE_DOWNLOADS=0)")
        if ref.url and online:
            try:
                found[path] = download(ref, cache_dir, opener=opener)
                continue
            except ChecksumMismatch as error:
                reason = f"the download was refused: {error}"
            except (OSError, ValueError) as error:  # URLError and timeouts are OSErrors
                online = isinstance(error, urllib.error.HTTPError)  # the publisher answered: the network is there
                tried_offline = not online
                reason = f"download failed ({error})" + ("" if online else "; no further downloads tried")
        report(f"missing {path} ({ref.needed_for}): not in {shared_dir} nor {cache_dir}, {reason}; "
               f"to get it: {ref.instructions(cache_dir)}")
    return found


def locate(path: str, *, report: Callable[[str], None], **options) -> Path | None:
    return locate_all([path], report=report, **options).get(path)


def group(prefix: str) -> list[str]:
    """The declared paths under a folder, e.g. group("eforms/")."""
    return [f.path for f in FILES if f.path.startswith(prefix)]
