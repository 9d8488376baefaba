"""Nederlands: the words of the human reports for Dutch readers (see i18n.py), with the same keys
and placeholders as lang_en.py. Numbers as a Dutch reader writes them: 1.250,5.

Some words stay as the frameworks and planners use them: woonmilieu, buurt, wijk, stadsdeel, the
ids of facilities and categories, and the framework's own titles and labels."""

from __future__ import annotations

GROUP = "."
MARK = ","

# The phrases the core writes in English (core/check.py's `within`, programme/terms.py's notes),
# as (a pattern the whole phrase matches, its Dutch with the groups filled in). First match wins:
# the specific before the general. A phrase that matches none is shown as the core wrote it.
_LEVELS = r"(?:buurt|buurten|wijk|wijken|stadsdeel|stadsdelen)"
PHRASES: tuple[tuple[str, str], ...] = (
    (r"no figures in cost set (.+)", r"geen kengetallen in kostenset \1"),
    (r"counted in places \(costs are per m²\)", "geteld in plaatsen (kosten zijn per m²)"),
    (r"no investment figure", "geen kengetal voor investering"),
    (r"no exploitation figure", "geen kengetal voor exploitatie"),
    (r"no lifetime figure", "geen kengetal voor levensduur"),
    (r"no investment or exploitation figure", "geen kengetal voor investering of exploitatie"),
    (r"no investment or lifetime figure", "geen kengetal voor investering of levensduur"),
    (r"no exploitation or lifetime figure", "geen kengetal voor exploitatie of levensduur"),
    (
        r"no investment or exploitation or lifetime figure",
        "geen kengetal voor investering of exploitatie of levensduur",
    ),
    (rf"(\d+) of (\d+ {_LEVELS}) short", r"\1 van \2 tekort"),
    (rf"(\d+) of (\d+ {_LEVELS}) within the tolerance", r"\1 van \2 binnen de marge"),
    (
        rf"(\d+) of (\d+ {_LEVELS}) to pool, together enough for one of their own",
        r"\1 van \2 te bundelen, samen genoeg voor een eigen voorziening",
    ),
    (
        rf"(\d+) of (\d+ {_LEVELS}) to pool, covered by what the others spare",
        r"\1 van \2 te bundelen, gedekt door wat de andere over hebben",
    ),
    (rf"(\d+) of (\d+ {_LEVELS}) to pool", r"\1 van \2 te bundelen"),
    (r"(1 (?:buurt|wijk|stadsdeel)) met", r"\1 voldoet"),
    (rf"(\d+ {_LEVELS}) met", r"\1 voldoen"),
    (r"counted as (.+) \((.+) is part of (.+)\)", r"geteld als \1 (\2 valt onder \3)"),
    (r"counted as (.+), the nearest woonmilieu of (.+)", r"geteld als \1, het dichtstbijzijnde woonmilieu van \2"),
    (r"counted as (.+), the default woonmilieu of (.+)", r"geteld als \1, het standaardwoonmilieu van \2"),
    (r"counted by the default mix of (.+?): (.+)", r"geteld volgens de standaardmix van \1: \2"),
    (
        r"not normed by (.+?), which norms its parts: (.+) \(name one of those\)",
        r"niet genormeerd door \1, dat de onderdelen normeert: \2 (noem er een)",
    ),
    (r"not normed by (.+)", r"niet genormeerd door \1"),
    (r"counted as (.+)", r"geteld als \1"),
)

