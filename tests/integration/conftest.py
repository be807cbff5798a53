"""Integration tests run litellm in-process (pytester inline runs).

litellm installs import hooks when imported; pytester removes modules imported during an inline run,
which would leave those hooks dangling. Importing litellm here, once, keeps it alive for the session.
"""

from pytest_csrbench.models.litellm_model import import_litellm

import_litellm()
