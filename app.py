"""清远知识产权政策助手 (`make run`): one port serving the Gradio UI at / and the REST API at /api
(FastAPI, OpenAPI at /docs). A thin shell: the UI lives in assistant/ui/, the API in assistant/rest/."""

import logging
import os
import threading

# Before gradio (or anything it imports) is loaded: analytics off, model hub offline.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
from assistant.offline import enforce_offline_env  # noqa: E402

enforce_offline_env()

from assistant.rest import create_app  # noqa: E402
from assistant.ui import backend, build_demo, launch_options  # noqa: E402

demo = build_demo()
app = create_app(demo=demo)

if __name__ == "__main__":
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # The page is served at once; the model and index load meanwhile, so the first answer is quick too.
    threading.Thread(target=backend.warm_up, name="warm-up", daemon=True).start()
    options = launch_options()
    print(f"清远知识产权政策助手：http://{options['server_name']}:{options['server_port']}/ （API 文档：/docs）")
    uvicorn.run(app, host=options["server_name"], port=options["server_port"], log_level="warning")
