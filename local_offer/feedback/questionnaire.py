"""EHC plan stage questionnaires, read from YAML: codes are stored, labels are shown in any language.

`core.yaml` holds the questions every stage asks and the answer scales; each stage file picks core
questions by id and adds its own. English text lives in those files; each translation is a flat
`key: text` file beside them (`final-plan.pl.yaml`) carrying the hash of the English file it was
made from, so a stale translation can be found.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.loading import Problem, load_yaml, yaml_reason
from ..languages import LANGUAGES

SCHEMA = 1
STAGES = (
    "request",
    "not-to-assess",
    "to-assess",
    "not-to-issue",
    "draft-plan",
    "final-plan",
    "annual-review",
    "phase-transfer",
)
AUDIENCES = ("parent", "young-person")
QUESTION_TYPES = ("choice", "choices", "text")
SECTIONS = ("experience", "comments", "about")
CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TEXT_LENGTH = 5000
DEFAULT_TEXT_LENGTH = 1200
MAX_FILE_BYTES = 200_000
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class SurveyFileError(Exception):
    """One reason a questionnaire file cannot be used, said against the field that is wrong."""

    def __init__(self, field_name: str, reason: str):
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


@dataclass(frozen=True)
class Option:
    code: str
    key: str


@dataclass(frozen=True)
class Question:
    """One question: what is stored (id, option codes) and where its words are (keys)."""

    id: str
    type: str
    section: str
    optional: bool
    max_length: int
    options: tuple[Option, ...]
    audiences: frozenset[str]
    key: str

    def codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.options)

    def shape(self) -> dict:
        """What answers to this question mean, without its wording: a change here needs a new version."""
        return {
            "id": self.id,
            "type": self.type,
            "section": self.section,
            "optional": self.optional,
            "max_length": self.max_length,
            "options": list(self.codes()),
            "audiences": sorted(self.audiences),
        }


@dataclass
class Questionnaire:
    """One stage's questions in order, with English wording and every translation by key."""

    stage: str
    version: int
    order: int
    questions: tuple[Question, ...]
    english: dict[str, str]
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    stale_translations: set[str] = field(default_factory=set)
    form_classes: dict[str, type] = field(default_factory=dict, repr=False, compare=False)
    recorded: bool = field(default=False, repr=False, compare=False)

    def fingerprint(self) -> str:
        """A hash of the questions' shape: same version, same fingerprint, or the file is wrong."""
        shape = {"stage": self.stage, "questions": [q.shape() for q in self.questions]}
        return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()

    def definition(self) -> dict:
        """The shape and English wording, kept with the answers so that old versions stay readable."""
        return {
            "stage": self.stage,
            "version": self.version,
            "questions": [q.shape() for q in self.questions],
            "english": self.english,
        }

    def questions_for(self, audience: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if audience in q.audiences)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def text(self, key: str, lang: str, audience: str = "parent") -> tuple[str, str] | None:
        """The words for `key` and the language they are in: the young person's wording first, then
        the reader's language, then English."""
        keys = [f"{key}.young_person", key] if audience == "young-person" else [key]
        for candidate in keys:
            for language in (lang, "en"):
                table = self.english if language == "en" else self.translations.get(language, {})
                if candidate in table:
                    return table[candidate], language
        return None

    def missing_translations(self, lang: str) -> list[str]:
        table = self.translations.get(lang, {})
        return [key for key in self.english if key not in table]


@dataclass
class SurveySet:
    """Every usable questionnaire, plus what was wrong with the files that are not."""

    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, stage: str) -> Questionnaire | None:
        return self.questionnaires.get(stage)

    def in_order(self) -> list[Questionnaire]:
        return sorted(self.questionnaires.values(), key=lambda q: (q.order, q.stage))