MESSAGES: dict[str, str] = {
    # -- units, statuses, places ------------------------------------------------------------------
    "unit.m2": "m²",
    "unit.places": "plaatsen",
    "status.ok": "voldoet",
    "status.short": "tekort",
    "status.pool": "bundelen",
    "status.within-tolerance": "binnen marge",
    "status.capacity": "capaciteit",
    "status.pool_part": "deel",
    "status.pool_share": "bundelen {share} ({catchment})",
    "place.whole_plan": "(hele plan)",
    "group.whole_plan": "het hele plan",
    "judged.served_ok": "voldoet (getoetst in {group})",
    "judged.served": "{status} (getoetst in {group})",
    "judged.within": "{status} ({within})",
    "provenance.sourced": "met bron",
    "provenance.derived": "afgeleid",
    "provenance.assumed": "aangenomen",
    "provenance.scenario": "wat-als",
    "basis.dwellings": "woningen",
    "basis.inhabitants": "inwoners",
    "basis.aged": "van {cohort} jaar",
    # -- one finding in words ---------------------------------------------------------------------
    "finding.whole_plan": "hele plan",
    "finding.subject_in": "{label} in {area}",
    "finding.numbers": "{required} nodig, {planned} gepland",
    "finding.numbers_existing": ", {existing} bestaand",
    "finding.served": "{subject}: {numbers}; getoetst met {group}: {status}.",
    "finding.within": "{subject}: {numbers}; getoetst per {level}: {within}.",
    "finding.judged": "{subject}: {numbers}, {verdict}.",
    "finding.short": "{missing} tekort",
    "finding.within_tolerance": "{missing} tekort, binnen de marge",
    "finding.pool": "{share}: bundel met aangrenzende gebieden (verzorgingsgebied {catchment})",
    "finding.met": "voldoet",
    "share.less_than_one": "minder dan één voorziening",
    "share.less_than_a_hundredth": "minder dan {hundredth} van één voorziening",
    "share.of_one": "{share} van één voorziening",
    "headline.met_one": "Elke norm wordt gehaald ({total} voorziening).",
    "headline.met": "Elke norm wordt gehaald ({total} voorzieningen).",
    "headline.short_one": "{count} van {total} voorzieningen schiet tekort: {facilities}.",
    "headline.short": "{count} van {total} voorzieningen schieten tekort: {facilities}.",
    # -- the table's columns ----------------------------------------------------------------------
    "column.category": "Categorie",
    "column.facility": "Voorziening",
    "column.facility_area": "Voorziening / gebied",
    "column.area": "Gebied",
    "column.basis": "Basis",
    "column.required": "Nodig",
    "column.range": "Marge",
    "column.standard": "Standaard",
    "column.planned": "Gepland",
    "column.existing": "Bestaand",
    "column.gap": "Verschil",
    "column.status": "Status",
    # -- the terminal table ---------------------------------------------------------------------
    "table.norms": "Normen     {title} ({id}, {version}, {adoption})",
    "table.programme": "Programma  {file}: {dwellings} woningen · {inhabitants} inwoners",
    "table.cohorts": "Cohorten   {cohorts}",
    "verdict.word_ok": "VOLDOET",
    "verdict.word_short": "TEKORT",
    "verdict.pooled": "; {count} te bundelen met aangrenzende gebieden ({facilities})",
    "verdict.tolerated": "; {count} binnen de marge ({facilities})",
    "verdict.ok": "Oordeel    VOLDOET: elke norm wordt gehaald{rest}.",
    "verdict.short": "Oordeel    TEKORT: {count} van {total} voorzieningen schieten tekort: {facilities}{rest}.",
    "notes.line": "Noot       {note}",
    "notes.lent_by": " uitgeleend door {names}",
    "notes.spare_in": " over in {names}",
    "notes.unnormed": "Niet genormeerd door {framework}: {listed} (gepland, niet getoetst).",
    "notes.counted_from": "{facility} {amount} {unit} van {name}",
    "notes.shared": "Gedeeld gebruik: {listed}.",
    "notes.existing": "Bestaand: {listed}.",
    "notes.mapped": "{section}: {listed}.",
    "notes.section.dwellings": "Woningen",
    "notes.section.facilities": "Voorzieningen",
    "notes.section.milieus": "Woonmilieus",
    "notes.section.unnormed": "Niet genormeerd",
    "provenance.counts": (
        "Herkomst   van de getallen achter dit resultaat hebben er {sourced} een bron, zijn er {derived} afgeleid "
        "en {assumed} aangenomen"
    ),
    "provenance.counts_scenario": "; {scenario} komen uit een wat-als.",
    "provenance.assumed_facilities": (
        " Berust op aannames: {facilities} (normcheck explain FACILITY --norms {norms} laat zien welke)."
    ),
    "provenance.what_if": " Berust op wat-als-waarden: {facilities}.",
    "whatif.line": "Wat-als    {overrides}",
    "whatif.ranges": (
        "Marges     het normenkader geeft lage en hoge waarden: Marge is de behoefte met al die waarden aan de lage "
        "en aan de hoge kant; tekorten getoetst op {case_words} (--case {case})."
    ),
    "case.low": "de lage kant van elke marge",
    "case.base": "de basiswaarden",
    "case.high": "de hoge kant van elke marge",
    # -- the timeline in the terminal -------------------------------------------------------------
    "timeline.need": "nodig",
    "timeline.plan": "plan",
    "timeline.peak": "piek: {peak}",
    "timeline.short": "tekort: {years}",
    "timeline.span": "{first}–{last}, {horizon} jaar vanaf de eerste oplevering",
    "timeline.intro_steady": (
        "Tijdlijn   {span}. Dit normenkader kent geen leeftijdsverloop: elke oplevering telt vanaf het eerste jaar "
        "met de bezetting van een uitgegroeide wijk."
    ),
    "timeline.intro": (
        "Tijdlijn   {span}; cohorten {cohorts} volgen het leeftijdsverloop van het normenkader ({status})."
    ),
    "timeline.none_needed": "niet nodig",
    "timeline.peak_in": "{amount} {unit} in {year}",
    "timeline.never": "nooit",
    "timeline.more": " +{count} meer",
    "timeline.runs_one": "{runs} ({years} jr)",
    "timeline.runs": "{runs} ({years} jr)",
    "timeline.per_year": "één teken per jaar",
    "timeline.per_years": "één teken per {step} jaar (nodig: het hoogste, plan: het laagste)",
    "timeline.legend": (
        "           nodig: vereist in dat jaar; plan: gepland en open in dat jaar; {per}; beide balken op de schaal "
        "van de grootste hoeveelheid van de voorziening."
    ),
    "timeline.verdict_ok": (
        "In de tijd VOLDOET: elke voorziening houdt in elk jaar tot {last} gelijke tred met de behoefte."
    ),
    "timeline.verdict_short": (
        "In de tijd TEKORT: {count} van {total} voorzieningen schieten in een of meer jaren tekort "
        "(eerst tekort: {first})."
    ),
    # -- markdown ---------------------------------------------------------------------------------
    "markdown.heading": "### normcheck: {verdict} · {file}",
    "markdown.norms": "Normen: {title} ({id}, {version}) · {dwellings} woningen · {inhabitants} inwoners",
    "markdown.within": "Binnen de marge (niet als tekort geteld):",
    # -- a bestemmingsplan's capacity in the terminal ---------------------------------------------
    "capacity.heading": "Plan       {name} ({id}): de behoefte hierboven naast de ruimte die het plan laat",
    "capacity.prefix_verdict": "Oordeel    ",
    "capacity.prefix_plan": "Plan       ",
    "capacity.kind.floor": "Vloeroppervlak voor voorzieningen (m² BVO)",
    "capacity.kind.grounds": "Terrein van die voorzieningen (m² terrein)",
    "capacity.kind.outdoor": "Sportvelden, groen en spelen (m² terrein)",
    "capacity.kind.dwellings": "Woningen binnen de maxima van het plan",
    "capacity.column.need": "Behoefte",
    "capacity.column.required": "Nodig",
    "capacity.column.to_pool": "Te bundelen",
    "capacity.column.in_plan": "In het plan",
    "capacity.column.gap": "Verschil",
    "capacity.in_area": "  in {area}",
    "capacity.need_of": "{label}: de behoefte van {facilities}",
    "capacity.no_room": "  ruimte: geen (het plan bestemt hier geen plek voor)",
    "capacity.room": "  ruimte: {name} {amount} ({how})",
    "capacity.assumed": "  aangenomen: {assumption}",
    "capacity.assumptions": "Aannames",
    "capacity.not_checked": "  - geteld in plaatsen, niet naast het plan gezet: {facilities}",
    "capacity.who": "de {dwellings} woningen",
    "capacity.pool_note": "; {what}: {amount} m² te delen met aangrenzende gebieden",
    "capacity.verdict_ok": "{prefix}VOLDOET: het plan laat ruimte voor wat {who} nodig hebben{rest}.",
    "capacity.where": " in {area}",
    "capacity.dwellings_short": "{required} woningen{where} waar de maxima {capacity} toestaan",
    "capacity.shared": " (waarvan {amount} m² te delen met aangrenzende gebieden)",
    "capacity.room_short": "{what}: {required} m² nodig{shared}, {capacity} m² in het plan",
    "capacity.verdict_short": (
        "{prefix}TEKORT: het plan laat te weinig ruimte voor wat {who} nodig hebben: {parts}{rest}."
    ),
    # -- the html report -------------------------------------------------------------------
    "html.title": "normcheck: {verdict} · {file}",
    "html.kicker": "Toets voorzieningen",
    "html.heading": "Voorzieningen voor {file}",
    "html.verdict_short": "{count} van de {total} voorzieningen schieten tekort.",
    "html.verdict_ok": "Elke norm wordt gehaald ({total} voorzieningen).",
    "html.programme": (
        "Het programma in {file} telt {dwellings} woningen voor naar schatting {inhabitants} inwoners. Het is "
        "getoetst aan {title} ({id}, versie {version}, {adoption})."
    ),
    "html.summary": "Van de {total} voorzieningen die het normenkader normeert: {clauses}.",
    "html.summary_ok": "{count} voldoen",
    "html.summary_short": "{count} schieten tekort ({facilities})",
    "html.summary_pool": (
        "{count} vragen te weinig voor een eigen voorziening en moeten met aangrenzende gebieden worden "
        "gedeeld ({facilities})"
    ),
    "html.summary_tolerated": "{count} schieten tekort binnen de marge ({facilities})",
    "html.whatif_note": (
        "Dit rapport berust op wat-als-waarden (zie Noten), niet alleen op het vastgestelde normenkader."
    ),
    "html.population.heading": "Bevolking",
    "html.population.what": "Wat",
    "html.population.count": "Aantal",
    "html.population.dwellings": "Woningen",
    "html.population.inhabitants": "Inwoners",
    "html.population.milieu": "Woonmilieu",
    "html.population.by_area": "Per gebied",
    "html.charts.heading": "Het plan naast de behoefte",
    "html.charts.intro": (
        "Elke balk is wat het plan voor een voorziening biedt als deel van wat de norm vraagt, getoetst waar "
        "de voorziening getoetst wordt; de stippellijn is de norm. Gearceerd: vloer die andere gebouwen in "
        "hun vrije uren uitlenen; kruislings gearceerd: ruimte over in bestaande voorzieningen. Daaronder per "
        "categorie de hoeveelheden zelf."
    ),
    "html.chart.not_needed": "niet nodig",
    "html.chart.coverage_axis": "gepland als deel van de behoefte (100% = de norm)",
    "html.chart.coverage_title": "Gepland als deel van de behoefte, per voorziening",
    "html.chart.required": "nodig",
    "html.chart.shared": "uitgeleend (gedeeld gebruik)",
    "html.chart.existing": "bestaand",
    "html.chart.need": "nodig",
    "html.chart.plan": "gepland",
    "html.chart.peak": "piek {year}",
    "html.chart.timeline_title": "{facility}: behoefte en plan per jaar",
    "html.chart.inhabitants": "inwoners",
    "html.chart.cohorts": "leeftijd",
    "html.chart.population_title": "Inwoners per jaar naar leeftijd",
    "html.chart.millions": "miljoen €",
    "html.chart.money_title": "De rekening per jaar",
    "html.timeline.heading": "In de tijd",
    "html.timeline.intro": (
        "Van {first} tot {last} ({horizon} jaar vanaf de eerste oplevering): wat elke voorziening elk jaar "
        "nodig heeft terwijl de nieuwe wijk zich vult en ouder wordt, naast wat dan gepland en open is."
    ),
    "html.timeline.peak_year": "Piekjaar",
    "html.timeline.peak": "Piekbehoefte",
    "html.timeline.first_short": "Eerst tekort",
    "html.timeline.years_short": "Jaren tekort",
    "html.timeline.legend": (
        "Zwart: nodig in dat jaar; blauw: gepland en open in dat jaar; rode banden: de jaren met een tekort; "
        "de stip: de piek."
    ),
    "html.column.provenance": "Herkomst",
    "html.table.heading": "Alle regels",
    "html.notes.heading": "Noten en wat-als",
    "html.notes.override": "Wat-als: {path} = {value} ({origin})",
    "html.notes.case": "Marges: tekorten getoetst op {case_words} (--case {case}).",
    "html.provenance.heading": "Waar de getallen vandaan komen",
    "html.provenance.counts": (
        "Van de getallen achter dit resultaat hebben er {sourced} een bron, zijn er {derived} afgeleid uit "
        "getallen met een bron en {assumed} aangenomen."
    ),
    "html.provenance.scenario": "{scenario} komen uit een wat-als.",
    "html.provenance.assumptions": "Aannames",
    "html.provenance.of": "Van",
    "html.provenance.value": "Waarde",
    "html.provenance.number": "Getal",
    "html.provenance.status": "Status",
    "html.provenance.source": "Bron",
    "html.provenance.why": "Reden, noot",
    "html.provenance.numbers": "Elk getal van het normenkader achter dit rapport",
    "html.provenance.same": "idem",
    "html.provenance.sources": "Bronnen",
    "html.footer": "Gemaakt door normcheck {version} uit {file} en {frameworks}.",
    "quantity.rate": "kengetal",
    "quantity.participation": "deelname",
    "quantity.fixed_m2": "vaste m²",
    "quantity.standard_size_m2": "standaardmaat",
    "quantity.max_shared": "hoogstens gedeeld",
    "quantity.demand_rate": "eenheden per gebruiker",
    "quantity.demand_per": "gebruikers per eenheid",
    "quantity.persons": "personen per woning",
    "quantity.cohort_share": "aandeel van {cohort} jaar",
    "html.costs.heading": "Kosten",
    "html.costs.intro": (
        "Kostenset {title} ({id} {version}); euro's {btw} btw, prijspeil {price_level}; de rekening "
        "{first}–{last} ({horizon} jaar), contant gemaakt tegen {rate} per jaar."
    ),
    "html.costs.btw_included": "incl.",
    "html.costs.btw_excluded": "excl.",
    "html.costs.shortfall_m2": "Tekort",
    "html.costs.investment": "Investering voor het tekort",
    "html.costs.planned_investment": "Geplande investering",
    "html.costs.exploitation": "Exploitatie per jaar",
    "html.costs.present_value": "Contante waarde",
    "html.costs.total": "Totaal",
    "html.costs.account": (
        "Over de hele periode: contante waarde {present_value}, {annuity} per jaar (onverdisconteerde som {sum})."
    ),
    "html.costs.uncosted": "Niet begroot: {facilities}.",
    "html.costs.part.investment": "investering",
    "html.costs.part.renewal": "vervanging",
    "html.costs.part.exploitation": "exploitatie",
    # -- the xlsx report --------------------------------------------------------------------------
    "xlsx.sheet.summary": "Samenvatting",
    "xlsx.sheet.facilities": "Voorzieningen",
    "xlsx.sheet.areas": "Gebieden",
    "xlsx.sheet.population_by_area": "Bevolking per gebied",
    "xlsx.sheet.timeline": "Tijdlijn",
    "xlsx.sheet.population_by_year": "Bevolking per jaar",
    "xlsx.sheet.costs": "Kosten",
    "xlsx.sheet.account": "Rekening",
    "xlsx.sheet.provenance": "Herkomst",
    "xlsx.sheet.sources": "Bronnen",
    "xlsx.summary.verdict": "Oordeel",
    "xlsx.summary.headline": "In woorden",
    "xlsx.summary.programme": "Programma",
    "xlsx.summary.cohort": "Cohort {cohort} ({label})",
    "xlsx.summary.framework": "Normenkader",
    "xlsx.summary.framework_id": "Id normenkader",
    "xlsx.summary.version": "Versie",
    "xlsx.summary.adoption": "Vaststelling",
    "xlsx.summary.count": "Voorzieningen {status}",
    "xlsx.summary.provenance": "Getallen {status}",
    "xlsx.summary.whatif": "Wat-als",
    "xlsx.summary.case": "Geval (--case)",
    "xlsx.summary.made_by": "Gemaakt door",
    "xlsx.column.what": "Wat",
    "xlsx.column.value": "Waarde",
    "xlsx.column.id": "Id",
    "xlsx.column.level": "Niveau",
    "xlsx.column.unit": "Eenheid",
    "xlsx.column.basis_amount": "Aantal basis",
    "xlsx.column.low": "Nodig laag",
    "xlsx.column.high": "Nodig hoog",
    "xlsx.column.standard_units": "Standaardvoorzieningen",
    "xlsx.column.standard_count": "Standaard geteld",
    "xlsx.column.own": "Eigen",
    "xlsx.column.shared": "Gedeeld",
    "xlsx.column.detail": "Status in woorden",
    "xlsx.column.judged": "Hier getoetst",
    "xlsx.column.catchment": "Verzorgingsgebied",
    "xlsx.column.sources": "Bronnen",
    "xlsx.column.short_until": "Tekort tot",
    "xlsx.column.year": "Jaar",
    "xlsx.column.title": "Titel",
    "xlsx.column.publisher": "Uitgever",
    "xlsx.column.date": "Datum",
    "xlsx.column.document": "Document",
    "xlsx.column.url": "URL",
    "xlsx.yes": "ja",
    "xlsx.no": "nee",
    "xlsx.costs.costed": "Begroot",
    "xlsx.costs.investment_year": "Jaar van investering",
    "xlsx.costs.why_not": "Niet begroot omdat",
    "xlsx.costs.investment": "Investering",
    "xlsx.costs.renewal": "Vervanging",
    "xlsx.costs.exploitation": "Exploitatie",
    "xlsx.costs.income": "Opbrengst",
    "xlsx.costs.total": "Totaal",
    "xlsx.costs.present_value": "Contante waarde",
    "costs.head": "Kosten     kostenset {id} {version} ({title}); euro's {btw} btw, prijspeil {price_level}{index}",
    "costs.indexed": ", geïndexeerd x{factor}",
    "costs.btw_included": "incl.",
    "costs.btw_excluded": "excl.",
    "costs.col.facility": "Voorziening",
    "costs.col.shortfall": "Tekort",
    "costs.col.investment": "Investering",
    "costs.col.planned": "Gepland",
    "costs.col.upkeep": "Exploit./jr",
    "costs.total": "Totaal",
    "costs.account": (
        "Exploitatie {first}-{last} ({horizon} jaar): investering, exploitatie en vervanging van "
        "wat gepland en wat tekort is, prijspeil {price_level}, verdisconteerd naar {first} tegen "
        "{rate} per jaar: contante waarde {pv}, {annuity} per jaar (onverdisconteerde som {plain})."
    ),
    "costs.invested": "Investeren {shown}{more}; {when}.",
    "costs.invested_more": " en nog {count} jaren",
    "costs.when_timeline": "elk tekort in het eerste jaar dat de voorziening tekortschiet op de tijdlijn",
    "costs.when_first": "elk tekort in {first} (--timeline legt het in het eerste jaar van tekort)",
    "costs.shared": (
        "Meervoudig gebruik spaart {saved} aan bouw en {kept} per jaar aan exploitatie: uitgeleende"
        " vloer die niet gebouwd hoeft te worden."
    ),
    "costs.letting": (
        "Verhuur   levert {income} per jaar op tegen de tarieven van het programma, in mindering op de kosten."
    ),
    "costs.not_costed": "Niet begroot {listed}.",
    "costs.provenance": (
        "Herkomst   kosten: {counts} kengetallen (normcheck norms costs {id} geeft elk met zijn "
        "bron); disconteringsvoet: {status}."
    ),
    "costs.status.sourced": "met bron",
    "costs.status.derived": "afgeleid",
    "costs.status.assumed": "aangenomen",
    "costs.status.scenario": "scenario",
    "costs.md.head": "**Kosten** ({id} {version}, euro's prijspeil {price_level}, btw {btw})",
    "costs.md.columns": (
        "| Voorziening | Tekort | Investering | Geplande investering | Exploitatie van de behoefte per jaar |"
    ),
    "costs.md.total": "**Totaal**",
    "costs.md.account": (
        "Exploitatie {first}-{last}: contante waarde {pv} tegen {rate} per jaar, {annuity} per jaar"
        " over {horizon} jaar."
    ),
    "costs.md.not_costed": "Niet begroot: {listed}.",
    "costs.md.btw_included": "inbegrepen",
    "costs.md.btw_excluded": "niet inbegrepen",
    # -- markdown: de tijdlijn en de ruimte van een plan (issue #15: elk formaat zegt wat het toont) --
    "md.timeline.heading": "**Tijdlijn** {span}",
    "md.timeline.columns": "| Voorziening | Hoogste behoefte | Eerste jaar tekort | Tekort tot | Jaren tekort |",
    "md.capacity": (
        "Plan {name} ({id}) laat voor deze behoefte ruimte die {status} is; de rijen staan alleen in "
        "--format table en json."
    ),
    # -- einde van het markdown-blok --
}
