"""`normcheck norms list|show|validate` in-process: exact lines, JSON shape, exit codes."""

from __future__ import annotations

import json

from conftest import DATA, EXAMPLES

FRAMEWORKS = DATA / "frameworks"
MISTAKES = FRAMEWORKS / "several-mistakes.yaml"


def test_list_shows_the_frameworks_with_their_completeness(run):
    result = run("norms", "list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # 80 columns (the CLI gives norms_text no width yet): each title on lines of its own below its row
    assert lines[:2] == ["ID           YEAR  ADOPTION      FACILITIES  SOURCED  DERIVED  ASSUMED", "    TITLE"]
    starts = [n for n, line in enumerate(lines) if line and not line.startswith(" ")][1:6]
    rows = {lines[n].split()[0]: (lines[n], " ".join(" ".join(lines[n + 1 : n + 4]).split())) for n in starts}
    assert list(rows) == ["amsterdam", "berlin", "berlin-2017", "den-haag", "nl"]
    # issue 16: berlin's Kita places, building and outdoor space sourced (mein.berlin.de), its
    # grundschule places derived; den-haag's groen derived outside hoogstedelijk (8 m² per
    # dwelling / 2.1); nl's kinderopvang participation sourced, huisarts and sporthal derived
    assert rows["berlin"][0] == "berlin       2023  guideline              4        3        1        0"
    assert rows["berlin"][1].startswith(
        "Berliner Modell der kooperativen Baulandentwicklung (Kita- und Grundschulplätze) "
    )
    assert rows["berlin-2017"][0] == "berlin-2017  2017  guideline              4        3        1        0"
    assert rows["berlin-2017"][1].startswith(
        "Berliner Modell der kooperativen Baulandentwicklung, Senatsangaben 2017 (volle Kita-Versorgung) "
    )
    assert rows["den-haag"][0] == "den-haag     2024  illustrative           7        0        1        6"
    assert rows["den-haag"][1].startswith("Haagse richtinggevende normen voor maatschappelijke voorzieningen en groen ")
    assert rows["nl"][0] == "nl           2024  guideline             10        1        3        6"
    assert rows["nl"][1].startswith("Nationale kengetallen voor voorzieningen, groen en spelen")
    assert result.stderr == ""


def test_list_as_json(run):
    result = run("norms", "list", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["id"], r["year"]) for r in rows] == [
        ("amsterdam", 2018),
        ("berlin", 2023),
        ("berlin-2017", 2017),
        ("den-haag", 2024),
        ("nl", 2024),
    ]
    assert all(r["title"] for r in rows)
    assert rows[1]["completeness"] == {"sourced": 3, "derived": 1, "assumed": 0}
    assert rows[1]["facilities"] == 4 and rows[1]["adoption"] == "guideline"


