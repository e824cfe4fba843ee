"""Where SMSDesk keeps its state. The one place that knows; SMSDESK_HOME overrides it (portable use, tests)."""

import os
from pathlib import Path

import platformdirs

from smsdesk import APP_NAME


def data_dir() -> Path:
    """The folder for the database and its backups. Not created here: the store creates it privately."""
    override = os.environ.get("SMSDESK_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path() -> Path:
    return data_dir() / "smsdesk.sqlite3"
