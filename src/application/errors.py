"""Application-level failures that are not business rules of one aggregate."""


class NotFound(Exception):
    """The thing a command or query names does not exist."""


class SessionNotFound(NotFound):
    pass
