"""Sending: the send path (sender.py: claim, request, record), the rule of what an answer means (outcomes.py),
pacing, the child process the window sends from (child.py), and the checks before sending (preflight.py). No Qt.

    from smsdesk.engine.sender import CampaignRunner
    from smsdesk.engine.results import MessageUpdate, RunOutcome
    from smsdesk.engine.preflight import totals, campaign_totals, test_send
"""
