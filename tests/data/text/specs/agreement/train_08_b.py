"""Second annotation (blind to the first) of tests/data/text/train_08.txt."""

SPEC = {
    "document": "tests/data/text/train_08.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-12-15",
    "genre": "op-ed",
    "split": "second annotation (agreement, round 7)",
    "surfaces": {
        "ARE": ["United Arab Emirates", "UAE", "Emiratis", "Emirati", "Abu Dhabi"],
        "ISR": ["Israel", "Israeli", "Prime Minister Netanyahu"],
        "BHR": ["Bahrain"],
        "SDN": ["Sudan"],
        "MAR": ["Morocco"],
        "USA": ["American", "Washington", "Trump administration", "President-elect Biden"],
        "SAU": ["Saudi Arabia", "Riyadh", "King Salman"],
        "PSE": ["Palestinian Authority", "Palestinian", "Palestinians"],
        "IRN": ["Tehran", "Iran"],
        "TUR": ["President Erdogan"],
    },
    "exclude": [("Abu Dhabi", 2)],
    "relations": [
        ("ARE", "ISR", 1, "asserted", "On 13 August the United", "UAE and Bahrain."),
        ("BHR", "ISR", 1, "asserted", "On 13 August the United", "UAE and Bahrain."),
        ("ISR", "SDN", 1, "asserted", "Sudan agreed to normalise", "on 23 October."),
        ("ISR", "MAR", 1, "asserted", "Last Thursday Morocco", "Western Sahara."),
        ("MAR", "USA", 1, "asserted", "Last Thursday Morocco", "Western Sahara."),
        ("ARE", "USA", 1, "asserted", "These are real achievements", "to Abu Dhabi."),
        ("ISR", "SAU", 1, "asserted", "Saudi Arabia has not signed", "on 31 August."),
        ("ARE", "PSE", -1, "asserted", "The Palestinian Authority recalled", "a betrayal."),
        ("BHR", "PSE", -1, "asserted", "The Palestinian Authority recalled", "a betrayal."),
        ("ARE", "IRN", -1, "asserted", "Tehran called the Emirati", "with Abu Dhabi."),
        ("ARE", "TUR", -1, "asserted", "Tehran called the Emirati", "with Abu Dhabi."),
        ("ISR", "SAU", 1, "hypothetical", "Officials in the Trump", "to be next."),
        ("ISR", "SAU", 1, "negated", "I would not count on it", "a Palestinian state."),
        ("ARE", "USA", -1, "hypothetical", "If President-elect Biden", "will survive."),
        ("ARE", "ISR", 1, "hypothetical", "If President-elect Biden", "will survive."),
        ("ARE", "ISR", 1, "asserted", "It rests on trade", "American favours."),
        ("ARE", "IRN", -1, "asserted", "It rests on trade", "American favours."),
        ("IRN", "ISR", -1, "asserted", "It rests on trade", "American favours."),
        ("ISR", "PSE", -1, "hypothetical", "Normalisation that bypasses", "for years."),
    ],
    "events": [
        ("2020-08-13", "On 13 August the United Arab Emirates", "full diplomatic relations"),
        ("2020-09-15", "on 15 September Prime Minister", "UAE and Bahrain"),
        ("2020-10-23", "Sudan agreed to normalise", "on 23 October"),
        ("2020-12-10", "Last Thursday Morocco followed", "Western Sahara"),
        ("2020-11", "in November Washington notified", "to Abu Dhabi"),
        ("2020-08-31", "it let the first direct", "on 31 August"),
        (None, "The Palestinian Authority recalled", "UAE and Bahrain"),
        ("2020-08", "President Erdogan threatened in August", "with Abu Dhabi"),
    ],
    "claims": [
        (
            "officials in the Trump administration",
            None,
            "increase",
            "Officials in the Trump",
            "to be next.",
        ),
        (
            "the author",
            "while King Salman reigns",
            "decrease",
            "I would not count on it",
            "a Palestinian state.",
        ),
        (
            "the author",
            "President-elect Biden revisits the F-35 sale",
            "decrease",
            "If President-elect Biden",
            "will survive.",
        ),
        ("the author", None, "decrease", "Normalisation that bypasses", "for years."),
    ],
    "notes": [
        "Date: 'Last Thursday Morocco followed' (Morocco-Israel normalisation announced Thursday "
        "10 December 2020) and 'President-elect Biden' date the text to mid-December 2020 (2020-12-15).",
        "Mentions: 'at the White House' is a place (signing venue), not marked; 'Congress' and "
        "'Democrats in Congress' not counted as USA mentions (a legislature, not the state acting "
        "abroad); 'the Trump administration' and 'President-elect Biden' counted as USA (the "
        "government; the leader-to-be acting on US policy).",
        "'the first direct Israeli passenger flight' counted as ISR (a state's flight); 'to Abu Dhabi' "
        "there is a destination (place), excluded. 'Western Sahara', 'the West Bank', 'Gaza' are places, "
        "not actors. 'the Palestinians', 'the Palestinian leadership' and 'a Palestinian state' counted as PSE.",
        "'Four Arab governments have made their peace with Israel' names only one actor: no relation.",
        "'Last Thursday Morocco followed' marked MAR-ISR +1 (the pair is resolved from the paragraph: "
        "following into normalisation with Israel) and MAR-USA +1 (American recognition as reward).",
        "Saudi sentence: 'has not signed anything, but it let the ... Israeli ... flight ... cross its "
        "airspace' - one relation per pair and sentence: kept as asserted +1 (the concrete cooperation), "
        "not negated.",
        "Erdogan 'threatened ... to suspend diplomatic relations': an asserted threat, so asserted -1.",
        "'Officials ... expect Riyadh to be next': ISR-SAU +1 hypothetical (Israel resolved from "
        "context) and a claim held by those officials. 'I would not count on it while King Salman "
        "reigns': ISR-SAU +1 negated; claim direction decrease (what is expected: no normalisation), "
        "condition 'while King Salman reigns' (borderline: temporal/causal rather than an if).",
        "'It rests on trade and a shared fear of Iran, not on American favours': 'It' = the "
        "Israeli-Emirati partnership (ARE-ISR +1 asserted); 'shared fear of Iran' read as ARE-IRN and "
        "ISR-IRN conflict; 'not on American favours' not marked as a US relation. Not marked as a claim.",
        "Events: the Palestinian recall of ambassadors is a single undated happening (null); Tehran's "
        "statement is not marked as an event.",
    ],
}
