# make lab   : set up .venv if needed and open the course in JupyterLab
# make serve : start JupyterLab with the jupyter in $(BIN) and install nothing (make lab calls it;
#              so do the browser tests, with BIN set to their own environment)
# make check : the quick loop while editing: ruff, mypy, unit tests and doctests of kltools
#              (no notebooks, no browser, no whole-range widget sweeps)
# make test  : set up .venv with the test tools and run every check (what CI runs)
# make test-latest : the same checks with the newest versions pyproject.toml allows (.venv-latest)
# make lock  : refresh the lock files in requirements/ from pyproject.toml's bounds
# make site  : build the course website into _site/ from the notebooks' stored outputs (nothing
#              runs, nothing is fetched); any static host can serve _site/ as it is
# make bench : time kltools against SciPy
# make bench-widgets : time every slider of every lesson in Chromium, from input to picture
# make notebooks : re-execute every lesson and store its outputs and its slide types, then
#                  make student (before committing a lesson)
# make student : write the student edition, every lesson without its solutions, to
#                notebooks/student/ (notebooks/student/edition.json says which cells go)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PYTEST_NOTEBOOKS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab serve check lint test test-latest lock site bench bench-widgets notebooks student

# The course needs Python 3.11 or newer (NumPy 2.4 does). A .venv made by an older Python, or
# one that no longer runs (its Python was removed), is reported with what to do, before pip runs.
PYTHON_OK := import sys; sys.exit(sys.version_info < (3, 11))
INSTALL_LOG := $(VENV)/install.log

$(BIN)/python:
	@$(PYTHON) -c '$(PYTHON_OK)' 2>/dev/null || { \
	  echo "make: '$(PYTHON)' is not Python 3.11 or newer, which the course needs." >&2; \
	  echo "Install one, then run: make $(MAKECMDGOALS) PYTHON=python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

.PHONY: venv-usable
venv-usable: | $(BIN)/python
	@$(BIN)/python -c '$(PYTHON_OK)' 2>/dev/null || { \
	  echo "make: .venv was made with a Python older than 3.11, or one that no longer runs." >&2; \
	  echo "Remove it and run make again: rm -rf .venv && make $(MAKECMDGOALS)" >&2; \
	  echo "(with PYTHON=python3.11 if your python3 is older)" >&2; exit 1; }

# Every install is from the lock files in requirements/: exact versions with their hashes,
# the same today as the day a class opens the course (make lock refreshes them from
# pyproject.toml's bounds). Each stamp is rebuilt when its lock file is newer than it. pip's
# output goes to .venv/install.log and is shown only when the install fails.
LOCK_LAB  := requirements/lab.txt
LOCK_TEST := requirements/test.txt
install = @$(BIN)/python -m pip install --require-hashes -r $(1) > $(INSTALL_LOG) 2>&1 && \
	  $(BIN)/python -m pip install --no-deps -e . >> $(INSTALL_LOG) 2>&1 || \
	  { cat $(INSTALL_LOG); exit 1; }

$(VENV)/.installed-notebooks: $(LOCK_LAB) pyproject.toml | venv-usable
	@echo "Installing the course into .venv (a minute or two the first time)..."
	$(call install,$(LOCK_LAB))
	@touch $@

# The test set-up includes the notebooks extra, so it also counts as the set-up for make lab.
$(VENV)/.installed-test: $(LOCK_TEST) pyproject.toml | venv-usable
	@echo "Installing the course and its test tools into .venv..."
	$(call install,$(LOCK_TEST))
	@touch $@ $(VENV)/.installed-notebooks

# JUPYTER_PORT (default 8888) and JUPYTER_TOKEN choose the port and the token. The token is always
# passed explicitly, so no configuration file can switch authentication off; an unset or empty
# JUPYTER_TOKEN gets a random one. Root (containers, CI) needs --allow-root.
lab: $(VENV)/.installed-notebooks
	@$(MAKE) --no-print-directory serve

serve:
	@port="$${JUPYTER_PORT:-8888}"; \
	$(BIN)/python -c "import socket; socket.create_server(('127.0.0.1', $$port)).close()" \
	  2>/dev/null || { echo "make: port $$port is already in use: is the course (or another" \
	  "JupyterLab) running already? Use that one, or start on another port:" \
	  "JUPYTER_PORT=8890 make lab" >&2; exit 1; }; \
	token="$${JUPYTER_TOKEN:-$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))')}"; \
	echo "Open http://127.0.0.1:$$port/lab/tree/notebooks/00_start_here.ipynb?token=$$token"; \
	exec $(BIN)/jupyter lab --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port_retries=0 \
	  --ServerApp.root_dir=. --IdentityProvider.token="$$token" \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root) notebooks/00_start_here.ipynb

lint: $(VENV)/.installed-test
	$(BIN)/ruff check kltools tests notebooks
	$(BIN)/ruff format --check kltools tests notebooks
	$(BIN)/mypy

check: lint
	$(BIN)/python -m pytest -q --doctest-modules --doctest-glob=README.md \
	  --ignore=tests/browser -m "not sweep and not slow" \
	  README.md kltools tests

test: lint
	$(BIN)/python -m pytest -rs --doctest-modules --doctest-glob=README.md $(PYTEST_NOTEBOOKS) \
	  README.md kltools tests notebooks

site: $(VENV)/.installed-test
	$(BIN)/python docs/build_site.py _site

bench: $(VENV)/.installed-test
	$(BIN)/python tests/library/bench_measures.py

bench-widgets: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -s -p no:cacheprovider -o python_functions='bench_*' \
	  tests/browser/bench_widgets.py

notebooks: $(VENV)/.installed-test
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.store_widget_state=False --ExecutePreprocessor.record_timing=False \
	  notebooks/[0-9]*.ipynb
	$(BIN)/python -m kltools.course.slides notebooks/[0-9]*.ipynb
	@$(MAKE) --no-print-directory student

# nbconvert drops the cells that notebooks/student/edition.json names and copies every other
# cell as it is, outputs included; tests/test_student_edition.py runs the same conversion.
student: $(VENV)/.installed-notebooks
	rm -f notebooks/student/[0-9]*.ipynb
	$(BIN)/jupyter nbconvert --config notebooks/student/edition.json --to notebook \
	  --output-dir notebooks/student notebooks/[0-9]*.ipynb

# uv resolves pyproject.toml's bounds for every platform and Python 3.11+, with hashes; the lab
# lock is constrained to the test lock, so both name the same versions.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 -q
lock: | venv-usable
	@$(BIN)/python -m pip install --quiet uv
	$(UV_COMPILE) --extra notebooks --extra test --extra browser --extra site -o $(LOCK_TEST)
	$(UV_COMPILE) --extra notebooks -c $(LOCK_TEST) -o $(LOCK_LAB)

# The same checks against the newest versions pyproject.toml allows, in a separate .venv-latest,
# so a maintainer sees a coming break before a class does.
LATEST := .venv-latest
test-latest:
	@[ -x $(LATEST)/bin/python ] || $(PYTHON) -m venv $(LATEST)
	@echo "Installing the newest allowed versions into $(LATEST)..."
	@$(LATEST)/bin/python -m pip install --upgrade --upgrade-strategy eager \
	  -e ".[notebooks,test,browser,site]" > $(LATEST)/install.log 2>&1 || \
	  { cat $(LATEST)/install.log; exit 1; }
	@touch $(LATEST)/.installed-test $(LATEST)/.installed-notebooks
	KL_UNLOCKED=1 $(MAKE) --no-print-directory test VENV=$(LATEST)