def test_show_tells_where_each_number_comes_from(run):
    result = run("norms", "show", "den-haag", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[:6] == [  # at 80 columns the title wraps
        "den-haag  Haagse richtinggevende normen voor maatschappelijke voorzieningen en",
        "  groen",
        "  Municipality  Den Haag",
        "  Version       2024 (year 2024), adoption: illustrative",
        "  Files         norms/den-haag.yaml",
        "  Facilities    7: 0 sourced, 1 derived, 6 assumed",
    ]
    assert "  hoogstedelijk        Hoogstedelijk. The centre (e.g. the CID); added in 2024." in out
    at = out.index("    cjg  Centrum Jeugd en Gezin")
    assert out[at + 1 : at + 12] == [  # 80 columns: the formula and the reason wrap under themselves
        "      need: by woonmilieu (hoogstedelijk 50, centrum-stedelijk 50,",
        "            gemengd-stedelijk 50, groen-blauw 70) m² BVO per 1\u2009000 dwellings;",
        "            one facility is 1\u2009400 m²; judged per wijk",
        "      rate_m2, by woonmilieu",
        "        centrum-stedelijk           50  sourced · platform31-2024",
        "        gemengd-stedelijk           50  sourced · platform31-2024",
        "        groen-blauw                 70  sourced · platform31-2024",
        "        hoogstedelijk               50  assumed · platform31-2024",
        "          reason: The hoogstedelijk value was not found; the centrum-stedelijk",
        "            value (50, read), the nearest woonmilieu, is used.",
        "      standard_size_m2           1\u2009400  sourced · platform31-2024",
    ]
    assert "      provenance: assumed; sources platform31-2024" in out
    assert any(line.startswith("  dh-2024  Haagse richtinggevende normen") for line in out)


def test_show_as_json_is_the_resolved_framework(run):
    result = run("norms", "show", str(EXAMPLES / "my-gemeente.yaml"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["id"] == "my-gemeente" and data["files"] == [str(EXAMPLES / "my-gemeente.yaml"), "norms/nl.yaml"]
    assert [d["id"] for d in data["dwellings"]] == ["woning", "sociale_huur", "middenhuur", "vrije_sector_huur", "koop"]
    facilities = {f["id"]: f for f in data["facilities"]}
    assert facilities["buurthuis"]["category"] == "welzijn"
    # the count of sporthallen is my-gemeente's, the m² per hall nl's (issue 16: counted in two steps)
    assert facilities["sporthal"]["demand"] == {
        "unit": "sporthallen",
        "per": {
            "value": 20000.0,
            "status": "sourced",
            "source": "voorbeeldstad-nota",
            "note": "One sporthal per 20,000 inhabitants (invented); the size of a hall stays nl's.",
        },
    }
    assert (facilities["sporthal"]["rate_m2"]["value"], facilities["sporthal"]["rate_m2"]["status"]) == (
        2500.0,
        "derived",
    )
    assert facilities["sporthal"]["provenance"] == {
        "status": "derived",
        "sources": ["sporthal-projecten", "voorbeeldstad-nota"],
    }
    assert facilities["sporthal"]["formula"] == (
        "2\u2009500 m² BVO × sporthallen, sporthallen = inhabitants / 20\u2009000; one facility is 2\u2009500 m²; "
        "judged per wijk"
    )
    assert data["completeness"] == {"sourced": 2, "derived": 4, "assumed": 5}


def test_show_of_a_berlin_facility_counted_in_places(run):
    data = json.loads(run("norms", "show", "berlin", "--format", "json").stdout)
    kita = data["facilities"][0]
    assert (kita["id"], kita["unit"], kita["formula"]) == (
        "kita",
        "places",
        "1 place per person in cohort kita × participation 0.7; judged per buurt",
    )
    assert (kita["rate_places"]["status"], kita["participation"]["source"]) == ("sourced", "mein-berlin-kita")


def test_show_of_an_unknown_framework_exits_2(run):
    result = run("norms", "show", "den-hag")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "error: den-hag: no shipped framework of that name (did you mean 'den-haag'? shipped: "
        "amsterdam, berlin, berlin-2017, den-haag, nl; or give a path to a .yaml file)\n"
    )


def test_validate_valid_files_exits_0(run):
    result = run("norms", "validate", EXAMPLES / "my-gemeente.yaml", "berlin")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"ok: {EXAMPLES / 'my-gemeente.yaml'}: my-gemeente, 11 facilities (2 sourced, 4 derived, 5 assumed)\n"
        "ok: berlin: berlin, 4 facilities (3 sourced, 1 derived, 0 assumed)\n"
    )


def test_validate_lists_every_mistake_with_its_line_and_exits_2(run):
    result = run("norms", "validate", MISTAKES)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {MISTAKES}, {where}"
        for where in [
            # the schema's and the sanity checks' findings together, in file order
            "line 25 (dwellings[0].cohorts): cohort shares add up to 1.1 in woonmilieu 'stad'; they may add up to at most 1",
            "line 34 (facilities[0].source): source 'note' is not declared (did you mean 'nota'?)",
            "line 36 (facilities[0].standard_size): unknown key 'standard_size' (did you mean 'standard_size_m2'?)",
            "line 42 (facilities[1].rate_m2.value): -10 is less than the minimum of 0",
            "line 50 (facilities[2].rate_m2): an assumed value needs a 'reason': say what was assumed and why",
            "line 51 (facilities[2].rate_m2.by_milieu.dorp): woonmilieu 'dorp' is not declared (declared: stad)",
        ]
    ] + ["1 of 1 framework file not valid"]


def test_validate_goes_on_after_a_bad_file(run, tmp_path):
    result = run("norms", "validate", tmp_path / "missing.yaml", MISTAKES, "nl")
    assert result.exit_code == 2
    assert result.stdout == "ok: nl: nl, 10 facilities (1 sourced, 3 derived, 6 assumed)\n"
    errors = result.stderr.splitlines()
    assert errors[0] == f"error: {tmp_path / 'missing.yaml'}: no such file"
    assert len(errors) == 1 + 6 + 1 and errors[-1] == "2 of 3 framework files not valid"


def test_validate_an_extending_file_names_the_file_and_line_of_the_mistake(run, tmp_path):
    own = tmp_path / "own.yaml"
    own.write_text(
        "id: own\ntitle: Own\nmunicipality: X\nversion: '1'\nadoption: draft\nextends: nl\n"
        "facilities:\n  - id: groen\n    rate_m2: {value: 60, status: sourced, source: own-nota}\n"
    )
    result = run("norms", "validate", own)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {own}, line 9 (facilities[0].rate_m2.source): source 'own-nota' is not declared "
        "(declared: at5-sloterdijk, berlin-kita-beispiele, cbs-71507, cbs-huishoudens, cbs-kinderopvang-gebruik, "
        "kvk-kinderopvang, kvlo-gymzaal, medischcontact-normpraktijk, mein-berlin-kita, mulier-2020, "
        "nhnieuws-haarlemmermeer, nhnieuws-praktijk, nivel-huisarts, nota-ruimte-groen, rigo-spelen, "
        "sporthal-projecten, uitvoeringsbesluit-huisvesting, vng-schoolnorm, vng-schoolterrein, woon-huishoudens)"
    )


def test_the_bare_check_form_still_works_beside_the_sub_commands(run):
    result = run(EXAMPLES / "den-haag" / "cid.csv", "--norms", "den-haag", "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout)["framework"]["id"] == "den-haag"
