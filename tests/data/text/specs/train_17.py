"""Gold spec of train_17 (a panel report on Chinese lending in Africa, 2018)."""

SPEC = {
    "document": "tests/data/text/train_17.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2018-10-25",
    "genre": "panel report",
    "split": "development (written for training, round 7)",
    "surfaces": {
        "CHN": ["China", "Chinese", "Beijing", "President Xi"],
        "KEN": ["Kenya", "Nairobi"],
        "ETH": ["Ethiopia", "Prime Minister Abiy"],
        "DJI": ["Djibouti"],
        "USA": ["Washington", "American", "President Trump"],
        "SLE": ["Sierra Leone"],
    },
    "exclude": [("Nairobi", 1), ("Chinese", 2), ("Beijing", 1)],
    "relations": [
        ("CHN", "KEN", 1, "asserted", "Kenya's new railway", "Export-Import Bank."),
        ("DJI", "ETH", 1, "asserted", "Ethiopia and Djibouti share", "the same way."),
        ("CHN", "ETH", 1, "asserted", "Ethiopia and Djibouti share", "the same way."),
        ("CHN", "DJI", 1, "asserted", "Ethiopia and Djibouti share", "the same way."),
        ("CHN", "KEN", 1, "asserted", "China holds about seven-tenths", "any other creditor."),
        ("CHN", "DJI", 1, "asserted", "China holds about seven-tenths", "any other creditor."),
        ("CHN", "USA", -1, "asserted", "In March the then secretary", "compete with Beijing."),
        (
            "CHN",
            "ETH",
            1,
            "asserted",
            "After the summit Prime Minister Abiy",
            "China was to finance.",
        ),
        (
            "CHN",
            "SLE",
            -1,
            "asserted",
            "After the summit Prime Minister Abiy",
            "China was to finance.",
        ),
        ("CHN", "ETH", 1, "hypothetical", "The Ethiopian economists thought", "such as Ethiopia."),
        ("DJI", "USA", -1, "hypothetical", "All agreed that Djibouti", "the Chinese base."),
    ],
    "events": [
        ("2018-10-23", "The panel, held in Nairobi on 23 October", None),
        ("2018-09", "At a summit with African leaders", "to the continent"),
        ("2017-05", "Kenya's new railway, opened in May 2017", None),
        ("2017-08", "China's first overseas military base since August 2017", None),
        ("2018-03", "In March the then secretary of state", "breeds dependency"),
        ("2018-10-05", "on 5 October President Trump signed", "compete with Beijing"),
        ("2018-09", "After the summit Prime Minister Abiy said", "ten to thirty years"),
        ("2018-10", "this month Sierra Leone cancelled", "China was to finance"),
    ],
    "claims": [
        (
            "the European banker",
            "commodity prices stay low",
            "decrease",
            "The European banker expected",
            "stay low.",
        ),
        (
            "the Ethiopian economists",
            None,
            "increase",
            "The Ethiopian economists thought",
            "such as Ethiopia.",
        ),
        (
            "the speakers",
            "it cannot pay",
            "decrease",
            "All agreed that Djibouti",
            "the Chinese base.",
        ),
    ],
    "notes": [
        "'a scholar from a Chinese university' is a person, not an agent of the state: excluded. "
        "'Chinese lending' (title) and 'their Chinese contracts' are read as the state's lending "
        "(Chinese state banks), like 'Australian barley', and kept as CHN mentions; 'the Chinese "
        "base' is the state's military. 'The Ethiopian economists' are people; 'Ethiopian' is not "
        "a surface of this text.",
        "'economists from Kenya and Ethiopia': the state names are kept as mentions (a state name "
        "used as a location is a mention); 'held in Nairobi' and 'a summit ... in Beijing' are places, "
        "excluded.",
        "'President Xi pledged another 60 billion dollars to the continent': the continent is no "
        "actor, so no relation; the summit is an event (2018-09).",
        "'Ethiopia and Djibouti share an electric railway financed the same way': the shared line is "
        "DJI-ETH +1, and 'financed the same way' (Chinese loans, from the previous sentence) gives "
        "CHN-ETH and CHN-DJI +1.",
        "Lending and debt ('China holds about seven-tenths of Kenya's bilateral debt', Djibouti 'owes "
        "Beijing more than any other creditor') are read as +1 (financial ties), not as conflict: "
        "the sentence states dependence but no dispute. Hosting China's base is +1 in the same "
        "sentence and pair (one relation).",
        "The Tillerson/BUILD Act sentence: accusing China of predatory lending and a law to 'compete "
        "with Beijing' are both CHN-USA -1 (one relation for the sentence). 'the then secretary of "
        "state, Rex Tillerson' has no surface form of the state (a minister's name, not a leader "
        "named with a state's title), so the USA mention is 'President Trump'.",
        "'Prime Minister Abiy said Beijing had agreed to stretch Ethiopia's railway loan' (+1) and "
        "'Sierra Leone cancelled an airport that China was to finance' (-1) share one sentence; both "
        "relations marked. The Abiy event is dated 2018-09 ('After the summit' of early September).",
        "'has hosted China's first overseas military base since August 2017': 'since X' gives X as "
        "the event's date (guidelines), 2017-08.",
        "'All agreed that ...' has the holder 'the speakers'. 'if it cannot pay, its relations with "
        "Washington will suffer, since American forces share the country with the Chinese base': "
        "DJI-USA -1 hypothetical; no CHN-USA relation is stated (the two bases' sharing the country "
        "is given as the reason, not as a stance between them).",
        "'The European banker expected more governments to review their Chinese contracts if "
        "commodity prices stay low' names no state on the borrowers' side, so it is a claim "
        "(direction decrease) without a relation.",
    ],
}
