"""清远知识产权政策助手: `from assistant import ask, Conversation`."""

from assistant.offline import enforce_offline_env

# Before anything imports huggingface_hub, transformers, chromadb or gradio: they read these on import.
enforce_offline_env()


from assistant.pipeline import Assistant, Conversation, ask, get_assistant  # noqa: E402
from assistant.respond.answer import Answer, Citation  # noqa: E402
from assistant.settings import Settings  # noqa: E402

__all__ = ["Answer", "Assistant", "Citation", "Conversation", "Settings", "ask", "get_assistant"]
