"""environment.yml, the pip lock and the installed environment must say the same thing."""

from importlib import metadata

from russia_venezuela import environment, paths


def test_lock_installs_exactly_what_environment_yml_pins():
    assert environment.lock_disagreements() == []


def test_a_version_drift_is_reported():
    drifted = paths.ENVIRONMENT_FILE.read_text().replace("pandas=3.1.1", "pandas=3.0.0")
    problems = environment.lock_disagreements(environment_text=drifted)
    assert problems == ["pandas is pinned to 3.0.0 in environment.yml but locked at 3.1.1."]


def test_a_package_missing_from_the_lock_is_reported():
    extra = paths.ENVIRONMENT_FILE.read_text() + "  - seaborn=0.13.2\n"
    assert "seaborn is pinned to 0.13.2 in environment.yml but missing from the lock." in (
        environment.lock_disagreements(environment_text=extra))


def test_the_running_environment_is_the_locked_one():
    stale = {name: metadata.version(name) for name, versions in environment.lock_pins().items()
             if environment.installed_version(name) and metadata.version(name) not in versions}
    assert stale == {}, f"installed versions differ from requirements-lock.txt; rerun make: {stale}"
