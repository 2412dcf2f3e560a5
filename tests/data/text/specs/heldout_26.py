"""Gold spec of heldout_26 (op-ed, Poland, the Baltic states, Germany and Russia on NATO's eastern flank)."""

SPEC = {
    "document": "tests/data/text/heldout_26.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-09-10",
    "genre": "op-ed",
    "split": "held-out round 7 (development since round 8)",
    "surfaces": {
        "DEU": ["Germany", "German", "Berlin", "Chancellor Merkel"],
        "USA": ["Washington", "American", "President Trump", "Pentagon"],
        "POL": ["Poland", "Warsaw"],
        "LTU": ["Lithuania", "Vilnius"],
        "LVA": ["Latvia", "Riga"],
        "EST": ["Estonia"],
        "RUS": ["Russian", "Moscow", "President Putin"],
        "BLR": ["Lukashenko"],
        "NATO": ["NATO"],
    },
    "exclude": [("Warsaw", 1), ("Berlin", 3)],
    "relations": [
        ("DEU", "LTU", 1, "asserted", "Germany leads the one", None),
        ("DEU", "LTU", 1, "asserted", "That was Berlin's promise", "has been kept."),
        ("DEU", "USA", -1, "asserted", "In June President Trump", "almost 12,000."),
        ("POL", "USA", 1, "asserted", "Warsaw, by contrast", "troops to Poland."),
        ("BLR", "RUS", 1, "asserted", "President Putin said", "onto the streets."),
        ("BLR", "LTU", -1, "asserted", "Four days later Lithuania", "their territory."),
        ("BLR", "LVA", -1, "asserted", "Four days later Lithuania", "their territory."),
        ("BLR", "EST", -1, "asserted", "Four days later Lithuania", "their territory."),
        ("LTU", "POL", 1, "asserted", "Nothing has pushed", "this crisis."),
        ("LVA", "POL", 1, "asserted", "Nothing has pushed", "this crisis."),
        ("DEU", "RUS", -1, "asserted", "On 2 September the German", "Russian government."),
        ("POL", "RUS", -1, "asserted", "Warsaw has opposed", "from the start."),
        ("DEU", "POL", -1, "asserted", "Warsaw has opposed", "from the start."),
        ("DEU", "RUS", 1, "asserted", "Warsaw has opposed", "from the start."),
        ("DEU", "POL", -1, "hypothetical", "If Germany finishes it", "will sour."),
        ("DEU", "LTU", -1, "hypothetical", "If Germany finishes it", "will sour."),
        ("DEU", "USA", 1, "hypothetical", "The flank will hold", "in Poland alone."),
    ],
    "events": [
        ("2016", "Four years ago, at the NATO summit", "most exposed"),
        ("2017", "The four battalions that arrived", "in 2017"),
        ("2020-06", "In June President Trump announced", "out of Germany"),
        ("2020-07-29", "on 29 July the Pentagon", "almost 12,000"),
        ("2020-08-15", "on 15 August it signed", "with Washington"),
        ("2020-08-27", "President Putin said on 27 August", "help Lukashenko"),
        ("2020-08-09", "disputed re-election on 9 August", None),
        ("2020-08-31", "Four days later Lithuania", "their territory"),
        ("2020-09-02", "On 2 September the German", "poisoned with Novichok"),
        ("2019-12", "American sanctions halted", "last December"),
    ],
    "claims": [
        ("the author", None, "increase", "Nothing has pushed", "this crisis."),
        (
            "the author",
            "Germany finishes it now, after Navalny",
            "decrease",
            "If Germany finishes it",
            "will sour.",
        ),
        ("the author", None, "increase", "Freezing the project", "in the east."),
        (
            "the author",
            "Berlin and Washington stand behind it together",
            "increase",
            "The flank will hold",
            "in Poland alone.",
        ),
    ],
    "notes": [
        "'the NATO summit in Warsaw' and 'flown to Berlin for treatment' use capitals as places: "
        "excluded. The title's 'Berlin' and 'Washington' stand for the states: kept. 'Poland, "
        "Estonia, Latvia and Lithuania' as where the battalions arrived are states used as locations: "
        "kept, with no relation (the sentence says nothing about how they relate).",
        "'Lukashenko' (named as Belarus's leader, whose title is disputed) is kept as a BLR mention; "
        "'Belarusians' (protesters) is not a surface form; 'Poles celebrated' are people: not listed.",
        "'pull thousands of American soldiers out of Germany': a troop withdrawal framed against "
        "Germany, read as a deterioration, USA-DEU -1; borderline.",
        "'Nothing has pushed Vilnius and Riga closer to Warsaw than this crisis': LTU-POL and LVA-POL "
        "+1 (not LTU-LVA), and a causal claim of the author (increase).",
        "'Warsaw has opposed the Russian-German Nord Stream 2': each state of the hyphenated pair is "
        "a mention; POL -1 with both; the joint Russian-German project read as DEU-RUS +1 asserted; "
        "borderline.",
        "'American sanctions halted its construction': only the US is named (the pipeline is 'its'), "
        "so no relation, but the event is dated 2019-12 ('last December').",
        "'If Germany finishes it now, after Navalny, Moscow will learn that nothing it does has a "
        "price': no DEU-RUS relation marked (no word of how the two relate, only the lesson Moscow "
        "draws); DEU-POL and DEU-LTU -1 hypothetical from 'relations ... will sour'.",
        "'it will not hold on American troops in Poland alone': the US troops' presence is not marked "
        "as a USA-POL relation (a location in a negated means); the claim's condition is the "
        "'if Berlin and Washington stand behind it together' half.",
        "The 2 September event is the German government's statement (span up to 'Novichok'); "
        "Merkel's demand for answers in the same sentence is not marked as a second event. "
        "Navalny's flight to Berlin has no date in the text: not an event.",
    ],
}
