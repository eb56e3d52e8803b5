# The entry points for everyone (see README "Quick start"): `make lab`, `make test` and `make update`.
# Each builds .venv from requirements-lock.txt the first time, and again only when the lock or pyproject.toml
# change, so a second run starts at once.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
LOCK := requirements-lock.txt
# uv installs the lock in seconds where pip takes about a minute; its version is pinned in the lock too.
UV := $(shell sed -n 's/^\(uv==[^ ;]*\).*/\1/p' $(LOCK))
# JupyterLab refuses to run as root (containers, CI) unless told it may.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Extra options for JupyterLab, e.g. `make lab LAB_OPTIONS=--no-browser` on a machine without a browser.
LAB_OPTIONS ?=

.PHONY: setup lab test update bench bench-grading lock clean

# jupyter_lab_config.py makes the course folder JupyterLab's root and opens the start notebook first.
lab: $(READY)
	$(BIN)/jupyter lab $(LAB_ROOT_FLAG) --config="$(CURDIR)/jupyter_lab_config.py" $(LAB_OPTIONS)

test: $(READY)
	$(BIN)/python -m pytest

update: $(READY)
	$(BIN)/russia-venezuela update

setup: $(READY)

bench: $(READY)
	$(BIN)/russia-venezuela bench

bench-grading: $(READY)
	$(BIN)/russia-venezuela bench-grading --size 48 --repeat 3

lock: $(READY)
	$(BIN)/russia-venezuela lock

# The course's own package is compiled too, as the installed ones are: a graded kernel, which may not write
# there, would otherwise compile it again for every submission.
$(READY): $(LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "This course needs Python 3.11 or newer, but '$(PYTHON)' is older or missing."; \
	  echo "Install Python 3.11+ and run again, naming it if needed: make $(MAKECMDGOALS) PYTHON=python3.12"; \
	  exit 1; }
	@echo "Setting up the course's Python environment in $(VENV) (only after a change to $(LOCK))..."
	@start=$$(date +%s); \
	if $(PYTHON) -m venv --without-pip $(VENV) 2>/dev/null \
	   && $(PYTHON) -m pip install --quiet --disable-pip-version-check --prefix $(VENV) "$(UV)" >/dev/null 2>&1; then \
	  echo "Installing the pinned packages with $(UV)..."; \
	  $(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode --no-deps --requirement $(LOCK) \
	    --editable . || exit 1; \
	else \
	  echo "uv could not be installed here, so pip installs the packages instead: about a minute..."; \
	  $(PYTHON) -m venv $(VENV) || { \
	    echo "Could not create $(VENV). On Debian/Ubuntu install the venv module: sudo apt install python3-venv"; \
	    exit 1; }; \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --requirement $(LOCK) --editable . \
	    || exit 1; \
	fi; \
	$(BIN)/python -m compileall -q russia_venezuela >/dev/null; \
	echo "Ready in $$(( $$(date +%s) - start )) s. The next run will start at once."
	@touch $@

clean:
	rm -rf $(VENV)
