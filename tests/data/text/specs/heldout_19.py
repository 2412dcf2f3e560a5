"""Gold spec of heldout_19 (South Caucasus, interview), held-out round 7."""

SPEC = {
    "document": "tests/data/text/heldout_19.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-11-20",
    "genre": "interview",
    "split": "held-out round 7 (development since round 8)",
    "surfaces": {
        "AZE": ["Azerbaijan", "Azerbaijani", "Baku", "President Aliyev"],
        "ARM": ["Armenia", "Armenian", "Yerevan", "Prime Minister Pashinyan"],
        "RUS": ["Russia", "Russian", "Moscow", "President Putin", "Kremlin"],
        "TUR": ["Turkey", "Ankara"],
        "GEO": ["Georgia", "Tbilisi"],
        "IRN": ["Iran"],
    },
    "exclude": [("Tbilisi", 1)],
    "relations": [
        ("ARM", "AZE", -1, "asserted", "Fighting between Armenia", "took Shusha."),
        ("ARM", "AZE", 1, "asserted", "The ceasefire that President Putin", "Lachin corridor."),
        ("ARM", "RUS", 1, "asserted", "The ceasefire that President Putin", "Lachin corridor."),
        ("AZE", "RUS", 1, "asserted", "The ceasefire that President Putin", "Lachin corridor."),
        ("AZE", "TUR", 1, "asserted", "Ankara sold Baku", "Armenian armour."),
        ("ARM", "AZE", -1, "asserted", "Ankara sold Baku", "Armenian armour."),
        ("RUS", "TUR", 1, "asserted", "On 11 November Moscow", "monitor the truce."),
        ("RUS", "TUR", -1, "hypothetical", "I expect the rivalry", "next few years."),
        ("ARM", "RUS", 1, "asserted", "Its alliance treaty with Yerevan", "not Karabakh."),
        ("ARM", "RUS", 1, "negated", "And the Kremlin has never warmed", "protests of 2018."),
        ("ARM", "RUS", 1, "hypothetical", "Still, if the ceasefire holds", "more than ever."),
        ("ARM", "TUR", 1, "negated", "The protocols that Armenia", "never ratified."),
        ("ARM", "TUR", 1, "negated", "A new attempt at normalisation", "so openly."),
        ("AZE", "TUR", 1, "asserted", "A new attempt at normalisation", "so openly."),
        ("GEO", "RUS", -1, "asserted", "Georgia stayed neutral", "in August 2008."),
        ("ARM", "IRN", 1, "asserted", "Iran, which has good relations", "side of the border."),
    ],
    "events": [
        ("2020-09-27", "Fighting between Armenia and Azerbaijan broke out", "on 27 September"),
        ("2020-11-08", "on 8 November Azerbaijani troops took Shusha", None),
        ("2020-11-09", "The ceasefire that President Putin", "late on 9 November"),
        (None, "Ankara sold Baku the drones", None),
        ("2020-11-11", "On 11 November Moscow and Ankara agreed", "monitor the truce"),
        ("2018", "who came to power in the street protests of 2018", None),
        ("2009", "The protocols that Armenia and Turkey signed in Zurich in 2009", None),
        ("2008-08", "its own war with Russia in August 2008", None),
    ],
    "claims": [
        ("the interviewee", None, "decrease", "I expect the rivalry", "next few years."),
        (
            "the interviewee",
            "the ceasefire holds",
            "increase",
            "Still, if the ceasefire holds",
            "more than ever.",
        ),
        (
            "the interviewee",
            None,
            "decrease",
            "A new attempt at normalisation",
            "so openly.",
        ),
        (
            "the interviewee",
            None,
            "decrease",
            "Neutrality has a price",
            "less important.",
        ),
    ],
    "notes": [
        "'Tbilisi' in the guest's introduction ('a research centre in Tbilisi') is a place, not the "
        "state: excluded; the second 'Tbilisi' ('has not forgotten') is the state.",
        "The Karabakh ceasefire signed by Putin, Aliyev and Pashinyan is an agreement, so +1 for all "
        "three pairs, including Armenia-Azerbaijan, although the two were at war; the same "
        "sentence's Russian peacekeepers add no further pair.",
        "'The ceasefire ... signed late on 9 November' is dated 2020-11-09: it was signed around "
        "midnight 9/10 November (in force from 10 November); the text says 9 November.",
        "'Ankara sold Baku the drones that destroyed much of the Armenian armour': Turkey-Azerbaijan "
        "+1 (arms sale) and Armenia-Azerbaijan -1 (the drones were Azerbaijan's); no Turkey-Armenia "
        "relation is stated. The sale is marked as an event with date null (one concrete deal, no "
        "datable phrase) - borderline, it may be read as a repeated supply.",
        "'the rivalry between the two capitals': the two capitals are Moscow and Ankara of the "
        "previous sentence; Russia-Turkey -1 hypothetical ('I expect').",
        "'Its alliance treaty with Yerevan': 'Its' is Moscow (from the question); Russia-Armenia +1 "
        "asserted. The answer explains why Moscow stayed out, but its sentences are reported facts, "
        "not claims.",
        "Bare 'Pashinyan' is not used; 'Prime Minister Pashinyan' (twice) is a leader named as leader. "
        "The Kremlin 'has never warmed to' him: Russia-Armenia +1 negated.",
        "'who came to power in the street protests of 2018' is marked as an event (a concrete "
        "change of power, dated 2018) - borderline.",
        "The question 'Is there any opening between Yerevan and Ankara?' states no relation (a "
        "question); no relation or claim is marked in it, only its mentions.",
        "'The protocols that Armenia and Turkey signed in Zurich in 2009 were never ratified': "
        "Armenia-Turkey +1 with modality negated (the sentence's point is that the agreement never "
        "took effect); the signing is the event (2009).",
        "'A new attempt at normalisation is unlikely while Ankara backs Baku so openly': Armenia-Turkey "
        "+1 negated and Turkey-Azerbaijan +1 asserted; as a claim its condition is null (a 'while' "
        "clause of the present, not an if-part) and its direction is decrease (no improvement "
        "expected).",
        "'Neutrality has a price ... could make Georgia's corridor to the Caspian less important' is a "
        "forward-looking claim with no relation between two actors (the ceasefire is not an actor); "
        "direction decrease.",
        "'Georgia stayed neutral, as it had to; Tbilisi has not forgotten its own war with Russia in "
        "August 2008': Georgia-Russia -1 asserted; the war is an event dated 2008-08.",
        "'Armenian armour', 'Azerbaijani troops', 'Russian peacekeepers' are agents of the state: "
        "mentions. 'Armenia's own territory' and 'Georgia's corridor' are the states' territory: "
        "mentions. 'Karabakh', 'Shusha', 'the Caspian' are not actors.",
    ],
}
