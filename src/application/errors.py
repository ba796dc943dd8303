"""Application-level failures that are not business rules of one aggregate."""


class NotFound(Exception):
    """The thing a command or query names does not exist."""


class SessionNotFound(NotFound):
    pass


class MailingOff(Exception):
    """Email is not configured (no SMTP_URL and SMTP_FROM): nothing can be mailed."""
