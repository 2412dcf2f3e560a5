"""Gold spec of heldout_65 (interview with a Tokyo analyst on Japan-Russia-US diplomacy 2016-2020, dated 2020-09-18)."""

SPEC = {
    "document": "tests/data/text/heldout_65.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-09-18",
    "genre": "interview",
    "split": "held-out round 11 (development since round 12)",
    "surfaces": {
        "JPN": [
            "Japan",
            "Japanese",
            "Tokyo",
            "Shinzo Abe",
            "Abe",
            "Yoshihide Suga",
            "Prime Minister Suga",
        ],
        "RUS": ["Russia", "Russian", "Moscow", "Kremlin", "President Putin", "Putin"],
        "USA": ["Washington", "American"],
        "CHN": ["China", "Chinese", "Beijing"],
        "SGP": ["Singapore"],
        "G7": ["G7"],
    },
    "exclude": [("Tokyo", 2), ("Russian", 1)],
    "relations": [
        ("JPN", "RUS", 1, "asserted", "In May 2016 he took", "on the disputed islands."),
        ("JPN", "RUS", 1, "asserted", "In Singapore in November 2018", "the 1956 declaration."),
        ("JPN", "RUS", -1, "asserted", "Then Moscow hardened its terms", "ceding territory."),
        ("JPN", "RUS", 1, "negated", "I do not expect a peace treaty", "in this decade."),
        ("JPN", "RUS", -1, "asserted", "It made Japan an object", "of Russian suspicion."),
        ("RUS", "USA", -1, "asserted", "Washington left the treaty", "that same month."),
        ("JPN", "RUS", -1, "asserted", "The Kremlin had long called", "launchers in disguise."),
        (
            "JPN",
            "RUS",
            -1,
            "hypothetical",
            "Tokyo dropped the plan in June",
            "island talks for good.",
        ),
        (
            "JPN",
            "USA",
            1,
            "hypothetical",
            "Tokyo dropped the plan in June",
            "island talks for good.",
        ),
        ("JPN", "RUS", -1, "asserted", "Japan joined the G7 sanctions", "looked the other way."),
        ("G7", "RUS", -1, "asserted", "Japan joined the G7 sanctions", "looked the other way."),
        (
            "JPN",
            "USA",
            -1,
            "hypothetical",
            "In my view that tolerance",
            "tighten sanctions on Russia.",
        ),
        (
            "JPN",
            "RUS",
            -1,
            "hypothetical",
            "In my view that tolerance",
            "tighten sanctions on Russia.",
        ),
        ("CHN", "RUS", 1, "asserted", "In July 2019 Russian and Chinese", "scrambled fighters."),
        ("JPN", "RUS", -1, "asserted", "In July 2019 Russian and Chinese", "scrambled fighters."),
        ("CHN", "JPN", -1, "asserted", "In July 2019 Russian and Chinese", "scrambled fighters."),
        ("JPN", "RUS", 1, "hypothetical", "Abe once argued", "drifting toward Beijing."),
        ("CHN", "RUS", 1, "negated", "Abe once argued", "drifting toward Beijing."),
        ("JPN", "USA", 1, "hypothetical", "Prime Minister Suga will lean", "without illusions."),
        ("JPN", "RUS", 1, "hypothetical", "Prime Minister Suga will lean", "without illusions."),
    ],
    "events": [
        ("2020-09-16", "Yoshihide Suga succeeded Shinzo Abe", None),
        ("2016-05", "In May 2016 he took an eight-point economic plan to Sochi", None),
        ("2016-12", "in December 2016 President Putin came to Nagato", None),
        ("2018-11", "In Singapore in November 2018 they agreed", "the 1956 declaration"),
        ("2020-07", "this July Russia amended its constitution", "ceding territory"),
        ("2019-08-02", "Washington left the treaty on 2 August 2019", None),
        ("2019-08", "tested a ground-launched cruise missile that same month", None),
        ("2020-06", "Tokyo dropped the plan in June", None),
        ("2014", "Japan joined the G7 sanctions", "in 2014"),
        ("2019-07", "In July 2019 Russian and Chinese bombers", "scrambled fighters"),
    ],
    "claims": [
        ("the interviewee", None, "decrease", "I do not expect a peace treaty", "in this decade."),
        ("the interviewee", None, "decrease", "It made Japan an object", "of Russian suspicion."),
        (
            "the interviewee",
            "if American intermediate-range missiles are ever based in Japan",
            "decrease",
            "Tokyo dropped the plan in June",
            "island talks for good.",
        ),
        (
            "the interviewee",
            None,
            "decrease",
            "In my view that tolerance",
            "tighten sanctions on Russia.",
        ),
        ("Abe", None, "decrease", "Abe once argued", "drifting toward Beijing."),
        (
            "the interviewee",
            None,
            "increase",
            "Prime Minister Suga will lean",
            "without illusions.",
        ),
    ],
    "notes": [
        "Codes as in earlier specs (JPN, RUS, USA, CHN, SGP). 'G7' has not been coded in any "
        "earlier spec: I coded it G7 (a bloc, like QUAD).",
        "Mentions: the title's capitals stand for the states (kept). 'a Tokyo-based analyst' is "
        "the city as a place (Tokyo 2 excluded); 'analyst of Russian affairs' describes a field, "
        "not an agent of the state (Russian 1 excluded). Kept: 'Abe's Russia policy' (a policy "
        "toward the state), 'Russian suspicion', 'Russian violations', 'Russian and Chinese "
        "bombers', 'Japanese airspace' (the state's territory), 'American launchers' and "
        "'American intermediate-range missiles' (the state's weapons), 'based in Japan' (a state "
        "name as location), 'In Singapore' (a state name as location, SGP as in heldout_53), "
        "'China' in the question. Leaders: 'Shinzo Abe', the bare 'Abe', 'Yoshihide Suga', "
        "'Prime Minister Suga', 'President Putin', the bare 'Putin'. Sochi and Nagato are places "
        "only; 'Crimea' is a place, not an actor.",
        "'In May 2016 he took an eight-point plan to Sochi, and in December 2016 President Putin "
        "came to Nagato, where the two leaders agreed ...': one JPN-RUS +1 for the sentence, two "
        "events (the Sochi visit and the Nagato summit).",
        "'Then Moscow hardened its terms, and this July Russia amended its constitution to forbid "
        "ceding territory': JPN-RUS -1 asserted (a hardening in the territorial talks with "
        "Tokyo, whose pair is the paragraph's). The amendment is marked as an event (2020-07, "
        "'this July' in a text dated September 2020); borderline, as it is a domestic act.",
        "'I do not expect a peace treaty in this decade': JPN-RUS +1 negated (pair of the "
        "paragraph); claim direction decrease (no treaty).",
        "'It made Japan an object of Russian suspicion': 'it' is the end of the INF treaty; a "
        "causal statement, so a claim (decrease) and JPN-RUS -1 asserted.",
        "'Washington left the treaty on 2 August 2019, blaming Russian violations, and tested a "
        "... missile that same month': RUS-USA -1 asserted (leaving a bilateral treaty while "
        "accusing the other side); two events (the withdrawal, 2019-08-02, and the test, "
        "2019-08).",
        "'The Kremlin had long called the Aegis Ashore sites Tokyo planned American launchers in "
        "disguise': JPN-RUS -1 asserted (an accusation). No RUS-USA relation marked: the "
        "sentence is about Japan's sites, although it implies Russian hostility to American "
        "launchers. Not an event ('had long called' is not a single dated happening).",
        "'Tokyo dropped the plan in June, but if American intermediate-range missiles are ever "
        "based in Japan, Moscow will freeze the island talks for good': JPN-RUS -1 hypothetical "
        "(the forecast), and JPN-USA +1 hypothetical for the basing in the if-clause (hosting "
        "an ally's missiles is military cooperation; conditions get their relation, as in "
        "heldout_53). Borderline: the JPN-USA one. Event: 2020-06 (the suspension of Aegis "
        "Ashore). Claim with the if-clause as condition, direction decrease.",
        "'Japan joined the G7 sanctions on Russia over Crimea in 2014 but kept them light, and "
        "Washington looked the other way': JPN-RUS -1 and G7-RUS -1 asserted (sanctions). I did "
        "not mark JPN-G7 +1 (joining their sanctions is alignment, but the sentence is about "
        "measures against Russia) nor JPN-USA ('looked the other way' is tolerance, neither "
        "cooperation nor conflict stated). Event 2014.",
        "'In my view that tolerance is ending: whoever wins in November, Washington will press "
        "Tokyo harder to tighten sanctions on Russia': JPN-USA -1 hypothetical (pressure on "
        "Tokyo; borderline, since it is pressure between allies) and JPN-RUS -1 hypothetical "
        "(tighter Japanese sanctions). No USA-RUS relation marked (not stated). Claim direction "
        "decrease (the consequence is tighter sanctions, Japan-Russia worsening). 'November' is "
        "the US election, not an event of the text.",
        "'In July 2019 Russian and Chinese bombers flew their first joint patrol near Japanese "
        "airspace, and Tokyo scrambled fighters': CHN-RUS +1 (a joint patrol), JPN-RUS -1 and "
        "CHN-JPN -1 (scrambling fighters against both air forces), all asserted. One event "
        "(2019-07, the 23 July patrol, the scramble being part of it).",
        "'Abe once argued that courting Putin would keep Russia from drifting toward Beijing': a "
        "reported causal argument, so a claim held by 'Abe' (borderline: a reported view of a "
        "leader, not of an expert), direction decrease (what he expected: less Russia-China "
        "closeness; one could argue increase for Japan-Russia). Relations JPN-RUS +1 "
        "hypothetical (courting) and CHN-RUS +1 negated (kept from drifting). 'It did not.' "
        "has no relation of its own.",
        "'Prime Minister Suga will lean harder on the alliance with Washington and keep talking "
        "to Moscow, but without illusions': JPN-USA +1 and JPN-RUS +1 hypothetical (future); "
        "claim direction increase (the alliance; talks continue).",
        "'two days after Yoshihide Suga succeeded Shinzo Abe': marked as an event dated "
        "2020-09-16 (a change of leader, datable from the interview date); borderline, since the "
        "guidelines' examples are between states.",
        "Relations number 20, above the brief's about 10-18: every sentence stating a relation "
        "is marked.",
    ],
}
