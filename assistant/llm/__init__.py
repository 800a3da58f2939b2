"""The optional OpenAI-compatible LLM and the calculators as LangChain tools. Off unless configured; it may
route and rephrase, never supply a number."""
