"""The REST shell: a FastAPI application serving /api/* beside the Gradio UI (mounted at /), one port.

Depends on the library (assistant.ask, the calculators, the corpus), never the reverse. Plain JSON in
and out, Chinese messages for every error, OpenAPI at /docs.
"""

from assistant.rest.app import create_app

__all__ = ["create_app"]
