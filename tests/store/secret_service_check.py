"""Run inside a private D-Bus session with gnome-keyring unlocked (see test_secret_service.py).

Saves, reads and deletes an account's key through smsdesk.store.secrets, and checks with secretstorage directly
that the item really is in the Secret Service under our service name, then gone. Prints OK on success.
"""

from __future__ import annotations

import sys

import secretstorage

from smsdesk.store import secrets

SECRET = sys.argv[1] if len(sys.argv) > 1 else "real-secret-service-key"
ACCOUNT = "Butik på Strøget"  # non-ASCII on purpose


def items_of_ours() -> list[secretstorage.Item]:
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        return [
            (item.get_attributes(), item.get_secret())
            for item in collection.search_items({"service": secrets.SERVICE, "username": ACCOUNT})
        ]
    finally:
        connection.close()


def main() -> None:
    info = secrets.backend_info()
    assert info.secure, info
    assert "SecretService" in info.name, info
    assert info.advice is None

    assert secrets.get_secret(ACCOUNT) is None
    secrets.save_secret(ACCOUNT, SECRET)
    assert secrets.get_secret(ACCOUNT) == SECRET
    found = items_of_ours()
    assert len(found) == 1, found
    assert found[0][1] == SECRET.encode()

    secrets.save_secret(ACCOUNT, SECRET + "-changed")  # replaces, never duplicates
    assert secrets.get_secret(ACCOUNT) == SECRET + "-changed"
    assert len(items_of_ours()) == 1

    secrets.delete_secret(ACCOUNT)
    assert secrets.get_secret(ACCOUNT) is None
    assert items_of_ours() == []
    secrets.delete_secret(ACCOUNT)  # deleting again is not an error
    print("OK", info.name)


if __name__ == "__main__":
    main()
