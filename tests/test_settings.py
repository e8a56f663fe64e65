"""Production configuration comes from the environment and passes Django's deploy checks."""

import json
import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

DEPLOY_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "twinit.example",
    "CSRF_TRUSTED_ORIGINS": "https://twinit.example",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DATABASE_URL": "sqlite:////tmp/twinit-deploy-check.sqlite3",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args, "--settings=cms.settings.production"],
        cwd=REPO_ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=DEPLOY_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in DEPLOY_ENV.items() if key != "SECRET_KEY"}
    env["SECRET_KEY"] = ""
    result = subprocess.run(
        [sys.executable, "-c", "import os; os.environ.pop('SECRET_KEY', None); "
         "os.environ['DJANGO_SETTINGS_MODULE']='cms.settings.production'; "
         "import django; django.setup()"],
        cwd=REPO_ROOT, env={k: v for k, v in {**os.environ, **env}.items() if k != "SECRET_KEY"},
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_reads_hosts_and_cache_from_the_environment():
    script = (
        "from django.conf import settings; "
        "print(settings.ALLOWED_HOSTS, settings.CSRF_TRUSTED_ORIGINS, "
        "settings.CACHES['default']['BACKEND'], settings.DEBUG)"
    )
    result = manage("shell", "-c", script, env=DEPLOY_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "['twinit.example'] ['https://twinit.example'] "
        "django.core.cache.backends.redis.RedisCache False"
    )


def test_collectstatic_with_the_manifest_storage_succeeds(tmp_path):
    """The README's `collectstatic` with production settings: every file a static file names (the
    viewer's source map included) is found, so the manifest is written and pages do not answer 500."""
    env = {**DEPLOY_ENV, "STATIC_ROOT": str(tmp_path / "static")}
    result = manage("collectstatic", "--no-input", "-v", "0", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    viewer = manifest["models3d/vendor/model-viewer/model-viewer.min.js"]
    assert (tmp_path / "static" / viewer).is_file()
    hashed_map = manifest["models3d/vendor/model-viewer/model-viewer.min.js.map"]
    assert f"sourceMappingURL={hashed_map.rsplit('/', 1)[1]}" in (tmp_path / "static" / viewer).read_text()


def test_every_setting_the_code_reads_is_declared_with_its_default():
    """Code reads ``settings.X`` plainly; X is declared (with its default) in the settings, so a
    missing one fails here instead of at the first request that needs it."""
    import ast

    from django.conf import settings

    from tests.test_imports import ALLOWED

    undeclared = []
    for package in sorted(ALLOWED):
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            if "settings" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "settings" and node.attr.isupper()
                    and isinstance(node.ctx, ast.Load) and not hasattr(settings, node.attr)
                ):
                    undeclared.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno} {node.attr}")
                if (
                    isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "getattr" and node.args
                    and isinstance(node.args[0], ast.Name) and node.args[0].id == "settings"
                ):
                    undeclared.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno} getattr")
    assert undeclared == []
