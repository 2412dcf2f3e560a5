"""Gold spec of heldout_67 (news analysis, South Korea between the US and China, 2020-10)."""

SPEC = {
    "document": "tests/data/text/heldout_67.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-10-20",
    "genre": "news analysis",
    "split": "held-out round 11 (development since round 12)",
    "surfaces": {
        "KOR": ["South Korea", "Seoul", "President Moon Jae-in", "Moon"],
        "USA": [
            "United States",
            "Washington",
            "US",
            "Trump administration",
            "American",
            "President Trump",
        ],
        "CHN": ["China", "Beijing"],
        "PRK": ["North Korea", "Kim Jong Un", "Pyongyang"],
        "QUAD": ["Quad"],
    },
    "exclude": [("Seoul", 2)],
    "relations": [
        ("CHN", "USA", -1, "asserted", "Seoul's balancing act gets harder", "square off"),
        ("KOR", "USA", 1, "asserted", "For three years President Moon", "largest trading partner."),
        ("CHN", "KOR", -1, "negated", "For three years President Moon", "largest trading partner."),
        ("CHN", "USA", -1, "asserted", "As the rivalry between", "harder to hold."),
        ("KOR", "USA", -1, "asserted", "The alliance is strained over money.", None),
        ("KOR", "USA", -1, "asserted", "Talks on sharing the cost", "$5 billion a year."),
        ("KOR", "USA", -1, "asserted", "The American delegation walked out", "13 percent more."),
        ("CHN", "KOR", -1, "asserted", "Officials here have not forgotten", "in October 2017."),
        ("KOR", "USA", -1, "asserted", "Washington now wants South Korean", "to its companies."),
        ("KOR", "QUAD", 1, "negated", "When US Deputy Secretary", "others' interests."),
        ("KOR", "QUAD", 1, "hypothetical", "Several analysts say", "over THAAD."),
        ("CHN", "KOR", -1, "hypothetical", "Several analysts say", "over THAAD."),
        ("KOR", "USA", 1, "hypothetical", "Moon needs Washington", "restrain Pyongyang."),
        ("CHN", "KOR", 1, "hypothetical", "Moon needs Washington", "restrain Pyongyang."),
        ("PRK", "USA", 1, "hypothetical", "Moon needs Washington", "restrain Pyongyang."),
        ("CHN", "PRK", -1, "hypothetical", "Moon needs Washington", "restrain Pyongyang."),
        ("PRK", "USA", -1, "asserted", "Neither is delivering", "liaison office."),
        ("KOR", "PRK", -1, "asserted", "Neither is delivering", "liaison office."),
        ("KOR", "USA", 1, "hypothetical", "A Joe Biden win", "pressure over China."),
    ],
    "events": [
        ("2019-09", "Talks on sharing the cost", "began in September 2019"),
        ("2019-11", "The American delegation walked out", "in November 2019"),
        ("2020-04", "in April 2020 President Trump rejected", "13 percent more"),
        ("2020-04", "Thousands of Korean workers", "furloughed that month"),
        ("2016", "Seoul agreed in 2016 to host", "missile-defence system"),
        ("2017-10", "a quarrel patched up only in October 2017", None),
        ("2020-08", 'floated a "Quad Plus"', "in August"),
        ("2019-02", "the Hanoi summit collapsed in February 2019", None),
        ("2020-06", "in June North Korea blew up", "liaison office"),
    ],
    "claims": [
        ("the author", None, "decrease", "As the rivalry between", "harder to hold."),
        (
            "a senior diplomat",
            "Every time we side with one capital",
            "decrease",
            '"Every time we side',
            "a senior diplomat said.",
        ),
        (
            "several analysts",
            "if South Korea joined the Quad",
            "decrease",
            "Several analysts say",
            "over THAAD.",
        ),
        ("the author", None, "decrease", "North Korea is why Seoul", "cannot choose."),
        (
            "officials",
            "A Joe Biden win next month",
            "increase",
            "A Joe Biden win",
            "pressure over China.",
        ),
    ],
    "notes": [
        "Codes are those of earlier specs (KOR, USA, CHN, PRK, QUAD). Bare 'Moon' ('Moon needs "
        "Washington') is the president named as leader after his full name, so a KOR surface; "
        "the longer 'President Moon Jae-in' matches first.",
        "Not mentions: 'a session in Seoul' (the capital as the place of the talks; Seoul 2 "
        "excluded), the dateline 'SEOUL' (a place; the case-sensitive surface does not match it), "
        "'South Korean carriers' (firms, not agents of the state, as in earlier specs; "
        "'South Korean' is not a surface), 'Korean workers' (people) and 'inter-Korean', 'Huawei' "
        "(a company), 'THAAD' (a weapon system), 'the Hanoi summit' (a place in a meeting's "
        "name), 'its foreign minister' (unnamed), 'Stephen Biegun' (an official, not a leader; the "
        "'US' before his title is kept), 'Joe Biden' (a candidate in October 2020, not a leader "
        "of the state). Kept: the headline's 'Seoul', 'Washington' and 'Beijing' (the states as "
        "sides), 'US troops in South Korea' (the state's territory, a mention by the guidelines), "
        "'The American delegation' (agents of the state), and 'Quad' inside '\"Quad Plus\"' (the "
        "proposed enlargement of the Quad is still the grouping named; borderline).",
        "The headline is a line of its own and is treated as a sentence: 'Washington and Beijing "
        "square off' is CHN-USA -1 asserted.",
        "'tried to keep South Korea's alliance with the United States intact without provoking "
        "China, its largest trading partner': KOR-USA +1 asserted (the alliance). For CHN-KOR I "
        "marked one relation, -1 negated ('without provoking' = a conflict avoided), rather than "
        "+1 for the appositive 'largest trading partner'; the sentence's predicate is the "
        "avoidance of provocation. Borderline on the sign.",
        "'As the rivalry between the two capitals sharpens': the pair resolved from 'the two "
        "capitals' to Washington and Beijing (CHN-USA -1). The sentence is causal ('as ... "
        "sharpens, that balance is getting harder'), a claim by the author, direction decrease.",
        "'The alliance is strained over money.': KOR-USA -1 asserted, the pair resolved from 'the "
        "alliance' (the alliance of the first paragraph).",
        "'Talks on sharing the cost ... began in September 2019, with the Trump administration "
        "reportedly demanding about $5 billion a year': KOR-USA -1 asserted (a demand on Seoul "
        "in a paragraph about strain), not +1 for the talks; borderline. The beginning of the "
        "talks is the event (2019-09).",
        "'Thousands of Korean workers at US bases were furloughed that month': only the US is "
        "named (the workers are people), so no relation; an event dated 2020-04 from 'that "
        "month' (April 2020).",
        "'Beijing's pressure is quieter.': the target (Seoul) is not named or given by 'they' / "
        "'both sides': no relation.",
        "'the boycotts China imposed after Seoul agreed in 2016 to host the THAAD missile-defence "
        "system, a quarrel patched up only in October 2017': one CHN-KOR relation, -1 asserted "
        "(boycotts; the patching up is a subordinate phrase). No KOR-USA: the US is not named. "
        "Events: Seoul's 2016 agreement (2016) and the October 2017 settlement (2017-10); the "
        "boycotts themselves were a campaign with no date of their own, not marked.",
        "'Washington now wants South Korean carriers to drop Huawei equipment; Seoul has left the "
        "decision to its companies': KOR-USA -1 asserted (Seoul declining a US demand). "
        "Borderline: the demand is addressed to firms; I read Seoul's answer as the state "
        "resisting Washington. No China relation (Huawei is a company).",
        "'a \"Quad Plus\" that could include South Korea ..., Seoul was cool': KOR-QUAD +1 "
        "negated (joining the grouping offered and not embraced; 'cool' read as 'not keen'). No "
        "KOR-USA marked there: the sentence is about Seoul and the grouping. The foreign "
        "minister's later warning is a statement, not dated, not an event.",
        "'if South Korea joined the Quad, China would punish it as it did over THAAD': KOR-QUAD "
        "+1 hypothetical and CHN-KOR -1 hypothetical; claim by 'several analysts', direction "
        "decrease (China-Korea relations would worsen).",
        "'Moon needs Washington to keep diplomacy with Kim Jong Un alive and Beijing to restrain "
        "Pyongyang': four relations, all hypothetical because they are what Seoul needs, not what "
        "happens ('Neither is delivering'): KOR-USA +1 and CHN-KOR +1 (reliance), PRK-USA +1 "
        "(diplomacy), CHN-PRK -1 (restraint = pressure). Borderline: one might mark the "
        "reliance as asserted; the sign is the same.",
        "'North Korea is why Seoul cannot choose.': a causal statement by the author, so a claim; "
        "direction decrease (Seoul's room to choose). Borderline on the direction.",
        "'Neither is delivering: talks between the US and North Korea have stalled since the Hanoi "
        "summit collapsed in February 2019, and in June North Korea blew up the inter-Korean "
        "liaison office': PRK-USA -1 asserted, and KOR-PRK -1 asserted (the pair resolved from "
        "'inter-Korean', as heldout_59 did for the same event). 'Neither is delivering' (Washington "
        "and Beijing failing Seoul) is not marked as a relation.",
        "The quote 'Every time we side with one capital, we pay in the other' names no actor, so "
        "no relation; it is a causal generalisation, marked as a claim by 'a senior diplomat' "
        "with the condition 'Every time we side with one capital', direction decrease.",
        "'A Joe Biden win next month would probably settle the cost-sharing row quickly, "
        "officials say, but not the pressure over China': KOR-USA +1 hypothetical (settling the "
        "row); 'the pressure over China' is US pressure on Seoul about China, with no second "
        "relation marked. Claim by 'officials', the condition is the noun phrase 'A Joe Biden "
        "win next month' (an if-part in all but form), direction increase. Biden is not a "
        "mention (not a leader on the document date). The election (November 2020) is in the "
        "future of the document: not an event.",
    ],
}
