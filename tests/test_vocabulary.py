"""The shared vocabulary (norms/kinds.yaml, normcheck/framework/vocabulary.py): it covers every
shipped framework, a written word resolves to the entry it means, every name names one entry,
the file passes its schema and a broken copy is refused where it is broken, and
`normcheck norms kinds` lists it."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from normcheck.errors import FrameworkError
from normcheck.framework import shipped, validated, vocabulary_rules
from normcheck.framework.load import load_framework
from normcheck.framework.vocabulary import (
    SECTIONS,
    load_vocabulary,
    name_key,
    read_vocabulary,
    singulars,
)
from normcheck.programme.headers import header_key

DAY, EVENING, WEEKEND = "day", "evening", "weekend"
FRAMEWORK_FACILITIES = {
    "basisschool",
    "schoolplein",
    "voortgezet_onderwijs",
    "kinderopvang",
    "kinderopvang_buiten",
    "cjg",
    "huisartsenpraktijk",
    "gymzaal",
    "sporthal",
    "zwembad",
    "buitensport",
    "buurthuis",
    "bibliotheek",
    "gebruiksgroen",
    "ecosysteemgroen",
    "groen",
    "spelen",
}
HOURS = {
    frozenset({DAY}): {
        "basisschool",
        "schoolplein",
        "voortgezet_onderwijs",
        "kinderopvang",
        "kinderopvang_buiten",
        "kinderopvang_plaatsen",
        "basisschool_plaatsen",
        "cjg",
        "huisartsenpraktijk",
        "gymzaal",
        "bso",
    },
    frozenset({EVENING, WEEKEND}): {"sporthal", "buitensport", "oefenruimte", "jongerencentrum"},
    frozenset({DAY, EVENING, WEEKEND}): {
        "zwembad",
        "buurthuis",
        "bibliotheek",
        "gebruiksgroen",
        "ecosysteemgroen",
        "groen",
        "spelen",
    },
}


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary()


def _text() -> str:
    return shipped.text(shipped.VOCABULARY)


def _data() -> dict[str, Any]:
    return yaml.safe_load(_text())


def _position(section: str, entry_id: str) -> int:
    return next(n for n, entry in enumerate(_data()[section]) if entry["id"] == entry_id)


# -- coverage of the shipped frameworks ------------------------------------------------------


def test_the_kinds_are_the_framework_facilities_and_the_added_ones(vocab):
    added = {"kinderopvang_plaatsen", "basisschool_plaatsen", "bso", "oefenruimte", "jongerencentrum"}
    assert set(vocab.kinds) == FRAMEWORK_FACILITIES | added
    assert (len(vocab.kinds), len(vocab.dwellings), len(vocab.milieus)) == (22, 7, 6)


@pytest.mark.parametrize("name", shipped.names())
def test_every_framework_facility_is_a_kind_of_its_unit_and_category(vocab, name):
    framework = load_framework(name)
    assert framework.facilities
    for facility in framework.facilities.values():
        # berlin's Kita building and outdoor space (issue 16) name their kinds with `kind:`
        kind_id = vocab.kind(facility.id) or (facility.kind if name.startswith("berlin") else None)
        assert kind_id is not None, f"{name}: facility {facility.id} is no kind"
        if not name.startswith("berlin"):
            assert kind_id == facility.id  # the Dutch frameworks' ids are the kinds' ids
        kind = vocab.kinds[kind_id]
        assert (kind.unit, kind.category) == (facility.unit, facility.category), f"{name}: {facility.id}"
        assert facility.kind == kind_id  # as the loader took it


def test_berlins_places_are_their_own_kinds(vocab):
    assert vocab.kind("kita") == "kinderopvang_plaatsen"
    assert vocab.kind("grundschule") == "basisschool_plaatsen"
    assert vocab.kinds["kinderopvang_plaatsen"].unit == vocab.kinds["basisschool_plaatsen"].unit == "places"
    assert vocab.kinds["kinderopvang"].unit == vocab.kinds["basisschool"].unit == "m2_bvo"


@pytest.mark.parametrize("name", shipped.names())
def test_every_framework_dwelling_and_milieu_resolves(vocab, name):
    framework = load_framework(name)
    for dwelling_id in framework.dwellings:
        expected = {"geschosswohnung": "appartement"}.get(dwelling_id, dwelling_id)
        assert vocab.dwelling(dwelling_id) == expected, f"{name}: dwelling {dwelling_id}"
        assert expected in vocab.dwellings
    for milieu in framework.milieus:
        assert milieu.id in vocab.milieus, f"{name}: milieu {milieu.id}"
        assert vocab.milieu(milieu.id) == milieu.id


def test_the_hours_decide_shared_use(vocab):
    assert set(vocab.slots) == {DAY, EVENING, WEEKEND}
    assert vocab.slots[DAY] == ("dag", "day") and vocab.slots[EVENING] == ("avond", "evening")
    by_hours: dict[frozenset[str], set[str]] = {}
    for kind in vocab.kinds.values():
        by_hours.setdefault(kind.hours, set()).add(kind.id)
    assert by_hours == HOURS


def test_part_of_within_and_density(vocab):
    assert {k.id: k.part_of for k in vocab.kinds.values() if k.part_of} == {
        "gebruiksgroen": "groen",
        "ecosysteemgroen": "groen",
    }
    assert [d.id for d in vocab.dwellings.values() if d.within is None] == ["woning"]
    assert all(d.within == "woning" for d in vocab.dwellings.values() if d.id != "woning")
    assert vocab.ancestors("sociale_huur") == ("sociale_huur", "woning")
    assert vocab.ancestors("woning") == ("woning",)
    assert vocab.ancestors("not_a_category") == ("not_a_category",)
    assert {m.id: m.density for m in vocab.milieus.values()} == {
        "hoogstedelijk": 5,
        "centrum-stedelijk": 4,
        "gemengd-stedelijk": 3,
        "groen-blauw": 2,
        "landelijk": 1,
        "berlin": None,
    }
    assert {k.category for k in vocab.kinds.values()} == {
        "onderwijs",
        "jeugd",
        "zorg",
        "welzijn",
        "kunst_cultuur",
        "sport",
        "groen",
        "spelen",
    }


# -- resolving written words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "word", "expected"),
    [
        ("kinds", "Basisschool", "basisschool"),
        ("kinds", "basisscholen", "basisschool"),
        ("kinds", "primary school", "basisschool"),
        ("kinds", "Primary Schools", "basisschool"),
        ("kinds", "school (PO)", "basisschool"),
        ("kinds", "School-PO", "basisschool"),
        ("kinds", "School PO", "basisschool"),
        ("kinds", "school/po", "basisschool"),
        ("kinds", "  school\u200b (po) ", "basisschool"),
        ("kinds", "sporthallen", "sporthal"),
        ("kinds", "Sports Hall", "sporthal"),
        ("kinds", "buurthuizen", "buurthuis"),
        ("kinds", "gymzalen", "gymzaal"),
        ("kinds", "bibliotheken", "bibliotheek"),
        ("kinds", "libraries", "bibliotheek"),
        ("kinds", "KDV's", "kinderopvang"),
        ("kinds", "Kita", "kinderopvang_plaatsen"),
        ("kinds", "Kita-Plätze", "kinderopvang_plaatsen"),
        ("kinds", "Grundschulplätze", "basisschool_plaatsen"),
        ("kinds", "middelbare school", "voortgezet_onderwijs"),
        ("kinds", "GP practice", "huisartsenpraktijk"),
        ("kinds", "Community Center", "buurthuis"),
        ("kinds", "openbaar gebruiksgroen", "gebruiksgroen"),
        ("kinds", "Openbaar groen", "groen"),
        ("kinds", "speelplaatsen", "spelen"),
        ("kinds", "repetitieruimte", "oefenruimte"),
        ("kinds", "Buitenschoolse opvang", "bso"),
        ("kinds", "xyz", None),
        ("kinds", "", None),
        ("dwellings", "Geschosswohnung", "appartement"),
        ("dwellings", "geschosswohnungen", "appartement"),
        ("dwellings", "Sociale huurwoningen", "sociale_huur"),
        ("dwellings", "koopwoningen", "koop"),
        ("dwellings", "rijtjeshuizen", "eengezinswoning"),
        ("dwellings", "Woningen", "woning"),
        ("dwellings", "xyz", None),
        ("milieus", "tuinstedelijk", "groen-blauw"),
        ("milieus", "Centrum stedelijk", "centrum-stedelijk"),
        ("milieus", "gemengd_stedelijk", "gemengd-stedelijk"),
        ("milieus", "rural", "landelijk"),
        ("milieus", "xyz", None),
    ],
)
def test_a_written_word_resolves(vocab, section, word, expected):
    find = {"kinds": vocab.kind, "dwellings": vocab.dwelling, "milieus": vocab.milieu}[section]
    assert find(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("avond", EVENING),
        ("Evening", EVENING),
        ("dag", DAY),
        ("WEEKEND", WEEKEND),
        ("avonden", EVENING),
        ("night", None),
    ],
)
def test_a_slot_resolves(vocab, word, expected):
    assert vocab.slot(word) == expected


def test_every_name_of_an_entry_resolves_to_it(vocab):
    finders = {"kinds": vocab.kind, "dwellings": vocab.dwelling, "milieus": vocab.milieu}
    for section in SECTIONS:
        for entry in getattr(vocab, section).values():
            for name in (entry.id, entry.label_nl, entry.label_en, *entry.aliases):
                assert finders[section](name) == entry.id, f"{section}: {name!r}"
                assert finders[section](name.upper()) == entry.id


def test_suggestions_are_close_ids(vocab):
    assert "basisschool" in vocab.suggestions("basischool", "kinds")
    assert vocab.suggestions("sociale hur", "dwellings")[0] == "sociale_huur"
    assert vocab.suggestions("tuinsteddelijk", "milieus")[0] == "groen-blauw"
    assert len(vocab.suggestions("s", "kinds", n=2)) <= 2
    assert vocab.suggestions("qqqqqqqq", "kinds") == []


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("scholen", "school"),
        ("sporthallen", "sporthal"),
        ("buurthuizen", "buurthuis"),
        ("kinderdagverblijven", "kinderdagverblijf"),
        ("gymzalen", "gymzaal"),
        ("woningen", "woning"),
        ("parks", "park"),
        ("kdv's", "kdv"),
        ("libraries", "library"),
    ],
)
def test_singulars(plural, singular):
    assert singular in singulars(plural)


def test_short_words_are_not_made_singular(vocab):
    assert singulars("vos") == [] and vocab.kind("vos") is None  # not 'vo' + s
    assert vocab.kind("po's") == "basisschool"  # the apostrophe says it is a plural


def test_name_key_is_header_key_with_brackets_and_slashes_as_separators():
    # name_key is header_key (normcheck/names.py) with brackets and slashes read as separators
    for text in [
        "Basisschool",
        " Sociale  huur",
        "sociale-huur",
        "Vrije_Sector__huur",
        "Kita-Plätze",
        "use\u200b",
        "\ufeffgroen",
        "soft\u00adhyphen",
        "m²",
        "a - b _ c",
        "",
        "---",
        "KDV's",
        "Ærø",
    ]:
        assert name_key(text) == header_key(text), repr(text)
    for text in ["school (PO)", "School PO", "school/po", "[school] {po}", "school\\po", "(school)-po"]:
        assert name_key(text) == "school_po"


# -- one name, one entry --------------------------------------------------------------------


@pytest.mark.parametrize("section", SECTIONS)
def test_every_name_names_one_entry(section):
    # independent of the loader: over the file itself
    entries = _data()[section]
    owners: dict[str, set[str]] = {}
    for entry in entries:
        for name in (entry["id"], entry["label_nl"], entry["label_en"], *entry["aliases"]):
            key = header_key(name.replace("(", " ").replace(")", " ").replace("/", " "))
            assert key, f"{section}: {name!r}"
            owners.setdefault(key, set()).add(entry["id"])
        alias_keys = [name_key(a) for a in entry["aliases"]]
        assert len(alias_keys) == len(set(alias_keys)), f"{section}: {entry['id']} repeats an alias"
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert shared == {}
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids))


def test_the_required_aliases_are_there(vocab):
    required = {
        "basisschool": ["school (PO)", "primary school", "basisonderwijs", "po", "basisscholen"],
        "voortgezet_onderwijs": ["vo", "middelbare school", "secondary school"],
        "huisartsenpraktijk": ["huisarts", "gezondheidscentrum", "GP practice", "health centre"],
        "gymzaal": ["gymlokaal", "gym", "bewegingsonderwijs"],
        "sporthal": ["sports hall", "sporthallen"],
        "buurthuis": ["wijkcentrum", "ontmoetingsruimte", "community centre", "community center", "buurthuizen"],
        "bibliotheek": ["library", "wijkcultuurhuis"],
        "gebruiksgroen": ["openbaar gebruiksgroen"],
        "groen": ["openbaar groen", "public green"],
        "spelen": ["speelruimte", "playground", "speelplaats"],
        "schoolplein": ["schoolyard"],
        "kinderopvang": ["dagopvang", "childcare", "kdv"],
        "buitensport": ["sportvelden", "sportpark", "sports fields"],
        "zwembad": ["binnenzwembad", "swimming pool"],
        "kinderopvang_plaatsen": ["kita", "kita-plätze", "kitaplätze", "childcare places"],
        "basisschool_plaatsen": ["grundschule", "grundschulplätze", "primary school places", "schoolplaatsen po"],
    }
    for kind_id, aliases in required.items():
        assert set(aliases) <= set(vocab.kinds[kind_id].aliases), kind_id
    assert {"dwelling", "dwellings", "woningen", "wohnung"} <= set(vocab.dwellings["woning"].aliases)
    assert {"geschosswohnung", "geschosswohnungen", "flat"} <= set(vocab.dwellings["appartement"].aliases)
    assert {"tuinstedelijk", "groenstedelijk", "suburbaan", "green-blue"} <= set(vocab.milieus["groen-blauw"].aliases)
    assert "berlin-geschosswohnungsbau" in vocab.milieus["berlin"].aliases


# -- the schema and the record ---------------------------------------------------------------


def _objects(node: Any):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def test_the_schema_validates_the_file_and_refuses_unknown_keys():
    schema = json.loads(shipped.text(shipped.VOCABULARY_SCHEMA))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(_data())) == []
    objects = list(_objects(schema))
    assert len(objects) >= 6 and all(o.get("additionalProperties") is False for o in objects)


def test_the_record_is_current():
    text = _text()
    read_vocabulary(text, full=True)  # passes the schema and the reference checks in full
    assert validated.digest(shipped.text(shipped.VOCABULARY_SCHEMA), text) == validated.recorded_vocabulary(), (
        "norms/kinds.yaml or kinds.schema.json changed: run `python -m normcheck.framework.validated`"
    )
    assert vocabulary_rules.known_valid(text) and not vocabulary_rules.known_valid(text + "\n")


def test_a_plain_load_imports_neither_jsonschema_nor_pandas(tmp_path):
    code = (
        "import sys\nfrom normcheck.framework.vocabulary import load_vocabulary\n"
        "assert load_vocabulary().kind('basisscholen') == 'basisschool'\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'jsonschema', 'pandas'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_changed_text_is_validated_by_the_schema(monkeypatch):
    calls: list[int] = []
    real = vocabulary_rules.schema_problems

    def counted(document):
        calls.append(1)
        return real(document)

    monkeypatch.setattr(vocabulary_rules, "schema_problems", counted)
    read_vocabulary(_text())
    assert calls == []
    read_vocabulary("# a copy\n" + _text(), "copy.yaml")
    assert calls == [1]


# -- broken copies ---------------------------------------------------------------------------


def _refused(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        read_vocabulary(text, "copy.yaml")
    return [str(problem) for problem in caught.value.problems]


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_an_alias_that_is_another_entrys_id_is_refused():
    text = _text().replace("aliases: [library,", "aliases: [library, Sporthal,", 1)
    at = _position("kinds", "bibliotheek")
    problems = _refused(text)
    assert problems == [
        f"copy.yaml, line {_line_of(text, 'aliases: [library,')} (kinds[{at}].aliases[1]): "
        f"'Sporthal' is already a name of 'sporthal' (kinds[{_position('kinds', 'sporthal')}].id): "
        "an id, label or alias names one entry only"
    ]


def test_an_alias_of_two_entries_is_refused_after_normalisation():
    text = _text().replace("aliases: [gymlokaal,", "aliases: [Sports-Hall, gymlokaal,", 1)
    problems = _refused(text)
    assert len(problems) == 1
    assert (
        f"(kinds[{_position('kinds', 'gymzaal')}].aliases[0]): 'Sports-Hall' is already a name of 'sporthal'"
        in (problems[0])
    )


def test_a_part_of_an_unknown_kind_is_refused():
    text = _text().replace("part_of: groen\n", "part_of: groenn\n", 1)
    at = _position("kinds", "gebruiksgroen")
    assert _refused(text) == [
        f"copy.yaml, line {_line_of(text, 'part_of: groenn')} (kinds[{at}].part_of): "
        "'groenn' is not a kind (did you mean 'groen'?)"
    ]


def test_a_within_loop_and_an_unknown_within_are_refused():
    looped = _text().replace(
        "    aliases: [dwelling, dwellings,", "    within: koop\n    aliases: [dwelling, dwellings,", 1
    )
    problems = _refused(looped)
    assert any("(dwellings[0].within): a loop: woning within koop within woning" in p for p in problems)
    unknown = _text().replace("within: woning", "within: woningen_x", 1)
    assert any("'woningen_x' is not a dwelling category" in p and ".within)" in p for p in _refused(unknown))


def test_a_schema_problem_is_located():
    text = _text().replace("    unit: m2_bvo\n", "    unit: m2_bvo\n    colour: red\n", 1)
    problems = _refused(text)
    assert any("(kinds[0].colour): unknown key 'colour'" in p and "copy.yaml, line" in p for p in problems)
    wrong_slot = _text().replace("hours: [day]", "hours: [night]", 1)
    assert any("(kinds[0].hours[0])" in p and "'night'" in p for p in _refused(wrong_slot))


def test_not_yaml_is_a_framework_error():
    assert any("not valid YAML" in p for p in _refused("kinds: [unclosed\n"))


# -- the CLI ---------------------------------------------------------------------------------


def test_norms_kinds_lists_the_vocabulary(run):
    result = run("norms", "kinds", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
    at = next(n for n, line in enumerate(lines) if line.split()[:1] == ["basisschool"])
    assert "Basisschool / Primary school" in lines[at]
    assert lines[at + 1].split() == ["m²", "BVO;", "day"]
    assert "also: school (PO), primary school" in lines[at + 2]
    sporthal = next(n for n, line in enumerate(lines) if line.split()[:1] == ["sporthal"])
    assert lines[sporthal + 1].strip() == "m² BVO; evening, weekend"
    text = result.stdout
    for word in ("kinderopvang_plaatsen", "sociale_huur", "within woning", "groen-blauw", "density 2", "avond"):
        assert word in text
    assert result.stderr == ""


def test_norms_kinds_as_json_has_every_field(run, vocab):
    result = run("norms", "kinds", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"kinds", "dwellings", "milieus"} <= set(data)
    assert data == vocab.to_dict()
    names = {"id", "label_nl", "label_en", "aliases"}
    assert all(set(k) == names | {"category", "unit", "hours", "part_of", "note"} for k in data["kinds"])
    assert all(set(d) == names | {"within"} for d in data["dwellings"])
    assert all(set(m) == names | {"density"} for m in data["milieus"])
    school = next(k for k in data["kinds"] if k["id"] == "basisschool")
    assert school["hours"] == ["day"] and school["unit"] == "m2_bvo" and school["label_nl"] == "Basisschool"
    assert next(k for k in data["kinds"] if k["id"] == "zwembad")["hours"] == [DAY, EVENING, WEEKEND]
    assert data["slots"]["evening"] == {"label_nl": "avond", "label_en": "evening"}


def test_norms_list_still_lists_the_frameworks(run):
    shipped_ids = ["amsterdam", "berlin", "berlin-2017", "den-haag", "nl"]  # berlin-2017 since issue 16
    assert shipped.names() == shipped_ids
    result = run("norms", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == shipped_ids
    text = run("norms", "list")
    rows = [line for line in text.stdout.splitlines()[1:] if line and not line.startswith(" ")]
    assert [line.split()[0] for line in rows] == shipped_ids + ["A", "normcheck"]  # then the two notes


def test_kinds_is_no_shipped_framework(run):
    result = run("norms", "show", "kinds")
    assert result.exit_code != 0
    assert "no shipped framework of that name" in result.stderr
