"""Gold spec of heldout_63 (op-ed on Japan-China relations 2017-2020, dated 2020-12-01)."""

SPEC = {
    "document": "tests/data/text/heldout_63.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-12-01",
    "genre": "op-ed",
    "split": "held-out round 11 (development since round 12)",
    "surfaces": {
        "JPN": ["Japan", "Japanese", "Tokyo", "Prime Minister Abe", "Abe", "Prime Minister Suga"],
        "CHN": ["China", "Chinese", "Beijing", "President Xi"],
        "USA": ["Washington", "American", "America"],
        "RUS": ["Russian", "Moscow"],
    },
    "exclude": [("Beijing", 2), ("China", 2), ("Japan", 1)],
    "relations": [
        (
            "CHN",
            "JPN",
            1,
            "hypothetical",
            "Three years ago Tokyo bet",
            "cooling towards Washington.",
        ),
        ("JPN", "USA", -1, "negated", "Three years ago Tokyo bet", "cooling towards Washington."),
        ("CHN", "JPN", 1, "asserted", "The thaw between the two capitals", "began cautiously."),
        ("CHN", "JPN", 1, "asserted", "In May 2017 Toshihiro Nikai", "Road Forum in Beijing."),
        ("CHN", "JPN", 1, "asserted", "In October 2018 Abe became", "revived a currency swap."),
        ("CHN", "JPN", 1, "asserted", "At the G20 in Osaka", "the following spring."),
        ("CHN", "JPN", -1, "asserted", "On 5 March 2020 both governments", "over Hong Kong."),
        ("CHN", "JPN", -1, "asserted", "Meanwhile Chinese coast guard", "territorial waters."),
        ("CHN", "RUS", 1, "asserted", "Beijing's growing partnership", "adds to the worry."),
        (
            "CHN",
            "RUS",
            1,
            "asserted",
            "In July 2019 Chinese and Russian",
            "scrambled to meet them.",
        ),
        (
            "CHN",
            "JPN",
            -1,
            "asserted",
            "In July 2019 Chinese and Russian",
            "scrambled to meet them.",
        ),
        (
            "JPN",
            "RUS",
            -1,
            "asserted",
            "In July 2019 Chinese and Russian",
            "scrambled to meet them.",
        ),
        ("CHN", "RUS", 1, "hypothetical", "Officials in Tokyo expect", "fly together again."),
        ("JPN", "USA", 1, "asserted", "Washington, by contrast", "covers the islands."),
        ("CHN", "JPN", 1, "negated", "My guess is that the state visit", "any time soon."),
        (
            "CHN",
            "JPN",
            1,
            "hypothetical",
            "If Beijing pulls its coast guard",
            "meet its standards.",
        ),
        ("CHN", "RUS", 1, "hypothetical", "But the closer Beijing draws", "three lost years."),
        ("JPN", "USA", 1, "hypothetical", "But the closer Beijing draws", "three lost years."),
    ],
    "events": [
        ("2017-05", "In May 2017 Toshihiro Nikai", "Road Forum in Beijing"),
        ("2018-10", "In October 2018 Abe became", "official visit to China"),
        ("2018-10", "the two sides signed more than fifty deals", "revived a currency swap"),
        ("2019-06", "At the G20 in Osaka", "the following spring"),
        ("2020-03-05", "On 5 March 2020 both governments", "because of the coronavirus"),
        ("2020-07", "by July ruling-party lawmakers", "over Hong Kong"),
        ("2020-04", "Meanwhile Chinese coast guard ships stayed", "111 days in a row"),
        ("2020-05", "in May they chased a fishing boat", "territorial waters"),
        ("2019-07", "In July 2019 Chinese and Russian", "scrambled to meet them"),
        ("2020-11", "in November Joe Biden", "covers the islands"),
    ],
    "claims": [
        (
            "officials in Tokyo",
            None,
            "increase",
            "Officials in Tokyo expect",
            "fly together again.",
        ),
        ("the author", None, "decrease", "My guess is that the state visit", "any time soon."),
        (
            "the author",
            "Beijing pulls its coast guard back from the islands",
            "increase",
            "If Beijing pulls its coast guard",
            "meet its standards.",
        ),
        (
            "the author",
            "the closer Beijing draws to Moscow",
            "increase",
            "But the closer Beijing draws",
            "three lost years.",
        ),
    ],
    "notes": [
        "Codes as in earlier specs (JPN, CHN, USA, RUS). No new code.",
        "Not mentions: 'the Belt and Road Forum in Beijing' (the capital as the place of the "
        "forum; Beijing 2 excluded), 'the East China Sea' and 'the Sea of Japan' (places named "
        "after states; China 2 and Japan 1 excluded), 'Toshihiro Nikai' (the ruling party's "
        "secretary-general, an envoy but not a leader of the state), 'Joe Biden, the "
        "president-elect' (in November 2020 not yet the leader of the state), 'ruling-party "
        "lawmakers' (no state named), 'the G20' (not an actor of this text; no code), 'Osaka' "
        "(a place), 'Hong Kong' (not a state).",
        "Kept: 'the first Japanese leader' (Abe as leader), 'an official visit to China' (a state "
        "name as location), 'the Japanese-held Senkakus' (the state as holder), 'Japanese "
        "fighters' (agents), 'the American commitment' (the state's), 'defend Japan', bare 'Abe' "
        "after 'Prime Minister Abe', 'Officials in Tokyo' (the capital standing for the "
        "government whose officials they are, not a place of a visit; borderline).",
        "'Three years ago Tokyo bet that it could warm up to Beijing without cooling towards "
        "Washington': JPN-CHN +1 hypothetical (could) and JPN-USA -1 negated (cooling, under "
        "'without'). A description of a past bet, so no claim.",
        "'The thaw between the two capitals began cautiously': 'the two capitals' resolved to "
        "Tokyo and Beijing; +1 asserted (rapprochement).",
        "'In May 2017 Toshihiro Nikai ... carried a letter from Prime Minister Abe to the Belt and "
        "Road Forum in Beijing': taking part in China's initiative with a letter from the leader "
        "is cooperation, JPN-CHN +1 asserted; borderline (no counterpart is named).",
        "The October 2018 sentence has two events (the visit, the deals and the swap signed "
        "during it) and one relation, +1.",
        "'On 5 March 2020 both governments announced that it was postponed because of the "
        "coronavirus, and by July ruling-party lawmakers were urging that it be cancelled over "
        "Hong Kong': the postponement itself states no hostility, but the call to cancel a state "
        "visit as a protest over Hong Kong is friction; I marked JPN-CHN -1 asserted. "
        "Borderline. Two events (2020-03-05; the LDP panel's call in July 2020: 2020-07).",
        "'That visit never happened.' is not marked as an event (it is the postponement of the "
        "next sentence, which is dated).",
        "'Chinese coast guard ships stayed near the Japanese-held Senkakus from April to August, "
        "111 days in a row, and in May they chased a fishing boat': JPN-CHN -1 asserted (one for "
        "the sentence). Two events: the run dated by its start (2020-04) and the chase (2020-05).",
        "'Beijing's growing partnership with Moscow adds to the worry': CHN-RUS +1 asserted; the "
        "worry (Tokyo's) is not marked as a JPN relation.",
        "The joint bomber patrol sentence: CHN-RUS +1, and JPN-CHN, JPN-RUS -1 (fighters "
        "scrambled to intercept), all asserted; one event 2019-07.",
        "'Officials in Tokyo expect the two air forces to fly together again': CHN-RUS +1 "
        "hypothetical; a forward-looking claim by 'officials in Tokyo', increase (of the "
        "Sino-Russian tie).",
        "'Washington, by contrast, has been steady: in November Joe Biden ... told Prime Minister "
        "Suga that the American commitment to defend Japan covers the islands': JPN-USA +1 "
        "asserted; event 2020-11 (the 12 November call).",
        "'Where does this leave us?' is a question: no claim.",
        "'My guess is that the state visit will not be rescheduled any time soon': JPN-CHN +1 "
        "negated (a visit is cooperation); claim by the author, direction decrease (a negated "
        "outcome).",
        "'If Beijing pulls its coast guard back ..., Tokyo could still join Belt and Road "
        "projects': JPN-CHN +1 hypothetical; claim with condition, increase.",
        "'the closer Beijing draws to Moscow, the more firmly Japan will lean on America': "
        "CHN-RUS +1 and JPN-USA +1, both hypothetical; one claim with condition 'the closer "
        "Beijing draws to Moscow', direction increase (Japan-US ties).",
    ],
}
