# Two entry points for everyone (see README "Quick start"): `make lab` and `make test`.
# Both build .venv from requirements-lock.txt the first time, and again only when the lock or pyproject.toml
# change, so a second run starts at once.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
# JupyterLab refuses to run as root (containers, CI) unless told it may.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test bench lock clean

lab: $(READY)
	$(BIN)/jupyter lab $(LAB_ROOT_FLAG) notebooks/00_start_here.ipynb

test: $(READY)
	$(BIN)/python -m pytest

bench: $(READY)
	$(BIN)/russia-venezuela bench

lock: $(READY)
	$(BIN)/russia-venezuela lock

$(READY): requirements-lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "This course needs Python 3.11 or newer, but '$(PYTHON)' is older or missing."; \
	  echo "Install Python 3.11+ and run again, naming it if needed: make $(MAKECMDGOALS) PYTHON=python3.12"; \
	  exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV). On Debian/Ubuntu install the venv module: sudo apt install python3-venv"; \
	  exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --requirement requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	@touch $@

clean:
	rm -rf $(VENV)
