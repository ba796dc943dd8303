"""The browser-facing side: the embeddable chat widget and the demo clinic page."""

from entrypoints.web.routes import router

__all__ = ["router"]
