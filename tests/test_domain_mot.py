"""MOT records the way real ones are written: open-data licences by SPDX id, proprietary final
weights nobody can download, and an OLMo whose code is under another OSI licence. The import
says what the policy library derives: access class and MOF class."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.support.cli import REPO
from tests.support.cli import governance as run_cli

MOT = REPO / "tests" / "fixtures" / "interop" / "mot"

FALCON_STYLE = """framework: {name: 'Model Openness Framework', version: '1.0'}
release:
  name: Falcon-180B-style
  producer: Technology Innovation Institute
  type: language
  license:
    distribution: {name: ' Falcon-180B TII License'}
    data: {name: ODC-By-1.0}
    document: {name: CC-BY-4.0}
  components:
    - name: 'Model parameters (Final)'
      license: ' Falcon-180B TII License'
      component_path: 'https://huggingface.co/tiiuae/falcon-180B'
    - {name: 'Datasets', component_path: 'https://huggingface.co/datasets/tiiuae/falcon-refinedweb'}
    - {name: 'Data card'}
    - {name: 'Technical report'}
"""

PROPRIETARY = """framework: {name: 'Model Openness Framework', version: '1.0'}
release:
  name: Closed-Model-X
  producer: Example Vendor
  type: language
  components:
    - {name: 'Model architecture', license: Proprietary}
    - {name: 'Model parameters (Final)', license: Proprietary}
    - {name: 'Model card', license: CC-BY-4.0}
"""


def _import(tmp_path: Path, name: str, text: str):
    record = tmp_path / name
    record.write_text(text, "utf-8")
    run = run_cli("import", "mot", str(record), "--retrieved-on", "2026-11-24")
    assert run.code == 0, run.stderr
    (model,) = yaml.safe_load(run.stdout)["models"]
    return run, model


def test_odc_by_data_is_known_and_open_without_a_licence_warning(tmp_path):
    run, model = _import(tmp_path, "falcon.yml", FALCON_STYLE)
    assert "licence" not in run.stderr, run.stderr
    components = {c["name"]: c["license"] for c in model["components"]}
    assert components["datasets"] == "odc-by-1.0"
    assert components["model-parameters-final"] == "falcon-180b-tii-1.0"
    assert model["license"] == {
        "key": "falcon-180b-tii-1.0",
        "declared": " Falcon-180B TII License",
    }
    assert model["access_class"] == "open-weight"


def test_proprietary_final_weights_without_a_download_import_as_closed(tmp_path):
    run, model = _import(tmp_path, "closed.yml", PROPRIETARY)
    assert model["weights"] == {"availability": "none"}
    assert model["access_class"] == "closed"
    assert (
        "'Model parameters (Final)' is under proprietary terms with no download location: "
        "weights recorded as not downloadable (a closed model)"
    ) in run.stderr
    assert "#   closed-model-x: no MOF class; missing for Class III: " in run.stdout


def test_olmo_with_bsd_2_clause_and_mpl_code_stays_class_i_and_open_source(tmp_path):
    text = (MOT / "OLMo-7B.yml").read_text("utf-8")
    text = text.replace(
        "      name: Apache-2.0\n      path: ''\n",
        "      name: Apache-2.0\n      path: ''\n    code:\n      name: BSD-2-Clause\n",
        1,
    )
    text = text.replace(
        "      name: 'Training code'\n",
        "      name: 'Training code'\n      license: mpl-2.0\n",
        1,
    )
    assert "BSD-2-Clause" in text and "mpl-2.0" in text
    run, model = _import(tmp_path, "OLMo-7B-altered.yml", text)
    components = {c["name"]: c["license"] for c in model["components"]}
    assert components["training-code"] == "mpl-2.0"
    assert components["inference-code"] == "bsd-2-clause"
    assert model["access_class"] == "open-source"
    assert "#   olmo-7b: MOF Class I\n" in run.stdout
    assert "licence" not in run.stderr


def _olmo_with(replacements: dict[str, str]) -> str:
    text = (MOT / "OLMo-7B.yml").read_text("utf-8")
    for name, licence in replacements.items():
        old = f"      name: {name}\n"
        assert old in text, name
        text = text.replace(old, f"{old}      license: '{licence}'\n", 1)
    return text


def test_spdx_and_keeps_every_licence_and_is_open_only_when_every_part_is(tmp_path):
    """A conjunction ('A AND B': both apply) is kept as the key 'a AND b', never 'unknown'.
    Training code under Apache-2.0 AND MIT and data under ODC-By-1.0 AND CC-BY-4.0 are open,
    so OLMo stays Class I; the same record with weights under Apache-2.0 AND CC-BY-NC-4.0 is
    open-weight with no MOF class, and the class names the non-open conjunction."""
    text = _olmo_with(
        {"'Training code'": "Apache-2.0 AND MIT", "Datasets": "ODC-By-1.0 and CC-BY-4.0"}
    )
    run, model = _import(tmp_path, "OLMo-7B-and.yml", text)
    components = {c["name"]: c["license"] for c in model["components"]}
    assert components["training-code"] == "apache-2.0 AND mit"
    assert components["datasets"] == "cc-by-4.0 AND odc-by-1.0"
    assert "licence" not in run.stderr, run.stderr
    assert model["access_class"] == "open-source"
    assert "#   olmo-7b: MOF Class I\n" in run.stdout

    text = _olmo_with({"'Model parameters (Final)'": "Apache-2.0 AND CC-BY-NC-4.0"})
    run, model = _import(tmp_path, "OLMo-7B-nc.yml", text)
    components = {c["name"]: c["license"] for c in model["components"]}
    assert components["model-parameters-final"] == "apache-2.0 AND cc-by-nc-4.0"
    assert model["access_class"] == "open-weight"
    assert (
        "#   olmo-7b: no MOF class; missing for Class III: model-parameters-final "
        "(licence apache-2.0 AND cc-by-nc-4.0 is not open)"
    ) in run.stdout


def test_spdx_or_records_the_open_alternative_and_says_so(tmp_path):
    text = _olmo_with({"'Training code'": "GPL-3.0-only OR MIT"})
    run, model = _import(tmp_path, "OLMo-7B-or.yml", text)
    components = {c["name"]: c["license"] for c in model["components"]}
    assert components["training-code"] == "gpl-3.0-only"
    assert (
        "'GPL-3.0-only OR MIT' lets the licensee choose: recorded as 'gpl-3.0-only', its first "
        "open alternative (set the key to the alternative the organization elects)"
    ) in run.stderr
