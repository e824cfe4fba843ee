"""Entry script of the frozen console executable (smsdesk-cli): `smsdesk` exactly as pip installs it."""

import sys

from smsdesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
