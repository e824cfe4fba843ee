"""`smsdesk count [TEXT|-] [--json]`: characters, encoding and SMS segments of a message.

JSON contract (exact; keys may be added, never renamed or dropped):
  {"encoding": "GSM-7"|"UCS-2", "characters": int, "units": int, "segments": int, "per_segment": int,
   "remaining": int, "non_gsm": [str]}
"characters" counts user-perceived characters (a flag or a family emoji is one); "units" are septets in GSM-7
(extension characters such as € { } count 2) or UTF-16 units in UCS-2; "remaining" is the room left in the last
segment, in units (160 for an empty message, which is 0 segments). "non_gsm" lists each character that forced UCS-2
once, in order of first appearance.
Added keys: "lookalikes" ({character: GSM replacement} for the non-GSM characters that have one; applying them all
is what the app's "make it cheaper" does).
TEXT "-" or no TEXT reads standard input as UTF-8 (or UTF-16 with a byte-order mark) and drops exactly one trailing
line break (the one `echo` adds). Several unquoted words are refused with advice to quote them.
Exit codes: 0 counted, 2 bad usage (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from smsdesk.cli import UsageError
from smsdesk.core.encoding import UCS2, Count, count, lookalike_replacements

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

_EPILOG = """\
TEXT "-" or no TEXT reads the message from standard input (UTF-8); exactly one trailing line break is dropped,
because `echo` adds one:  echo 'Hej Åse' | smsdesk count --json
A TEXT starting with "-" goes after "--":  smsdesk count -- "-20% i dag"
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "count",
        help="characters, encoding (GSM-7 or UCS-2) and SMS segments of a message",
        description="Count a message the way it will be sent: characters, encoding, SMS segments and room left.",
        usage="smsdesk count [-h] [--json] [TEXT|-]",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # nargs="*" only so that an unquoted message gets advice instead of argparse's "unrecognized arguments"
    parser.add_argument(
        "text", nargs="*", metavar="TEXT", help='the message; "-" or nothing reads standard input'
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.set_defaults(handler=handle)


def read_message(text: str | None) -> str:
    if text is not None and text != "-":
        if _LONE_SURROGATE.search(text):
            raise UsageError("TEXT is not valid UTF-8; pass the message through standard input instead")
        return text
    stdin = sys.stdin
    if stdin is None:
        raise UsageError('no TEXT given and there is no standard input; use: smsdesk count "your message"')
    if stdin.isatty():
        raise UsageError(
            'no TEXT given and standard input is a terminal; use: smsdesk count "your message", '
            "or pipe it in: echo 'your message' | smsdesk count -"
        )
    raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8", "surrogatepass")
    # PowerShell pipes UTF-16 with a byte-order mark; anything else must be UTF-8.
    codec = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        message = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"standard input is not UTF-8 text (byte {exc.start + 1} cannot be read); save or send it as UTF-8"
        ) from None
    if message.endswith("\r\n"):
        return message[:-2]
    if message.endswith("\n"):
        return message[:-1]
    return message


def _unique_non_gsm(counted: Count) -> list[str]:
    return list(dict.fromkeys(item.char for item in counted.non_gsm))


def as_json(counted: Count, message: str) -> dict:
    return {
        "encoding": counted.encoding,
        "characters": counted.characters,
        "units": counted.units,
        "segments": counted.segments,
        "per_segment": counted.per_segment,
        "remaining": counted.remaining,
        "non_gsm": _unique_non_gsm(counted),
        "lookalikes": lookalike_replacements(message) if counted.encoding == UCS2 else {},
    }


def _visible(char: str) -> str:
    """Invisible and space-like characters by code point, so the user can see what to look for."""
    if char.isprintable() and not char.isspace():
        return char
    return " ".join(f"U+{ord(c):04X}" for c in char)


def human_lines(counted: Count, message: str) -> list[str]:
    characters = f"{counted.characters} character{'' if counted.characters == 1 else 's'}"
    if not counted.segments:
        return [f"{characters}, {counted.encoding}, 0 SMS (the message is empty)"]
    lines = [f"{characters}, {counted.encoding}, {counted.segments} SMS ({counted.remaining} left)"]
    if counted.encoding == UCS2:
        culprits = " ".join(_visible(char) for char in _unique_non_gsm(counted))
        lines.append(f"UCS-2 (70 per SMS instead of 160) because of: {culprits}")
        fixes = lookalike_replacements(message)
        if fixes:
            shown = ", ".join(f"{_visible(char)} -> {replacement!r}" for char, replacement in fixes.items())
            lines.append(f"GSM look-alikes: {shown}")
    return lines


def _stdout_is_utf8() -> bool:
    return (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "") == "utf8"


def handle(args: argparse.Namespace) -> int:
    if len(args.text) > 1:
        raise UsageError(
            f"got {len(args.text)} separate words but TEXT is one argument; put the message in quotes: "
            f'smsdesk count "{" ".join(args.text)}"'
        )
    message = read_message(args.text[0] if args.text else None)
    counted = count(message)
    if args.json:
        print(json.dumps(as_json(counted, message), ensure_ascii=not _stdout_is_utf8()))
        return 0
    if not _stdout_is_utf8() and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(
            errors="backslashreplace"
        )  # a console that cannot show an emoji still gets the line
    for line in human_lines(counted, message):
        print(line)
    return 0
