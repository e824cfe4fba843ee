"""`smsdesk` / `python -m smsdesk`: no arguments opens the GUI, a sub-command runs the CLI."""

import sys


def gui_main() -> int:
    from smsdesk.ui.app import run_gui

    return run_gui(sys.argv)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        return gui_main()
    from smsdesk.platforms import make_console_safe

    make_console_safe(sys.stdout, sys.stderr)  # an "ø" on a cp1252 console must not end the command
    if args[0] == "--campaign-process":  # engine.child.CHILD_FLAG
        # Internal: the app's send runs in a child process; frozen builds have no `python -m` to start it with.
        from smsdesk.engine.child import main as child_main

        return child_main(args[1:])
    if args[0] == "--read-workbook":
        # Internal: workbooks are parsed in a child process (smsdesk.io.workbook_process), started this way when frozen.
        from smsdesk.io.workbook_process import main as read_workbook_main

        return read_workbook_main(args[1:])
    from smsdesk.cli import run_cli

    return run_cli(args)


if __name__ == "__main__":
    sys.exit(main())
