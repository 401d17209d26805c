"""One router per topic; each route declares its scope next to it. See rag.api."""
