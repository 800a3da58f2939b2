"""清远知识产权政策助手 — the Gradio app (`make run`). A thin shell: the UI lives in assistant/ui/."""

import logging
import os
import threading

# Before gradio (or anything it imports) is loaded: analytics off, model hub offline.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
from assistant.offline import enforce_offline_env  # noqa: E402

enforce_offline_env()

from assistant.ui import backend, build_demo, launch_options  # noqa: E402

demo = build_demo()

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # Gradio's own start-up probes, one line each
    # The page is served at once; the model and index load meanwhile, so the first answer is quick too.
    threading.Thread(target=backend.warm_up, name="warm-up", daemon=True).start()
    demo.launch(**launch_options())
