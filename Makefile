# make lab   : set up .venv if needed and open the course in JupyterLab
# make serve : start JupyterLab with the jupyter in $(BIN) and install nothing (make lab calls it;
#              so do the browser tests, with BIN set to their own environment)
# make check : the quick loop while editing: ruff, mypy, unit tests and doctests of kltools
#              (no notebooks, no browser, no whole-range widget sweeps)
# make test  : set up .venv with the test tools and run every check (what CI runs)
# make bench : time kltools against SciPy
# make notebooks : re-execute every lesson and store its outputs, then make student (before
#                  committing a lesson)
# make student : write the student edition, every lesson without its solutions, to
#                notebooks/student/ (notebooks/student/edition.json says which cells go)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PYTEST_NOTEBOOKS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab serve check lint test bench notebooks student

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Each stamp is rebuilt only when pyproject.toml is newer than it.
$(VENV)/.installed-notebooks: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[notebooks]"
	touch $@

# The test set-up includes the notebooks extra, so it also counts as the set-up for make lab.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[notebooks,test,browser]"
	touch $@ $(VENV)/.installed-notebooks

# JUPYTER_PORT (default 8888) and JUPYTER_TOKEN choose the port and the token. The token is always
# passed explicitly, so no configuration file can switch authentication off; an unset or empty
# JUPYTER_TOKEN gets a random one. Root (containers, CI) needs --allow-root.
lab: $(VENV)/.installed-notebooks
	@$(MAKE) --no-print-directory serve

serve:
	@token="$${JUPYTER_TOKEN:-$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))')}"; \
	echo "Open http://127.0.0.1:$${JUPYTER_PORT:-8888}/lab/tree/notebooks/00_start_here.ipynb?token=$$token"; \
	exec $(BIN)/jupyter lab --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port_retries=0 \
	  --ServerApp.root_dir=. --IdentityProvider.token="$$token" \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root) notebooks/00_start_here.ipynb

lint: $(VENV)/.installed-test
	$(BIN)/ruff check kltools tests notebooks
	$(BIN)/ruff format --check kltools tests notebooks
	$(BIN)/mypy

check: lint
	$(BIN)/python -m pytest -q --doctest-modules --doctest-glob=README.md \
	  --ignore=tests/browser -m "not sweep" \
	  README.md kltools tests

test: lint
	$(BIN)/python -m pytest -rs --doctest-modules --doctest-glob=README.md $(PYTEST_NOTEBOOKS) \
	  README.md kltools tests notebooks

bench: $(VENV)/.installed-test
	$(BIN)/python tests/library/bench_measures.py

notebooks: $(VENV)/.installed-test
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.store_widget_state=False --ExecutePreprocessor.record_timing=False \
	  notebooks/[0-9]*.ipynb
	@$(MAKE) --no-print-directory student

# nbconvert drops the cells that notebooks/student/edition.json names and copies every other
# cell as it is, outputs included; tests/test_student_edition.py runs the same conversion.
student: $(VENV)/.installed-notebooks
	rm -f notebooks/student/[0-9]*.ipynb
	$(BIN)/jupyter nbconvert --config notebooks/student/edition.json --to notebook \
	  --output-dir notebooks/student notebooks/[0-9]*.ipynb