def load_surveys(directory: Path) -> SurveySet:
    """Read every stage file and its translations; a bad file is reported and skipped, never raised."""
    result = SurveySet()
    if not directory.is_dir():
        result.problems.append(Problem(str(directory), "folder", "there is no surveys folder"))
        return result
    core_path = directory / "core.yaml"
    core_data = _read(core_path, result.problems)
    if core_data is None:
        return result
    try:
        core = _core(core_data)
    except SurveyFileError as error:
        result.problems.append(Problem(core_path.name, error.field, error.reason))
        return result
    core_translations = _translations(directory, core_path, result.problems)
    for stage in STAGES:
        path = directory / f"{stage}.yaml"
        if not path.exists():
            result.problems.append(Problem(path.name, "file", "is missing: every stage needs a survey"))
            continue
        data = _read(path, result.problems)
        if data is None:
            continue
        try:
            questionnaire = _stage(data, stage, core)
        except SurveyFileError as error:
            result.problems.append(Problem(path.name, error.field, error.reason))
            continue
        stage_translations = _translations(directory, path, result.problems)
        for lang in sorted(set(core_translations) | set(stage_translations)):
            core_table, core_stale = core_translations.get(lang, ({}, False))
            stage_table, stage_stale = stage_translations.get(lang, ({}, False))
            merged = {**core_table, **stage_table}
            questionnaire.translations[lang] = {k: v for k, v in merged.items() if k in questionnaire.english}
            if core_stale or stage_stale:
                questionnaire.stale_translations.add(lang)
        result.questionnaires[stage] = questionnaire
    for path in sorted(directory.glob("*.yaml")):
        name = path.name.split(".")[0]
        if name != "core" and name not in STAGES:
            result.problems.append(
                Problem(path.name, "file", f"is not a stage (the stages are {', '.join(STAGES)})")
            )
    return result


def source_strings(path: Path) -> dict[str, str]:
    """The English text of one file by key: what a translator translates (raises SurveyFileError)."""
    core = _core(load_yaml((path.parent / "core.yaml").read_text(encoding="utf-8")))
    if path.name == "core.yaml":
        return core.english
    stage = path.name.removesuffix(".yaml")
    questionnaire = _stage(load_yaml(path.read_text(encoding="utf-8")), stage, core)
    return {k: v for k, v in questionnaire.english.items() if k not in core.english}


