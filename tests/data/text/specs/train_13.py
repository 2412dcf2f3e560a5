"""Gold spec of train_13 (an interview on the Ethiopia-Eritrea peace, 2018)."""

SPEC = {
    "document": "tests/data/text/train_13.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2018-11-20",
    "genre": "interview",
    "split": "development (written for training, round 7)",
    "surfaces": {
        "ETH": ["Ethiopia", "Addis Ababa", "Prime Minister Abiy"],
        "ERI": ["Eritrea", "Eritrean", "Asmara", "President Isaias"],
        "ARE": ["United Arab Emirates", "UAE", "Abu Dhabi"],
        "SAU": ["Saudi Arabia"],
        "UN": ["UN"],
        "SOM": ["Somalia"],
        "DJI": ["Djibouti"],
    },
    "exclude": [("Asmara", 1), ("Abu Dhabi", 1)],
    "relations": [
        ("ERI", "ETH", 1, "asserted", "Twenty years after their border war", "are at peace."),
        ("ERI", "ETH", -1, "asserted", "Twenty years after their border war", "are at peace."),
        ("ERI", "ETH", 1, "asserted", "In June the ruling coalition", "Badme to Eritrea."),
        ("ERI", "ETH", 1, "asserted", "On 9 July Prime Minister Abiy", "embassy in Ethiopia."),
        ("ARE", "ERI", 1, "asserted", "The United Arab Emirates hosted", "Jeddah in September."),
        ("ARE", "ETH", 1, "asserted", "The United Arab Emirates hosted", "Jeddah in September."),
        ("ERI", "ETH", 1, "asserted", "The United Arab Emirates hosted", "Jeddah in September."),
        ("ERI", "SAU", 1, "asserted", "The United Arab Emirates hosted", "Jeddah in September."),
        ("ETH", "SAU", 1, "asserted", "The United Arab Emirates hosted", "Jeddah in September."),
        ("ARE", "ERI", 1, "asserted", "The UAE already uses", "as a military base."),
        (
            "ERI",
            "UN",
            1,
            "asserted",
            "Last week the UN Security Council",
            "rather than against it.",
        ),
        (
            "ERI",
            "ETH",
            1,
            "asserted",
            "Last week the UN Security Council",
            "rather than against it.",
        ),
        ("ERI", "ETH", 1, "asserted", "Asmara also hosted a summit", "Somalia in September."),
        ("ERI", "SOM", 1, "asserted", "Asmara also hosted a summit", "Somalia in September."),
        ("ETH", "SOM", 1, "asserted", "Asmara also hosted a summit", "Somalia in September."),
        ("ERI", "ETH", -1, "hypothetical", "If the Tigrayan leaders", "as they warmed."),
        ("ERI", "ETH", 1, "hypothetical", "Still, Ethiopia will shift", "keep the peace."),
    ],
    "events": [
        ("2018-06", "In June the ruling coalition said", "Badme to Eritrea"),
        ("2002", "the 2002 boundary ruling", None),
        ("2018-07-09", "On 9 July Prime Minister Abiy", "ending the state of war"),
        ("2018-07-16", "a week later Eritrea reopened", "embassy in Ethiopia"),
        ("2018-07", "The United Arab Emirates hosted", "Abu Dhabi in July"),
        ("2018-09", "Saudi Arabia staged a second signing", "Jeddah in September"),
        ("2018-11", "Last week the UN Security Council lifted", "sanctions on Eritrea"),
        ("2018-09", "Asmara also hosted a summit", "Somalia in September"),
        ("2018-09", "the border crossings opened in September", None),
    ],
    "claims": [
        (
            "the interviewee",
            None,
            "increase",
            "Both Gulf monarchies want calm",
            "keep paying for it.",
        ),
        (
            "the interviewee",
            "the Tigrayan leaders who run the border region keep blocking the demarcation",
            "decrease",
            "If the Tigrayan leaders",
            "as they warmed.",
        ),
        (
            "the interviewee",
            None,
            "decrease",
            "I would not be surprised",
            "within a year.",
        ),
        (
            "the interviewee",
            "once the roads are repaired",
            "increase",
            "Still, Ethiopia will shift",
            "keep the peace.",
        ),
    ],
    "notes": [
        "'Twenty years after their border war, Ethiopia and Eritrea are at peace': both a +1 (at peace) "
        "and a -1 (their border war) relation are stated in one sentence, so both are marked; the "
        "war itself has no datable phrase of its own ('twenty years after' dates nothing), so no event.",
        "'It began in Addis Ababa' is read as the Ethiopian government acting (the capital as a doer), "
        "so it is a mention of ETH; 'a declaration in Asmara' and 'in Abu Dhabi' are places, excluded.",
        "'the ruling coalition said Ethiopia would fully accept the 2002 boundary ruling that gave Badme "
        "to Eritrea': the 'would' is reported speech of a decision taken, so the +1 is asserted, not "
        "hypothetical; accepting a ruling in the other side's favour is read as conciliation (+1).",
        "The UAE/Saudi sentence: hosting both leaders and staging their signing is read as +1 of each "
        "Gulf state with each of Ethiopia and Eritrea, and the signing itself as ERI-ETH +1 (pair "
        "resolved from 'both leaders' / 'a second signing').",
        "'the UN Security Council lifted its sanctions on Eritrea' is marked ERI-UN +1 (lifting "
        "sanctions is a step of rapprochement; the -1 of the sanctions is not stated as current).",
        "A summit hosted by Eritrea with Ethiopia and Somalia gives +1 for all three pairs.",
        "'Badme has not been handed over' names no actor pair in the sentence; no relation marked.",
        "'I would not be surprised if the border crossings ... closed again within a year': the 'if' "
        "introduces the forecast itself, not a condition, so the condition is null; direction "
        "decrease. The crossings' opening 'in September' inside it is marked as an event (2018-09).",
        "'once the roads are repaired' is taken as the condition of the trade-shift claim (a "
        "temporal condition); the shift 'from Djibouti' is not marked as a DJI-ETH relation (a change "
        "of trade route, not a stated stance between the two).",
        "'Both Gulf monarchies want calm ... and they will keep paying for it' is a forward-looking "
        "claim of the interviewee with direction increase; it names no actor, so no relation.",
        "'Last week' in a text dated 2018-11-20 is normalised to the month (2018-11).",
    ],
}
