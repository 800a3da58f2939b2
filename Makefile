# `make run` and `make test` install what they need into .venv first (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench eval clean

install: $(STAMP)

# Reinstall only when the dependency list changes. torch goes first, pinned: the CPU wheel lies on
# disk here, and an unpinned torch (pulled in by sentence-transformers) would fetch a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

run: install
	HF_HUB_OFFLINE=1 $(PY) app.py

test: lint
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

# mypy reads its file list from pyproject.toml ([tool.mypy] files): the whole project, tests included.
lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy

eval: install
	HF_HUB_OFFLINE=1 $(PY) -m evals run --dataset evals/data/gold.jsonl --out data/eval_results.jsonl --report data/eval_report

bench: install
	HF_HUB_OFFLINE=1 $(PY) -m evals bench

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache .mypy_cache
