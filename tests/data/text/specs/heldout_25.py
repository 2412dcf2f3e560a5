"""Gold spec of heldout_25 (panel report, Iran, Saudi Arabia and the Gulf after Abqaiq, 2019)."""

SPEC = {
    "document": "tests/data/text/heldout_25.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2019-12-10",
    "genre": "panel report",
    "split": "held-out round 7 (development since round 8)",
    "surfaces": {
        "SAU": ["Saudi Arabia", "Saudi", "Riyadh"],
        "ARE": ["UAE", "Emirati", "Abu Dhabi"],
        "IRN": ["Iran", "Iranian", "Tehran", "President Rouhani"],
        "USA": ["American", "Washington", "President Trump"],
        "JPN": ["Prime Minister Abe"],
        "PAK": ["Pakistan"],
        "UN": ["UN"],
    },
    "exclude": [("Emirati", 2), ("Iranian", 1)],
    "relations": [
        ("IRN", "JPN", 1, "asserted", "A month later two more", "to mediate."),
        ("IRN", "USA", -1, "asserted", "On 20 June Iran", "the last minute."),
        ("IRN", "USA", -1, "asserted", "The Houthis claimed", "denied any role."),
        ("IRN", "SAU", -1, "asserted", "The Houthis claimed", "denied any role."),
        ("SAU", "USA", 1, "asserted", "Washington sent more troops", "had joined."),
        ("ARE", "USA", 1, "asserted", "Washington sent more troops", "had joined."),
        ("IRN", "USA", -1, "negated", "But it did not strike Iran.", None),
        ("ARE", "IRN", 1, "asserted", "The UAE sent its coast guard", "in six years."),
        ("ARE", "SAU", 1, "asserted", "Emirati participants insisted", "with Riyadh."),
        ("IRN", "PAK", 1, "asserted", "In October Pakistan's", "Tehran and Riyadh."),
        ("PAK", "SAU", 1, "asserted", "In October Pakistan's", "Tehran and Riyadh."),
        ("IRN", "SAU", 1, "asserted", "In October Pakistan's", "Tehran and Riyadh."),
        ("IRN", "SAU", 1, "negated", "Riyadh showed no interest", "in September."),
        ("IRN", "USA", -1, "asserted", "An Iranian academic argued", "towards talks."),
        ("IRN", "SAU", 1, "hypothetical", "Most speakers expected", "through intermediaries."),
        ("IRN", "SAU", 1, "negated", "They saw no chance", "stay in place."),
        ("IRN", "USA", -1, "asserted", "They saw no chance", "stay in place."),
        ("IRN", "USA", -1, "hypothetical", "The chair was bleaker", "do not want."),
    ],
    "events": [
        ("2019-12-10", "a panel discussion held in London", "10 December 2019"),
        ("2019-05-12", "On 12 May four ships", "port of Fujairah"),
        ("2019-06", "A month later two more tankers were hit", "Gulf of Oman"),
        ("2019-06", "Prime Minister Abe was visiting Iran", "to mediate"),
        ("2019-06-20", "On 20 June Iran shot down", "the last minute"),
        ("2019-09-14", "on 14 September, drones", "Abqaiq and Khurais"),
        ("2019-10", "Washington sent more troops", "in October"),
        ("2019-11", "launched a maritime coalition in November", None),
        ("2019-07", "The UAE sent its coast guard", "in July"),
        ("2019-10", "In October Pakistan's", "Tehran and Riyadh"),
        ("2019-09", "presented at the UN in September", None),
    ],
    "claims": [
        ("an Iranian academic", None, "decrease", "An Iranian academic argued", "towards talks."),
        ("most speakers", None, "increase", "Most speakers expected", "through intermediaries."),
        (
            "most speakers",
            "American sanctions on Iran stay in place",
            "decrease",
            "They saw no chance",
            "stay in place.",
        ),
        (
            "the chair",
            "it kills American soldiers",
            "decrease",
            "The chair was bleaker",
            "do not want.",
        ),
    ],
    "notes": [
        "'Saudi tankers' and 'the Saudi oil plants' (state-owned shipping and Aramco plants) are the "
        "state's goods: SAU mentions; 'the Emirati port of Fujairah' is the state's territory: an ARE "
        "mention. 'Emirati participants' and 'An Iranian academic' are people, not agents: excluded. "
        "'the kingdom' is a description, not a surface form, so it is no mention. 'London' and 'the "
        "Gulf of Oman' are places (no actor listed for them).",
        "'presented at the UN in September': the organisation named as the venue is kept as a UN "
        "mention (like a state name used as a location); it has no relation.",
        "The 12 May sabotage and the 14 September strike name no perpetrator beside the victim, so "
        "they carry no relation; the Houthis are not a state. 'Washington and Riyadh blamed Tehran' "
        "gives USA-IRN and SAU-IRN -1; the joint blaming is not marked as a USA-SAU relation.",
        "'launched a maritime coalition in November, which Riyadh and Abu Dhabi had joined': USA-SAU "
        "and USA-ARE +1; SAU-ARE not marked (joining the same US coalition is not stated as a "
        "relation between the two). The coalition launch is dated 2019-11 (launched in Bahrain on 7 "
        "November; Bahrain is not named in the text).",
        "'Emirati participants insisted that nothing had changed in the alliance with Riyadh': the "
        "alliance is the UAE's (the paragraph's subject), so ARE-SAU +1 asserted although the only "
        "Emirati word is an excluded mention; borderline.",
        "'carried messages between Tehran and Riyadh': PAK +1 with each; IRN-SAU also marked +1 "
        "asserted (indirect contact through a mediator, consistent with 'keep talking through "
        "intermediaries' below); borderline (unlike 'hedging between', a channel is stated).",
        "'Riyadh showed no interest in President Rouhani's ... peace plan': +1 (interest in a peace "
        "plan) negated.",
        "'They saw no chance of a real rapprochement ... as long as American sanctions on Iran stay "
        "in place': 'They' = most speakers (holder carries over); the rapprochement is Riyadh-Tehran "
        "of the previous sentence; 'as long as' read as a condition.",
        "'President Trump called off a retaliatory strike' is kept inside the 20 June event (one "
        "span), not a separate event.",
    ],
}
