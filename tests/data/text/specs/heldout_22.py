"""Gold spec of heldout_22 (South Asia's smaller states, news analysis), held-out round 7."""

SPEC = {
    "document": "tests/data/text/heldout_22.txt",
    "licence": "the project's own text (written for evaluation; MIT like the code)",
    "date": "2020-09-30",
    "genre": "news analysis",
    "split": "held-out round 7 (development since round 8)",
    "surfaces": {
        "NPL": ["Nepal", "Kathmandu"],
        "IND": ["India", "Indian", "New Delhi"],
        "CHN": ["China", "Chinese", "Beijing", "President Xi"],
        "LKA": ["Sri Lanka", "President Gotabaya Rajapaksa"],
        "MDV": ["Maldives"],
        "BGD": ["Bangladesh", "Bangladeshi", "Dhaka"],
    },
    "exclude": [("Kathmandu", 2), ("Dhaka", 2)],
    "relations": [
        ("IND", "NPL", -1, "asserted", "It was Kathmandu's answer", "the Lipulekh pass."),
        ("IND", "NPL", -1, "asserted", "New Delhi called the claim", "meaning China."),
        ("CHN", "NPL", 1, "asserted", "New Delhi called the claim", "meaning China."),
        ("CHN", "NPL", 1, "asserted", "Beijing has indeed drawn closer", "in 23 years."),
        ("CHN", "LKA", 1, "asserted", "Sri Lanka leased Hambantota", "November 2019."),
        ("IND", "LKA", 1, "asserted", "Sri Lanka leased Hambantota", "November 2019."),
        ("IND", "MDV", 1, "asserted", "The Maldives swung back", "in September 2018."),
        ("CHN", "MDV", 1, "asserted", "The Maldives swung back", "in September 2018."),
        ("IND", "MDV", 1, "asserted", "In August India pledged", "nearby islands."),
        ("BGD", "CHN", 1, "asserted", "From 1 July Beijing", "Galwan valley."),
        ("CHN", "IND", -1, "asserted", "From 1 July Beijing", "Galwan valley."),
        ("BGD", "IND", -1, "asserted", "Dhaka had already cooled", "citizenship law."),
        ("BGD", "IND", 1, "hypothetical", "Officials in Dhaka insist", "survive the chill."),
        ("CHN", "IND", -1, "hypothetical", "Diplomats in the region expect", "to sharpen."),
        ("IND", "NPL", 1, "hypothetical", '"If India settles', "Nepali ambassador argues."),
        ("CHN", "NPL", 1, "hypothetical", '"If India settles', "Nepali ambassador argues."),
        ("CHN", "IND", -1, "hypothetical", "The small states will keep", "short of war."),
    ],
    "events": [
        ("2020-06-13", "On 13 June Nepal's parliament", "inside Nepal"),
        ("2020-05-08", "on 8 May had opened a road", "the Lipulekh pass"),
        ("2019-10", "President Xi's visit to Kathmandu in October 2019", None),
        ("2017", "Sri Lanka leased Hambantota", "for 99 years in 2017"),
        ("2019-11", "President Gotabaya Rajapaksa chose India", "in November 2019"),
        ("2018-09", "Ibrahim Solih defeated Abdulla Yameen", "in September 2018"),
        ("2020-08", "In August India pledged", "nearby islands"),
        ("2020-07-01", "From 1 July Beijing removed tariffs", "Bangladeshi goods"),
        ("2020-06", "Indian and Chinese troops clashed", "Galwan valley"),
        ("2019-12", "in December 2019 two of its ministers", "citizenship law"),
    ],
    "claims": [
        ("officials in Dhaka", None, "increase", "Officials in Dhaka insist", "survive the chill."),
        (
            "diplomats in the region",
            None,
            "decrease",
            "Diplomats in the region expect",
            "to sharpen.",
        ),
        (
            "a former Nepali ambassador",
            "India settles the map dispute with Kathmandu through talks",
            "decrease",
            '"If India settles',
            "Nepali ambassador argues.",
        ),
        (
            "the analysis",
            "the rivalry between India and China stays short of war",
            "increase",
            "The small states will keep",
            "short of war.",
        ),
    ],
    "notes": [
        "Capitals as places, excluded: 'President Xi's visit to Kathmandu' (Kathmandu 2) and 'Officials "
        "in Dhaka' (Dhaka 2, as 'Diplomats in Manila' in heldout_11). 'Malé' ('a bridge linking Malé to "
        "nearby islands') is only a place and not a surface. 'Lipulekh', 'Kalapani', 'Limpiyadhura', "
        "'Hambantota', 'the Galwan valley' are places, not actors; 'South Asia' is not an actor.",
        "'a former Nepali ambassador' is not an agent of the state (former, speaking for himself): "
        "'Nepali' is not a surface. 'a Chinese head of state', 'a Chinese state company', 'Indian and "
        "Chinese troops', 'Bangladeshi goods' (a state's goods) are mentions. 'India's army chief' "
        "gives the mention 'India'. Bare names of Maldivian politicians (Ibrahim Solih, Abdulla Yameen) "
        "are not leaders named with a title and are not surfaces. 'chose India for his first foreign "
        "trip' uses the state as a place: a mention.",
        "'On 13 June Nepal's parliament unanimously adopted a new map ... inside Nepal' names only "
        "Nepal: no relation, one event (2020-06-13). The next sentence ('Kathmandu's answer to India, "
        "which on 8 May had opened a road') carries the India-Nepal -1 and the road event (2020-05-08).",
        "'India's army chief hinted that Nepal was acting \"at the behest of someone else\", meaning "
        "China': China-Nepal +1 marked asserted (the sentence states the alleged alignment; the hint is "
        "reported speech, not an expected outcome) - borderline; it is not a claim (an allegation "
        "about the present, not forward-looking, conditional or causal in the guidelines' sense).",
        "'Sri Lanka leased Hambantota port to a Chinese state company ... but President Gotabaya "
        "Rajapaksa chose India for his first foreign trip after his election in November 2019': China-"
        "Sri Lanka +1 (the lease) and India-Sri Lanka +1; the trip is the event, dated 2019-11 (the "
        "election and the trip were both that month); the election is not marked separately.",
        "'The Maldives swung back towards New Delhi when Ibrahim Solih defeated Abdulla Yameen, who had "
        "signed a free trade agreement with Beijing, in September 2018': India-Maldives +1 and China-"
        "Maldives +1 (the FTA, signed by the Maldives under Yameen). The event is the election of "
        "September 2018; the FTA (December 2017) has no date in the text and is not marked as an event.",
        "'Bangladesh is courted hardest.' names no second actor: no relation.",
        "'From 1 July Beijing removed tariffs on 97 per cent of Bangladeshi goods, two weeks after "
        "Indian and Chinese troops clashed in the Galwan valley': Bangladesh-China +1 (removing tariffs "
        "is cooperation) and China-India -1; the clash is dated 2020-06 ('two weeks after' 1 July; the "
        "text gives no day).",
        "'Dhaka had already cooled on India: ... two of its ministers cancelled visits as India passed "
        "its new citizenship law': Bangladesh-India -1 and the cancellations as one event (2019-12).",
        "'Officials in Dhaka insist that Bangladesh's ties with New Delhi will survive the chill': "
        "Bangladesh-India +1 hypothetical and a forward-looking claim of officials in Dhaka, direction "
        "increase (ties expected to hold despite the chill).",
        "The quoted claim of the former Nepali ambassador: India-Nepal +1 hypothetical (settling the "
        "dispute) and China-Nepal +1 hypothetical ('less reason to lean on China'; the sign of leaning "
        "on China before the modality); direction decrease (Nepal's reliance on China would fall).",
        "'The small states will keep extracting concessions, this analysis concludes, as long as the "
        "rivalry between India and China stays short of war': holder 'the analysis' (the text names "
        "itself); condition 'the rivalry between India and China stays short of war' (an 'as long as' "
        "clause is a condition); China-India -1 hypothetical; direction increase (the small states' "
        "gains continue).",
        "'What next?' is a question: nothing marked. The title's 'elephant' and 'dragon' are metaphors "
        "for India and China, not surfaces.",
    ],
}
