"""What each provider family needs before the first call: the shape of its API base, and its key.

API bases (what litellm appends to `--csr-api-base`):

| model prefix                     | litellm posts to                        | the base must be             |
|----------------------------------|-----------------------------------------|------------------------------|
| `openai/` (vLLM, Ollama, proxies)| `{base}/chat/completions`               | `http://host:port/v1`        |
| `anthropic/`                     | `{base}/v1/messages`                    | `http://host:port` (no /v1)  |
| `gemini/`                        | `{base}/models/M:generateContent`       | `http://host:port/v1beta`    |
| `ollama_chat/`, `ollama/`        | `{base}/api/chat`, `{base}/api/generate`| `http://host:port` (no /v1)  |

`normalise_api_base` fixes the obvious mistakes (a trailing `/v1` for Anthropic and Ollama, a bare host
for Gemini) and says so in a note the manifest keeps. `missing_keys` asks litellm's own
`validate_environment` which environment variables the provider needs; it needs litellm imported, so it
runs in the helper process (helper.py) or where litellm is already imported, never just for this.
"""

from __future__ import annotations

import re
from typing import Any, Optional
from urllib.parse import urlsplit

_CREDENTIAL = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD)", re.IGNORECASE)


def provider(model: str) -> str:
    return model.split("/", 1)[0] if "/" in model else ""


def normalise_api_base(model: str, base: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(the base litellm should get, a note saying what was changed or None)."""
    if not base:
        return base, None
    stripped = base.rstrip("/")
    family = provider(model)
    if family in ("anthropic", "ollama", "ollama_chat") and stripped.endswith("/v1"):
        fixed = stripped[: -len("/v1")]
        return fixed, (f"--csr-api-base {base}: the trailing /v1 was removed ({family}/ models post to "
                       f"{{base}}/{'v1/messages' if family == 'anthropic' else 'api/chat'}), so {fixed} was used")
    if family == "gemini" and urlsplit(stripped).path in ("", "/"):
        fixed = stripped + "/v1beta"
        return fixed, (f"--csr-api-base {base}: gemini/ models post to {{base}}/models/M:generateContent, "
                       f"so {fixed} was used")
    return base, None


def missing_keys(litellm: Any, model: str, api_base: Optional[str]) -> list[str]:
    """The credential variables litellm says the model needs and the environment lacks ([] if none, or if
    litellm does not know the provider). An `openai/` model with an API base needs no key (local servers)."""
    if provider(model) == "openai" and api_base:
        return []
    try:
        found = litellm.validate_environment(model=model, api_base=api_base)
    except Exception:  # noqa: BLE001 - an unknown provider: the call itself will say what is wrong
        return []
    if found.get("keys_in_environment"):
        return []
    return [name for name in found.get("missing_keys") or [] if _CREDENTIAL.search(name)]


def key_message(model: str, missing: list[str]) -> str:
    names = " or ".join(missing) if provider(model) == "gemini" else ", ".join(missing)
    return (f"--csr-model {model}: the provider needs {names} in the environment and it is not set "
            "(no request was sent); export it and run again")
