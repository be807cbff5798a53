"""The robustness search's one parametrized test: `test_robust[<case id>]` (collected with --csr-robustness N).

The unperturbed image item is the reference: the test passes when no variant flips its pass/fail, and
reports a flip like a miss (a failure only with --csr-strict).
"""

from __future__ import annotations

import pytest

from ..outcomes import Missed
from ..session import RECORD_KEY, SESSION_KEY, raise_model_error

POOL_KEY = pytest.StashKey["object"]()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "csr_robust_case" not in metafunc.fixturenames:
        return
    csr = metafunc.config.stash[SESSION_KEY]
    image_items = "image" in csr.settings.modalities
    params = [pytest.param(case, id=case.id, marks=_marks(case, image_items)) for case in csr.cases]
    metafunc.parametrize("csr_robust_case", params)


def _marks(case, image_items: bool) -> list:
    marks = [pytest.mark.csr, getattr(pytest.mark, f"csr_{case.pattern}")]
    if not image_items:
        return [*marks, pytest.mark.skip(reason="--csr-modality text: the robustness search perturbs image items")]
    reason = case.unavailable.get("image")
    if reason:
        marks.append(pytest.mark.skip(reason=f"image item unavailable: {reason}"))
    return marks


@pytest.fixture(scope="session")
def csr_robust_pool(csr_session, csr_model, pytestconfig):
    from ..models.callable_model import as_model
    from .pool import Pool, search_config

    model = as_model(csr_model)
    cfg = search_config(csr_session, getattr(model, "name", "") or csr_session.settings.model, pytestconfig.rootpath)
    pool = Pool(csr_session, model, cfg, ahead=not hasattr(pytestconfig, "workerinput"))
    pool.start(pytestconfig.stash.get(POOL_KEY, []))
    yield pool
    pool.close()


def test_robust(csr_robust_case, csr_robust_pool, request) -> None:
    outcome = csr_robust_pool.result(csr_robust_case)
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    request.node.stash[RECORD_KEY] = outcome.record
    if outcome.record.outcome == "error":
        if outcome.response is not None and outcome.response.error is not None:
            raise_model_error(outcome.response)
        from ..outcomes import JudgeError

        raise JudgeError(outcome.record.error or "")
    flip = (outcome.record.robustness or {}).get("flip")
    if flip:
        raise Missed(f"verdict flipped ({outcome.record.outcome} -> {flip['outcome']}) by {_describe(flip['changes'])}")


def _describe(changes: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in changes.items()) or "the unperturbed request"
