"""Talking to a language model.

- `client`: the OpenAI-compatible client (LangChain), every failure turned into an LLMError.
- `prompts`: prompt files with front matter, rendered strictly.
"""
