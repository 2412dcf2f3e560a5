"""Gold spec of train_18 (a policy brief on Mexico-US trade and migration after the June 2019 deal)."""

SPEC = {
    "document": "tests/data/text/train_18.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2019-07-31",
    "genre": "policy brief",
    "split": "development (written for training, round 7)",
    "surfaces": {
        "MEX": ["Mexico", "Mexican", "Mexico City"],
        "USA": ["United States", "US", "White House", "Washington", "President Trump"],
        "GTM": ["Guatemala"],
        "HND": ["Honduras"],
        "SLV": ["El Salvador"],
    },
    "exclude": [("Washington", 1)],
    "relations": [
        ("MEX", "USA", -1, "asserted", "Two months after President Trump", "politics than ever."),
        ("MEX", "USA", 1, "asserted", "Two months after President Trump", "politics than ever."),
        ("MEX", "USA", -1, "asserted", "On 30 May the White House", "the US border."),
        ("MEX", "USA", 1, "asserted", "After three days of talks", "suspended indefinitely."),
        ("MEX", "USA", 1, "asserted", "Mexico deployed its new National Guard", "cases are heard."),
        ("MEX", "USA", -1, "hypothetical", "The threat worked", "used again."),
        ("MEX", "USA", -1, "hypothetical", "Mexican officials expect", "in the autumn."),
        ("GTM", "USA", 1, "asserted", "On 26 July Guatemala signed", "tax on remittances."),
        ("GTM", "USA", -1, "asserted", "On 26 July Guatemala signed", "tax on remittances."),
        ("MEX", "USA", 1, "negated", "Mexico has refused to sign one.", None),
        ("MEX", "USA", 1, "asserted", "On 19 June Mexico's Senate", "has not voted."),
        ("MEX", "USA", 1, "hypothetical", "If the agreement stalls there", "this year."),
        ("GTM", "MEX", 1, "hypothetical", "We recommend that Mexico City", "for the USMCA."),
        ("HND", "MEX", 1, "hypothetical", "We recommend that Mexico City", "for the USMCA."),
        ("MEX", "SLV", 1, "hypothetical", "We recommend that Mexico City", "for the USMCA."),
    ],
    "events": [
        ("2019-05", "Two months after President Trump threatened", "every Mexican import"),
        ("2019-05-30", "On 30 May the White House announced", "the US border"),
        ("2019-06", "After three days of talks in Washington", None),
        ("2019-06-07", "the two governments issued a joint declaration", "on 7 June"),
        ("2019-06-07", "the tariffs were suspended indefinitely", None),
        (None, "Mexico deployed its new National Guard", "its southern border"),
        ("2019-07-26", "On 26 July Guatemala signed", "with the United States"),
        ("2019-07", "days after President Trump threatened it", "tax on remittances"),
        ("2019-06-19", "On 19 June Mexico's Senate ratified", "the USMCA"),
        ("2018-12", "the development plan it proposed in December", None),
    ],
    "claims": [
        ("the brief", None, "decrease", "The threat worked", "used again."),
        (
            "Mexican officials",
            "crossings rise again in the autumn",
            "decrease",
            "Mexican officials expect",
            "in the autumn.",
        ),
        (
            "the brief",
            "the agreement stalls there",
            "decrease",
            "If the agreement stalls there",
            "this year.",
        ),
    ],
    "notes": [
        "The opening sentence states both a -1 (the tariff threat) and a +1 (record trade between "
        "the two) for MEX-USA; both are marked. Its 'Two months after President Trump threatened "
        "tariffs' is the same happening as the dated 30 May announcement; it is marked as an event "
        "of its own (2019-05, two months before the document date) because it is a separate "
        "datable reference in another sentence.",
        "'every Mexican import' is the state's goods (mention, as 'Australian barley'); 'Mexican "
        "officials' are agents of the state (mention). 'talks in Washington' is a place (excluded); "
        "'Mexico City' is the government as a doer ('We recommend that Mexico City keep ...'); "
        "'the US border', 'the US Congress' are mentions of USA; 'White House' stands for the US "
        "government like 'the Kremlin'.",
        "'Mexico deployed its new National Guard ... and agreed to take back more asylum seekers': "
        "the US is not named in the sentence; the pair is resolved from the paragraph's deal (+1 "
        "asserted). The deployment has no date phrase of its own; it is marked as an event with "
        "date null (a single concrete happening).",
        "'the tariffs were suspended indefinitely' shares the sentence of the 7 June declaration "
        "and is dated 2019-06-07 from it.",
        "'The threat worked, and it will be used again': a forward-looking claim of the brief; the "
        "pair MEX-USA is resolved from the paragraph (-1 hypothetical, the threat's reuse).",
        "List items are ordinary sentences; 'The truce is conditional', 'The pressure is moving "
        "south', 'Trade is now hostage to migration' are headings of the risks, not marked as claims "
        "(no forward, conditional or causal statement of their own beyond the sentences that "
        "follow).",
        "'Mexico has refused to sign one' (a safe-third-country agreement with the United States, "
        "from the previous sentence): +1 (an agreement) negated.",
        "'On 19 June Mexico's Senate ratified the new North American trade agreement ...; the US "
        "Congress has not voted': ratification of a trade agreement with the US is MEX-USA +1 "
        "(asserted; the US side's not having voted is the same pair and sign, one relation).",
        "'If the agreement stalls there, Mexico will lose the predictability that made it the "
        "largest trading partner of the United States': MEX-USA +1 (trade partnership) "
        "hypothetical, direction decrease.",
        "The recommendation to 'work with Guatemala, Honduras and El Salvador' is +1 hypothetical "
        "with each; recommendations are not claims (not forward-looking statements of what will "
        "happen).",
        "'days after President Trump threatened it' is dated to the month (2019-07): 'days after' "
        "gives no exact day.",
    ],
}