def _read(path: Path, problems: list[Problem]) -> dict | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(path.name, "file", f"cannot be read ({error.strerror})"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(path.name, "file", "is too big (the most is 200 KB)"))
        return None
    try:
        data = load_yaml(raw.decode("utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(path.name, "file", "is not UTF-8 text (save it as UTF-8)"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(path.name, "yaml", yaml_reason(error)))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(path.name, "file", "must be a set of fields (name: value)"))
        return None
    return data


@dataclass
class _Core:
    scales: dict[str, tuple[Option, ...]]
    questions: dict[str, Question]
    english: dict[str, str]


def _core(data: dict) -> _Core:
    _check_keys(data, "", {"schema", "scales", "questions", "comments", "about"})
    _check_schema(data)
    english: dict[str, str] = {}
    scales: dict[str, tuple[Option, ...]] = {}
    for name, options in _mapping(data.get("scales"), "scales").items():
        _check_code(name, f"scales.{name}")
        scales[name] = _options(options, f"scales.{name}", english)
    questions: dict[str, Question] = {}
    for section, field_name in (("experience", "questions"), ("comments", "comments"), ("about", "about")):
        for question_id, spec in _mapping(data.get(field_name), field_name).items():
            if question_id in questions:
                raise SurveyFileError(f"{field_name}.{question_id}", "this id is used twice")
            questions[question_id] = _question(question_id, spec, section, field_name, scales, english)
    return _Core(scales, questions, english)


def _stage(data: dict, stage: str, core: _Core) -> Questionnaire:
    _check_keys(
        data, "", {"schema", "stage", "version", "order", "title", "summary", "young_person", "questions"}
    )
    _check_schema(data)
    if data.get("stage") != stage:
        raise SurveyFileError("stage", f"must be {stage!r}, the same as the file name")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= 10_000:
        raise SurveyFileError("version", "must be a whole number from 1 (raise it when questions change)")
    order = data.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        raise SurveyFileError("order", "must be a whole number")
    english = _stage_text(data)
    items = data.get("questions")
    if not isinstance(items, list) or not items:
        raise SurveyFileError("questions", "must be a list of questions")
    questions: list[Question] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        where = f"questions[{index}]"
        if not isinstance(item, dict):
            raise SurveyFileError(where, "must be `core: id` or a question with an id")
        if "core" in item:
            _check_keys(item, where, {"core"})
            question = core.questions.get(item["core"])
            if question is None or question.section != "experience":
                raise SurveyFileError(where, f"there is no core question {item['core']!r}")
        else:
            question_id = item.get("id")
            if not isinstance(question_id, str):
                raise SurveyFileError(where, "needs an id")
            if question_id in core.questions:
                raise SurveyFileError(
                    where, f"{question_id!r} is a core question: write `core: {question_id}`"
                )
            spec = {k: v for k, v in item.items() if k != "id"}
            question = _question(question_id, spec, "experience", "questions", core.scales, english)
        if question.id in seen:
            raise SurveyFileError(where, f"{question.id!r} is asked twice")
        seen.add(question.id)
        questions.append(question)
    extra = [q for q in core.questions.values() if q.section != "experience"]
    used_keys = {q.key for q in [*questions, *extra]}
    core_english = {
        key: text
        for key, text in core.english.items()
        if key.startswith("scales.") or any(key == k or key.startswith(k + ".") for k in used_keys)
    }
    return Questionnaire(stage, version, order, (*questions, *extra), {**core_english, **english})


def _stage_text(data: dict) -> dict[str, str]:
    """The stage's own title and summary, for parents and for young people."""
    english: dict[str, str] = {}
    english["title"] = _text(data.get("title"), "title", 120)
    english["summary"] = _text(data.get("summary"), "summary", 300)
    young = data.get("young_person")
    if young is not None:
        _check_keys(_mapping(young, "young_person"), "young_person", {"title", "summary"})
        for name, limit in (("title", 120), ("summary", 300)):
            if name in young:
                english[f"{name}.young_person"] = _text(young[name], f"young_person.{name}", limit)
    return english


def _question(question_id, spec, section, field_name, scales, english) -> Question:
    where = f"{field_name}.{question_id}"
    _check_code(question_id, where)
    spec = _mapping(spec, where)
    _check_keys(
        spec,
        where,
        {"type", "scale", "options", "label", "hint", "young_person", "optional", "max_length", "audiences"},
    )
    kind = spec.get("type")
    if kind not in QUESTION_TYPES:
        raise SurveyFileError(f"{where}.type", f"must be one of {', '.join(QUESTION_TYPES)}")
    key = f"questions.{question_id}"
    _question_text(spec, key, where, english)
    options: tuple[Option, ...] = ()
    if kind in ("choice", "choices"):
        if ("scale" in spec) == ("options" in spec):
            raise SurveyFileError(where, "a choice needs either `scale` or `options` (not both)")
        if "scale" in spec:
            if spec["scale"] not in scales:
                raise SurveyFileError(f"{where}.scale", f"there is no scale {spec['scale']!r}")
            options = scales[spec["scale"]]
        else:
            options = _options(spec["options"], f"{key}.options", english)
    elif "scale" in spec or "options" in spec:
        raise SurveyFileError(where, "a text question has no options")
    optional = spec.get("optional", False)
    if not isinstance(optional, bool):
        raise SurveyFileError(f"{where}.optional", "must be true or false")
    max_length = spec.get("max_length", DEFAULT_TEXT_LENGTH if kind == "text" else 0)
    if (
        not isinstance(max_length, int)
        or isinstance(max_length, bool)
        or not 0 <= max_length <= MAX_TEXT_LENGTH
    ):
        raise SurveyFileError(f"{where}.max_length", f"must be a whole number up to {MAX_TEXT_LENGTH}")
    audiences = spec.get("audiences", list(AUDIENCES))
    if not isinstance(audiences, list) or not audiences or not set(audiences) <= set(AUDIENCES):
        raise SurveyFileError(f"{where}.audiences", f"must be a list of {', '.join(AUDIENCES)}")
    return Question(question_id, kind, section, optional, max_length, options, frozenset(audiences), key)


def _question_text(spec: dict, key: str, where: str, english: dict[str, str]) -> None:
    english[f"{key}.label"] = _text(spec.get("label"), f"{where}.label", 200)
    if "hint" in spec:
        english[f"{key}.hint"] = _text(spec["hint"], f"{where}.hint", 300)
    young = spec.get("young_person")
    if young is not None:
        young = _mapping(young, f"{where}.young_person")
        _check_keys(young, f"{where}.young_person", {"label", "hint"})
        for name, limit in (("label", 200), ("hint", 300)):
            if name in young:
                english[f"{key}.{name}.young_person"] = _text(
                    young[name], f"{where}.young_person.{name}", limit
                )


def _options(items: Any, key: str, english: dict[str, str]) -> tuple[Option, ...]:
    if not isinstance(items, list) or len(items) < 2:
        raise SurveyFileError(key, "must be a list of at least two options")
    options: list[Option] = []
    for index, item in enumerate(items, start=1):
        where = f"{key}[{index}]"
        item = _mapping(item, where)
        _check_keys(item, where, {"code", "label", "young_person"})
        code = item.get("code")
        _check_code(code, f"{where}.code")
        if any(option.code == code for option in options):
            raise SurveyFileError(f"{where}.code", f"{code!r} is used twice")
        option_key = f"{key}.{code}"
        english[option_key] = _text(item.get("label"), f"{where}.label", 120)
        if "young_person" in item:
            english[f"{option_key}.young_person"] = _text(item["young_person"], f"{where}.young_person", 120)
        options.append(Option(code, option_key))
    return tuple(options)


def _translations(
    directory: Path, source: Path, problems: list[Problem]
) -> dict[str, tuple[dict[str, str], bool]]:
    """Each language's `key: text` table for one source file, and whether it is out of date."""
    found: dict[str, tuple[dict[str, str], bool]] = {}
    source_sha = hashlib.sha256(source.read_bytes()).hexdigest()
    stem = source.name.removesuffix(".yaml")
    for lang in LANGUAGES:
        path = directory / f"{stem}.{lang}.yaml"
        if lang == "en" or not path.exists():
            continue
        data = _read(path, problems)
        if data is None:
            continue
        unknown = set(data) - {"source_sha256", "translation_checked", "text"}
        if unknown:
            problems.append(Problem(path.name, sorted(unknown)[0], "is not a field of a translation"))
            continue
        sha = data.get("source_sha256")
        if not isinstance(sha, str) or not SHA256_RE.match(sha):
            problems.append(Problem(path.name, "source_sha256", "must be the SHA-256 of the English file"))
            continue
        table = data.get("text")
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in table.items()
        ):
            problems.append(Problem(path.name, "text", "must be a set of `key: translated text` lines"))
            continue
        found[lang] = ({k: v.strip() for k, v in table.items()}, sha != source_sha)
    return found


def _mapping(value: Any, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SurveyFileError(where, "must be a set of fields (name: value)")
    return value


def _check_keys(data: dict, where: str, allowed: set[str]) -> None:
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        prefix = f"{where}." if where else ""
        raise SurveyFileError(
            f"{prefix}{unknown[0]}", f"is not a field here (allowed: {', '.join(sorted(allowed))})"
        )


def _check_schema(data: dict) -> None:
    if data.get("schema") != SCHEMA:
        raise SurveyFileError("schema", f"must be {SCHEMA} (this version of the site reads schema {SCHEMA})")


def _check_code(code: Any, where: str) -> None:
    if not isinstance(code, str) or not CODE_RE.match(code) or len(code) > 40:
        raise SurveyFileError(where, "must be a short code of lower-case letters, digits and hyphens")


def _text(value: Any, where: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SurveyFileError(where, "is missing (write the words people will see)")
    if len(value) > limit:
        raise SurveyFileError(where, f"is too long (the most is {limit} characters)")
    return value.strip()
