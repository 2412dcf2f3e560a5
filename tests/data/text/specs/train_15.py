"""Gold spec of train_15 (a news analysis of Bolivia's foreign-policy turn after Morales, 2019)."""

SPEC = {
    "document": "tests/data/text/train_15.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2019-12-16",
    "genre": "news analysis",
    "split": "development (written for training, round 7)",
    "surfaces": {
        "BOL": ["Bolivia", "Bolivian", "La Paz"],
        "OAS": ["Organization of American States"],
        "VEN": ["Venezuelan", "Caracas"],
        "CUB": ["Cuba", "Havana"],
        "USA": ["United States", "American", "Washington"],
        "MEX": ["Mexico"],
        "ARG": ["Argentina", "President Alberto Fernández"],
        "BRA": ["Brazil", "President Bolsonaro", "Brasília"],
    },
    "exclude": [("La Paz", 2)],
    "relations": [
        ("BOL", "VEN", -1, "asserted", "In mid-November La Paz", "sent to Bolivia."),
        ("BOL", "CUB", -1, "asserted", "In mid-November La Paz", "sent to Bolivia."),
        ("BOL", "CUB", -1, "asserted", "Bolivia has also quit", "founded together."),
        ("BOL", "VEN", -1, "asserted", "Bolivia has also quit", "founded together."),
        ("CUB", "VEN", 1, "asserted", "Bolivia has also quit", "founded together."),
        ("BOL", "USA", 1, "asserted", "In late November Áñez", "the American envoy."),
        ("BOL", "USA", -1, "asserted", "In late November Áñez", "the American envoy."),
        ("ARG", "BOL", -1, "asserted", "Mexico gave Morales asylum", "events a coup."),
        ("BOL", "BRA", 1, "asserted", "Brazil's President Bolsonaro", "within days."),
        ("BOL", "MEX", -1, "asserted", "Mexico's embassy in La Paz", "interim government."),
        ("BOL", "USA", 1, "hypothetical", "If Morales's party loses it", "for years."),
        ("BOL", "BRA", 1, "hypothetical", "If Morales's party loses it", "for years."),
        ("BOL", "VEN", 1, "hypothetical", "If it wins", "swung away."),
        ("BOL", "MEX", -1, "hypothetical", "Either way", "from exile."),
        ("ARG", "BOL", -1, "hypothetical", "Either way", "from exile."),
    ],
    "events": [
        ("2019-11-10", "Evo Morales resigned on 10 November", None),
        ("2019-11-10", "the Organization of American States reported", "serious irregularities"),
        ("2019-10", "the October election", None),
        ("2019-11-12", "Jeanine Áñez declared herself", "two days later"),
        ("2019-11", "In mid-November La Paz ordered", "out of the country"),
        ("2019-11", "Cuba recalled the hundreds of doctors", "sent to Bolivia"),
        (None, "Bolivia has also quit the regional bloc", None),
        ("2019-11", "In late November Áñez named", "to the United States"),
        ("2008", "since 2008, when Morales expelled", "the American envoy"),
        ("2019-11-11", "Mexico gave Morales asylum", "on 11 November"),
        ("2019-12-12", "he moved to Argentina on 12 December", None),
        ("2019-11", "Brazil's President Bolsonaro recognised", "within days"),
    ],
    "claims": [
        (
            "diplomats in the region",
            None,
            "increase",
            "Diplomats in the region expect",
            "outlast the caretakers.",
        ),
        (
            "diplomats in the region",
            "Morales's party loses it",
            "increase",
            "If Morales's party loses it",
            "for years.",
        ),
        ("diplomats in the region", "it wins", "increase", "If it wins", "swung away."),
        ("diplomats in the region", None, "decrease", "Either way", "from exile."),
    ],
    "notes": [
        "Bare names of leaders without a title (Morales, Áñez, 'Jeanine Áñez') are not mentions, as "
        "in heldout_14 (Maduro, Guaidó); 'President Alberto Fernández' and 'Brazil's President "
        "Bolsonaro' are titled and are mentions.",
        "'La Paz ordered', 'La Paz could swing' are the state (seat of government as a doer); 'embassy "
        "in La Paz' is a place and is excluded. 'sent to Bolivia' and 'moved to Argentina' are state "
        "names used as locations, so mentions.",
        "'Organization of American States' is coded OAS (the bloc's usual code); the 'American' "
        "inside it is not a separate USA mention (the longer match wins). 'the American envoy' is an "
        "agent of the state, a USA mention.",
        "The OAS report on the election names no second actor (Bolivia is not named in that "
        "sentence, only Morales), so no BOL-OAS relation is marked.",
        "'Bolivia has also quit the regional bloc that Caracas and Havana founded together': leaving "
        "the bloc is -1 with each founder, and founding it together is CUB-VEN +1. The bloc (ALBA) is "
        "not named, so it is no actor. The exit has no datable phrase (it followed the mid-November "
        "expulsions but the text does not date it), so it is an event with date null.",
        "'In late November Áñez named the first Bolivian ambassador to the United States since 2008, "
        "when Morales expelled the American envoy': +1 (ambassador named) and -1 (the 2008 "
        "expulsion) between the same pair in one sentence; both marked.",
        "'Mexico gave Morales asylum ...; he moved to Argentina ..., where President Alberto "
        "Fernández calls the events a coup': calling the change of government in Bolivia a coup is "
        "read as ARG-BOL -1 (pair resolved from the paragraph, 'the events' being Bolivia's). "
        "Asylum given to a person is not marked as a MEX-BOL relation (no stance toward the state "
        "is stated in that clause); the next sentence's embassy dispute is.",
        "'Diplomats in the region' is the holder of the paragraph's first sentence and carries over "
        "to the three later claims of the same paragraph. The first claim ('expect the reversal to "
        "outlast the caretakers') is forward-looking, direction increase (the turn lasting).",
        "'If it wins, La Paz could swing back towards Caracas': the pair is BOL-VEN +1 hypothetical, "
        "direction increase (the relation improving).",
        "'The annulled vote is to be rerun next year' is a planned, not a past, happening; no event.",
        "'Either way, relations with Mexico and Argentina will stay cool while Morales campaigns "
        "from exile': 'while ...' is read as a time frame, not a condition (condition null).",
    ],
}
