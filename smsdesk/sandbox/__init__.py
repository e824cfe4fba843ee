"""The loopback sandbox provider: see server.py."""
