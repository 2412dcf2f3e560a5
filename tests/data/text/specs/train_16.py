"""Gold spec of train_16 (testimony on US policy toward Cuba after the reversal, 2019)."""

SPEC = {
    "document": "tests/data/text/train_16.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2019-06-20",
    "genre": "testimony",
    "split": "development (written for training, round 7)",
    "surfaces": {
        "USA": ["United States", "Washington", "President Obama", "President Trump"],
        "CUB": ["Cuba", "Cuban", "Havana"],
        "CAN": ["Canada"],
        "EU": ["European Union", "Brussels"],
        "VEN": ["Venezuela", "President Maduro"],
        "RUS": ["Russia", "Moscow"],
    },
    "exclude": [("Havana", 2)],
    "relations": [
        ("CUB", "USA", 1, "asserted", "Four years ago next month", "their embassies."),
        ("CUB", "USA", 1, "asserted", "In May 2015 Havana", "since 1928."),
        ("CUB", "USA", -1, "asserted", "Since then the opening", "largely undone."),
        ("CUB", "USA", -1, "asserted", "In June 2017 President Trump", "the Cuban military."),
        ("CUB", "USA", -1, "asserted", "After our diplomats in Havana", "that autumn."),
        ("CUB", "USA", -1, "asserted", "In May the administration", "ended cruise visits."),
        ("CAN", "CUB", 1, "asserted", "Canada remains Cuba's", "source of tourists."),
        ("CAN", "EU", 1, "asserted", "On 17 April the European Union", "a trade complaint."),
        ("EU", "USA", -1, "asserted", "On 17 April the European Union", "a trade complaint."),
        ("CAN", "USA", -1, "asserted", "On 17 April the European Union", "a trade complaint."),
        ("CUB", "VEN", -1, "negated", "Havana has not loosened", "President Maduro."),
        ("CUB", "VEN", 1, "asserted", "Cuban security advisers", "remain in Venezuela."),
        ("CUB", "RUS", 1, "hypothetical", "In my judgement", "lean harder on Moscow."),
        ("CUB", "USA", -1, "hypothetical", "In my judgement", "lean harder on Moscow."),
        ("CUB", "RUS", 1, "asserted", "Russia already stepped up", "in 2017."),
        ("CUB", "USA", 1, "asserted", "Engagement did not make Havana", "no longer has."),
    ],
    "events": [
        ("2015-07", "the United States and Cuba reopened", "their embassies"),
        ("2015-05", "In May 2015 Havana was taken off", "sponsors of terrorism"),
        ("2016-03", "in March 2016 President Obama became", "since 1928"),
        ("2017-06", "In June 2017 President Trump announced", "the Cuban military"),
        ("2017", "Washington withdrew most of its embassy staff", None),
        ("2017", "expelled fifteen Cuban diplomats that autumn", None),
        ("2019-05", "In May the administration allowed", "for the first time"),
        ("2019-06", "this month it ended cruise visits", None),
        ("2019-04-17", "On 17 April the European Union and Canada", "Title III suits"),
        ("2017", "Russia already stepped up", "in 2017"),
    ],
    "claims": [
        (
            "the author",
            "the administration keeps adding sanctions",
            "increase",
            "In my judgement",
            "lean harder on Moscow.",
        ),
        ("the author", None, "decrease", "Tighter sanctions will also hurt", "meant to help."),
        ("the author", None, "increase", "Engagement did not make Havana", "no longer has."),
    ],
    "notes": [
        "Testimony is one speaker's first-person text, so its claims are held by 'the author' (the "
        "guidelines' 'interviewee' is for Q/A answers; a witness's statement has no other holder).",
        "'our diplomats', 'Our partners have not followed us': 'our'/'us' are the United States "
        "(the witness speaks as an American) but pronouns are not mentions; 'Our partners have not "
        "followed us' names no partner, so no relation is marked on it.",
        "Sentences whose pair is not named in them are resolved to the paragraph's pair CUB-USA: "
        "'Since then the opening has been largely undone' (-1), 'In May the administration allowed "
        "lawsuits under Title III ... and this month it ended cruise visits' (-1; 'the "
        "administration' is the US government, not a surface mention).",
        "'In May 2015 Havana was taken off the list of state sponsors of terrorism, and in March 2016 "
        "President Obama became the first sitting president to visit Cuba since 1928': one CUB-USA "
        "+1 relation for the sentence; 1928 (Coolidge's visit) is a comparison inside the Obama "
        "event, not marked as an event of its own.",
        "'After our diplomats in Havana suffered unexplained injuries, Washington withdrew most of "
        "its embassy staff and expelled fifteen Cuban diplomats that autumn': 'in Havana' is a place "
        "(excluded). Two happenings share 'that autumn' (2017): both are marked as events.",
        "The joint EU-Canada warning against Title III suits: CAN-EU +1 (acting jointly) and -1 "
        "of each with the US (Title III is a US law; the US is resolved from the paragraph). "
        "'Brussels has said it will consider every option, including a trade complaint' is the same "
        "sentence and pair (EU-USA -1), so no second relation; it is a reported statement of the "
        "EU, not a claim.",
        "'Havana ... has not abandoned President Maduro' is -1 (abandon) negated, as 'Nor will "
        "Russia or China abandon Caracas' in heldout_14.",
        "'if the administration keeps adding sanctions, the Cuban government will lean harder on "
        "Moscow': CUB-RUS +1 hypothetical (the consequence) and CUB-USA -1 hypothetical (the "
        "sanctions in the if-part); the claim's direction is increase (closer Cuba-Russia ties).",
        "'Russia already stepped up its oil shipments to the island in 2017': 'the island' is Cuba "
        "(not a surface mention); CUB-RUS +1 asserted.",
        "'Engagement did not make Havana democratic, but it gave Washington an influence that it no "
        "longer has' is a causal judgement of the author (claim, direction increase: what engagement "
        "produced) and a CUB-USA +1 asserted relation (engagement).",
    ],
}
