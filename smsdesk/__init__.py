"""SMSDesk: a desktop app with which a small business sends an SMS campaign by hand."""

__version__ = "0.1.0"
APP_NAME = "SMSDesk"
