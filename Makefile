# Two commands for a fresh clone: `make run` serves the demo, `make test` runs every test.
# Each step is a stamp file, so running again does only what changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test

SCSS := $(wildcard local_offer/assets/scss/*.scss)

.PHONY: run test bench lint format setup install assets migrate content index clean translations translations-compile

run: setup
	@echo "Local Offer is at http://$(HOST):$(PORT) (Ctrl+C to stop)"
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - \
		--access-logformat '%(m)s %(U)s %(s)s %(L)ss' wsgi:app

test: setup
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/search_bench.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

setup: install assets translations-compile migrate content index

install: $(STAMPS)/python $(STAMPS)/node

$(STAMPS)/python: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/node: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

assets: $(STAMPS)/assets

$(STAMPS)/assets: $(STAMPS)/python $(STAMPS)/node $(SCSS) content/site.yaml local_offer/static/js/init.js
	$(BIN)/python -m local_offer.assets.colours content/site.yaml local_offer/assets/build/_council.scss
	npm run --silent build:css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js local_offer/static/build/
	$(BIN)/python -m whitenoise.compress --quiet --no-brotli local_offer/static
	@mkdir -p $(STAMPS) && touch $@

# Interface text: `make translations` extracts new strings and updates every catalogue;
# the .mo files are compiled at set-up and never committed.
PYBABEL_EXTRACT := extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
	--project "Local Offer" --copyright-holder "Local Offer contributors"
translations: install
	$(BIN)/pybabel $(PYBABEL_EXTRACT) -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

translations-compile: $(STAMPS)/translations

$(STAMPS)/translations: $(STAMPS)/python $(wildcard translations/*/LC_MESSAGES/messages.po)
	$(BIN)/pybabel compile -d translations --use-fuzzy 2>&1 | grep -v "^compiling" || true
	@mkdir -p $(STAMPS) && touch $@

migrate: install
	$(BIN)/local-offer db upgrade

content: migrate
	$(BIN)/local-offer content import --if-empty

index: content
	$(BIN)/local-offer search rebuild

clean:
	rm -rf $(STAMPS) local_offer/static/build local_offer/assets/build
