"""The autouse `logfail` fixture of tests/conftest.py, run in a fresh pytest on a few tiny tests."""

from pathlib import Path

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


def test_a_warning_from_our_loggers_fails_the_test_unless_it_takes_caplog(pytester):
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(
        """
        import logging

        log = logging.getLogger("smsdesk.engine.example")

        def test_unexpected_warning():
            log.warning("the disk is full")

        def test_unexpected_error():
            log.error("the journal is gone")

        def test_expected_warning(caplog):
            log.warning("the disk is full")
            assert "the disk is full" in caplog.text

        def test_info_is_no_warning():
            log.info("sent 3 messages")

        def test_other_libraries_log_as_they_like():
            logging.getLogger("httpx").warning("not ours")
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*smsdesk.engine.example WARNING: the disk is full*",
            "*smsdesk.engine.example ERROR: the journal is gone*",
        ]
    )
