"""Second annotation (blind to the first) of tests/data/text/train_02.txt."""

SPEC = {
    "document": "tests/data/text/train_02.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-01-15",
    "genre": "op-ed",
    "split": "second annotation (agreement, round 7)",
    "surfaces": {
        "DEU": ["Berlin", "German", "Germany", "Chancellor Merkel"],
        "USA": ["President Trump", "Washington"],
        "DNK": ["Denmark", "Copenhagen"],
        "RUS": ["Moscow", "Russian", "Russia", "President Putin"],
        "FRA": ["Paris"],
        "EU": ["EU", "European Commission"],
        "POL": ["Poland", "Warsaw"],
        "UKR": ["Ukraine", "Kyiv"],
    },
    "exclude": [("Moscow", 3)],
    "relations": [
        ("DEU", "USA", -1, "asserted", "Berlin protested that", "with its own ships."),
        ("DEU", "FRA", 1, "asserted", "In February 2019 Paris", "contesting in court."),
        ("DNK", "RUS", -1, "asserted", "Copenhagen, wary of", "until October 2019."),
        ("POL", "RUS", -1, "asserted", "Poland has fought the pipeline", "customers further west."),
        (
            "RUS",
            "UKR",
            -1,
            "hypothetical",
            "Poland has fought the pipeline",
            "customers further west.",
        ),
        ("RUS", "UKR", 1, "asserted", "With no new pipeline ready", "awarded Naftogaz."),
        ("DEU", "RUS", 1, "asserted", "On 11 January Chancellor", "pipeline completed."),
        ("DEU", "POL", -1, "hypothetical", "If Berlin insists", "outlast this administration."),
        ("DEU", "UKR", -1, "hypothetical", "If Berlin insists", "outlast this administration."),
        ("DEU", "USA", -1, "hypothetical", "If Berlin insists", "outlast this administration."),
        ("DEU", "UKR", 1, "hypothetical", "A binding German guarantee", "for little in Warsaw."),
        ("DEU", "POL", -1, "hypothetical", "A binding German guarantee", "for little in Warsaw."),
    ],
    "events": [
        ("2019-12-20", "President Trump signed a defence bill", "pipeline's contractors"),
        ("2019-12-21", "The next day the Swiss firm", "in the Baltic Sea"),
        ("2019-02", "In February 2019 Paris and Berlin struck", "EU gas directive"),
        ("2019-10", "Copenhagen, wary of", "until October 2019"),
        ("2019-12", "Moscow agreed in December", "with Kyiv"),
        ("2019-12", "Gazprom paid the $2.9 billion", "awarded Naftogaz"),
        ("2020-01-11", "On 11 January Chancellor Merkel told", "President Putin in Moscow"),
    ],
    "claims": [
        ("Poland", None, "decrease", "Poland has fought the pipeline", "customers further west."),
        ("the author", None, "increase", "With no new pipeline ready", "awarded Naftogaz."),
        (
            "the author",
            "Berlin insists on finishing it over the objections of Warsaw and Kyiv",
            "decrease",
            "If Berlin insists",
            "outlast this administration.",
        ),
        (
            "the author",
            "without one",
            "decrease",
            "A binding German guarantee",
            "for little in Warsaw.",
        ),
    ],
    "notes": [
        "Date: the text's latest event is Merkel's visit to Moscow on 11 January (2020); the "
        "Nord Stream 2 sanctions were signed 20 December 2019, so the document is dated mid-January 2020.",
        "'the Swiss firm Allseas', 'Gazprom', 'Naftogaz' and 'a Stockholm tribunal' are companies / "
        "a place, not agents of a state: no mention of CHE or SWE.",
        "'a Russian project on its seabed' counted as a RUS mention (a state's project, like 'Australian "
        "barley'); 'European energy policy' and 'European solidarity' are not actors.",
        "'President Putin in Moscow' (third 'Moscow') is a place: excluded. 'count for little in Warsaw' "
        "kept as POL: Warsaw stands for the Polish government there, not a place.",
        "'EU gas directive' and 'the European Commission' counted as EU mentions.",
        "P1: 'Moscow vowed to finish the job with its own ships' implies defiance of the US sanctions but "
        "does not state a Russia-US relation: not marked. Trump's sanctions target contractors (no "
        "second actor named): no relation.",
        "P2: 'Poland has fought the pipeline' read as POL-RUS conflict (the pipeline is Russia's); the "
        "argument 'it would let Russia cut off Ukraine' gives a hypothetical RUS-UKR conflict and a claim held by 'Poland'.",
        "P3: 'brokered by Germany and the European Commission' not marked as DEU/EU relations with either "
        "side (mediators); the transit contract is RUS-UKR +1. The 'With no new pipeline ready' sentence "
        "marked as a causal claim (the delay pushed Moscow into the deal) held by the author, increase.",
        "P4: Merkel telling Putin she wants the pipeline completed marked DEU-RUS +1 (shared project, a visit).",
        "Last sentence: the guarantee 'would be the better course' gives hypothetical DEU-UKR +1; 'Germany's "
        "word ... will count for little in Warsaw' read as hypothetical DEU-POL -1; the claim takes the "
        "'without one' condition, direction decrease.",
        "Events: 'Berlin protested' and 'Moscow vowed' are statements, not marked as events; the "
        "Allseas halt dated 'the next day' = 2019-12-21; Copenhagen's permit (withheld until October "
        "2019) dated 2019-10; Gazprom's payment shares the December of its sentence.",
    ],
}
