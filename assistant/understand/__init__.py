"""Understanding a question: normalising what people type, reading its numbers and facts, matching the
awards and kinds of question it names (vocabulary in intents.toml), and deciding the route the pipeline
takes. Pure text in, typed records out: no retrieval, no answer writing."""
