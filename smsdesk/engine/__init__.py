"""Sending: pacing (when may the next request leave), the runner (journal first, then HTTP, then journal), and the
checks before sending (totals, balance, test send). No Qt here: the GUI runs the runner on a QThread.

    from smsdesk.engine.sender import CampaignRunner, MessageUpdate, RunOutcome
    from smsdesk.engine.preflight import totals, campaign_totals, test_send
    from smsdesk.engine.pacing import Pacer
"""
