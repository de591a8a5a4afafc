"""Wheels of installed distributions, for installing into a fresh venv offline.

``repack("numpy", out_dir)`` zips what pip installed for numpy (the files
its RECORD lists under site-packages, and its .dist-info) back into a wheel
with the tags its WHEEL file declares. The fresh-venv test uses these with
``pip install --no-index --find-links`` so that it needs no network and
installs exactly the versions the repository's venv was verified with.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import re
import zipfile
from pathlib import Path


def _wheel_name(dist: importlib.metadata.Distribution) -> str:
    wheel = dist.read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip() for line in wheel.splitlines()
            if line.startswith("Tag:")]
    if not tags:
        raise ValueError(f"{dist.metadata['Name']} has no wheel tags")
    # Compressed tag set: py3-none-any, or cp311-cp311-a.b for platforms.
    pythons = sorted({t.split("-")[0] for t in tags})
    abis = sorted({t.split("-")[1] for t in tags})
    platforms = sorted({t.split("-")[2] for t in tags})
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"]).lower()
    return (f"{name}-{dist.version}-{'.'.join(pythons)}-{'.'.join(abis)}-"
            f"{'.'.join(platforms)}.whl")


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest())
    return f"{arcname},sha256={digest.rstrip(b'=').decode()},{len(data)}"


def repack(name: str, out_dir: Path) -> Path:
    """Writes the installed distribution ``name`` as a wheel in out_dir."""
    dist = importlib.metadata.distribution(name)
    root = Path(dist.locate_file("")).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / _wheel_name(dist)
    record_name = None
    records = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as wheel:
        for entry in dist.files or []:
            arcname = entry.as_posix()
            if arcname.startswith("..") or "__pycache__" in arcname:
                continue  # Scripts outside site-packages; caches.
            if arcname.endswith(".dist-info/RECORD"):
                record_name = arcname
                continue
            if arcname.endswith((".dist-info/INSTALLER",
                                 ".dist-info/REQUESTED",
                                 ".dist-info/direct_url.json")):
                continue
            file = root / arcname
            if not file.is_file():
                continue
            data = file.read_bytes()
            wheel.writestr(arcname, data)
            records.append(_record_line(arcname, data))
        if record_name is None:
            raise ValueError(f"{name} has no RECORD")
        records.append(f"{record_name},,")
        wheel.writestr(record_name, "\n".join(records) + "\n")
    return path
