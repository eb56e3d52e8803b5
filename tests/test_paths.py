"""The course folder is found wherever the package is installed: in its checkout, or beside the learner."""

import pytest

from russia_venezuela import paths

COURSE = paths.COURSE_ROOT


@pytest.fixture
def installed_apart(tmp_path, monkeypatch):
    """The package as a wheel installs it, in a site-packages folder outside any course."""
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path / "site-packages" / "russia_venezuela")
    monkeypatch.delenv(paths.COURSE_ENV_VAR, raising=False)
    return tmp_path


def test_a_checkout_is_its_own_course_whatever_the_current_folder(tmp_path, monkeypatch):
    assert (paths.PACKAGE_DIR.parent / "data" / "datapackage.json").is_file()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(paths.COURSE_ENV_VAR, str(tmp_path))
    assert paths.course_root() == paths.PACKAGE_DIR.parent
    assert paths.DATA_DIR == paths.PACKAGE_DIR.parent / "data"


def test_installed_apart_the_course_is_the_current_folder_or_the_nearest_above_it(installed_apart, monkeypatch):
    monkeypatch.chdir(COURSE / "notebooks")
    assert paths.course_root() == COURSE
    assert paths.EXERCISES_DIR == COURSE / "exercises"
    monkeypatch.chdir(COURSE)
    assert paths.course_root() == COURSE


def test_installed_apart_the_environment_variable_names_the_course(installed_apart, monkeypatch):
    monkeypatch.chdir(installed_apart)
    monkeypatch.setenv(paths.COURSE_ENV_VAR, str(COURSE))
    assert paths.DATA_DIR == COURSE / "data"
    monkeypatch.setenv(paths.COURSE_ENV_VAR, str(installed_apart))
    with pytest.raises(paths.CourseNotFound, match=f"{paths.COURSE_ENV_VAR} names .* holds no data/datapackage"):
        paths.course_root()


def test_outside_any_course_the_error_says_how_to_name_one(installed_apart, monkeypatch):
    monkeypatch.chdir(installed_apart)
    with pytest.raises(paths.CourseNotFound, match=f"inside the course folder, or set .*{paths.COURSE_ENV_VAR}"):
        paths.LESSONS_DIR
