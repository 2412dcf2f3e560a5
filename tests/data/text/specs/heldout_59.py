"""Gold spec of heldout_59 (policy brief on inter-Korean relations 2018-2020, dated 2020-07)."""

SPEC = {
    "document": "tests/data/text/heldout_59.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-07-08",
    "genre": "policy brief",
    "split": "held-out round 10 (development since round 11)",
    "surfaces": {
        "KOR": ["South Korea", "Seoul", "President Moon Jae-in", "Moon"],
        "PRK": ["North Korea", "Pyongyang", "Kim Jong Un", "Kim"],
        "USA": ["Washington", "President Trump", "American", "US"],
        "CHN": ["China", "Beijing", "President Xi Jinping"],
        "JPN": ["Tokyo"],
        "UN": ["Security Council"],
    },
    "exclude": [("Pyongyang", 1), ("Pyongyang", 3), ("Seoul", 6)],
    "relations": [
        ("KOR", "PRK", 1, "asserted", "The opening came at the Pyeongchang", "a single flag."),
        ("KOR", "PRK", 1, "asserted", "On 27 April President Moon", "all hostile acts."),
        ("KOR", "PRK", 1, "asserted", "A joint liaison office opened", "along the border."),
        ("PRK", "USA", -1, "asserted", "The collapse of the Hanoi summit", "an American proxy."),
        ("KOR", "PRK", -1, "asserted", "The collapse of the Hanoi summit", "an American proxy."),
        ("CHN", "PRK", 1, "asserted", "President Xi Jinping's visit", "shield North Korea."),
        ("JPN", "KOR", -1, "asserted", "Meanwhile Seoul and Tokyo", "intelligence-sharing pact."),
        ("KOR", "USA", -1, "asserted", "Seoul and Washington have been", "for US troops."),
        ("KOR", "PRK", -1, "asserted", "On 16 June 2020 North Korea", "the liaison office."),
        ("KOR", "PRK", 1, "negated", "Officials in Seoul expect", "end of the year."),
        ("PRK", "USA", 1, "hypothetical", "In our judgement, if Washington", "cut in June."),
        ("KOR", "PRK", 1, "hypothetical", "In our judgement, if Washington", "cut in June."),
        ("KOR", "PRK", -1, "hypothetical", "Without such a gesture", "likely to erode."),
        ("JPN", "KOR", -1, "hypothetical", "A renewed rift between Seoul", "hand with Pyongyang."),
        ("KOR", "USA", 1, "hypothetical", "Seoul should keep the 2018", "the Security Council."),
        ("CHN", "KOR", 1, "hypothetical", "Seoul should keep the 2018", "the Security Council."),
    ],
    "events": [
        ("2018-02", "The opening came at the Pyeongchang", "a single flag"),
        ("2018-04-27", "On 27 April President Moon", "all hostile acts"),
        ("2018-09-14", "A joint liaison office opened in Kaesong on 14 September", None),
        ("2018-09", "Moon's visit to Pyongyang produced", "along the border"),
        ("2019-02", "The collapse of the Hanoi summit", "in February 2019"),
        ("2019-06", "President Xi Jinping's visit to Pyongyang in June 2019", None),
        ("2019-08", "in August 2019 Seoul said", "intelligence-sharing pact"),
        ("2020-06-16", "On 16 June 2020 North Korea", "the liaison office"),
        ("2020-06", "the hotlines to Seoul that it cut in June", None),
    ],
    "claims": [
        ("the author", None, "decrease", "The collapse of the Hanoi summit", "an American proxy."),
        ("officials in Seoul", None, "decrease", "Officials in Seoul expect", "end of the year."),
        (
            "the author",
            "Washington eases some sanctions",
            "increase",
            "In our judgement, if Washington",
            "cut in June.",
        ),
        (
            "the author",
            "Without such a gesture",
            "decrease",
            "Without such a gesture",
            "likely to erode.",
        ),
        ("the author", None, "decrease", "A renewed rift between Seoul", "hand with Pyongyang."),
    ],
    "notes": [
        "Codes are those of earlier specs (KOR, PRK, USA, CHN, JPN; 'Security Council' as UN). "
        "Bare 'Moon' and 'Kim' are the two leaders named as leaders after their full names "
        "('Moon's visit', 'between President Trump and Kim', 'between Moon and Kim'), so surfaces "
        "of KOR and PRK; the longer 'President Moon Jae-in' and 'Kim Jong Un' match first.",
        "Not mentions: 'Moon's visit to Pyongyang' and 'visit to Pyongyang in June 2019' (the "
        "capital as the place of a visit; Pyongyang 1 and 3 excluded), 'Officials in Seoul' (the "
        "officials' location, as 'officials in Taipei' in heldout_44; Seoul 6 excluded), "
        "'Panmunjom', 'Kaesong', 'Hanoi', 'Pyeongchang' (places; not surfaces), 'inter-Korean' and "
        "'the two Koreas' (not mentions, resolved for relations only). Kept: 'the hotlines to "
        "Seoul' (Seoul as the counterpart state), 'an American proxy' (a proxy of the US state), "
        "'US troops' (the state's forces), 'the Security Council' (UN, although no relation).",
        "'athletes of the two Koreas marched under a single flag': KOR-PRK +1 asserted, the pair "
        "resolved from 'the two Koreas' (guidelines: 'both sides' etc. resolve to the pair). The "
        "same resolution for the liaison office / military agreement sentence (only Moon is "
        "named; the office and the agreement are joint) and for 'North Korea blew up the liaison "
        "office' (KOR-PRK -1: the joint office with Seoul destroyed).",
        "'The collapse of the Hanoi summit between President Trump and Kim ... cost Seoul its role "
        "as broker: Pyongyang now treats it as an American proxy': PRK-USA -1 asserted (a "
        "collapse of talks is a breakdown; I did not mark it as +1 negated) and KOR-PRK -1 "
        "asserted. Pyongyang's view of Seoul as 'an American proxy' is not the author stating how "
        "Seoul and Washington relate: no KOR-USA there. The sentence is causal ('cost Seoul its "
        "role'), so a claim by the author, direction decrease.",
        "'Beijing moved the other way.' has no second actor named or resolvable with confidence: "
        "no relation. The next sentence (Xi's visit signalled that China would shield North "
        "Korea) is CHN-PRK +1 asserted: the visit is a fact and 'would' is reported intent in the "
        "past, not the author's forecast; not a claim.",
        "'Seoul and Washington have been deadlocked since last autumn' (the cost-sharing talks "
        "that began in September 2019): KOR-USA -1 asserted; a standing deadlock is not a single "
        "happening, so no event.",
        "The summary's 'Two years after the Panmunjom summit' is the 27 April 2018 summit marked "
        "in the next paragraph: not a second event.",
        "'Officials in Seoul expect no meeting between Moon and Kim': KOR-PRK +1 negated; claim by "
        "'officials in Seoul', direction decrease (what is expected is no meeting).",
        "'if Washington eases some sanctions, Pyongyang may reopen the hotlines to Seoul that it "
        "cut in June': PRK-USA +1 and KOR-PRK +1 both hypothetical (the reopening is the "
        "sentence's statement; the June cut is an event here, not a second relation of the same "
        "pair). Claim direction increase.",
        "'Without such a gesture, the military agreement between the two Koreas is likely to "
        "erode': KOR-PRK -1 hypothetical (erosion = deterioration, under 'likely'); the "
        "condition is the span 'Without such a gesture'; direction decrease.",
        "'A renewed rift between Seoul and Tokyo would weaken both governments' hand with "
        "Pyongyang': JPN-KOR -1 hypothetical; a leverage 'with Pyongyang' is not a relation "
        "stated between Pyongyang and either. Claim with no condition (as 'A binding agreement "
        "would rebuild trust' in heldout_13), direction decrease.",
        "The recommendations ('Seoul should ... coordinate its offers with Washington ... and seek "
        "Beijing's help') give KOR-USA +1 and CHN-KOR +1 hypothetical (advised, not done). A "
        "recommendation is normative, not a forecast or a causal statement: not a claim.",
    ],
}
