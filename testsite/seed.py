"""The fixed seed article (../shared/seed/) and the story its related card links to."""

from datetime import datetime

from .dates import UTC

SEED = {
    "id": "67d9735c4f1a2b0001c0ffee",
    "slug": "russia-expects-talks-with-musk",
    "type": "news",
    "headline": "Russian negotiator says he expects talks with Musk on space, tech",
    "description": "Kirill Dmitriev said a meeting with Elon Musk would focus on technology and flights to Mars.",
    "authors": [("Martin Fornusek", "martin")],
    "published": datetime(2025, 3, 18, 13, 10, tzinfo=UTC),
    "modified": datetime(2025, 3, 18, 14, 2, tzinfo=UTC),
    "tags": ["news-feed", "russia", "united-states", "elon-musk", "tech", "spacex", "business"],
    "image": {
        "path": "/content/images/2025/03/GettyImages-2203340727.jpg",
        "caption": "Tech billionaire Elon Musk leaves a meeting with House Republicans in the basement of the "
                   "U.S. Capitol building in Washington, DC on March 5, 2025.",
        "credit": "Samuel Corum/Getty Images",
    },
    "reading_time": 2,
    "paragraphs": [
        "Kirill Dmitriev, the CEO of the Russian Direct Investment Fund (RDIF), said he expects Russia to hold "
        "talks with U.S. billionaire and President Donald Trump's ally Elon Musk in the near future, the "
        "pro-state news agency RBK reported on March 18.",
        "The comments come amid warming ties between the U.S. and Russia as the Trump administration signaled "
        "intent to renew bilateral relations and boost economic cooperation.",
        "Dmitriev, one of Russia's negotiators during talks with the U.S. in Saudi Arabia, said that the possible "
        "meeting with Musk would concern technological development and the \"future of humanity.\"",
        "\"I think that there will undoubtedly be a discussion with Musk (about Mars flights) in the near future,\" "
        "the Russian official said at a business forum, according to Reuters.",
        "Musk is the founder and CEO of the SpaceX space technology company. The billionaire recently announced "
        "plans to have his Starship spacecraft depart for Mars by the end of 2026.",
        "According to Dmitriev, Russia also seeks cooperation with Musk and SpaceX in developing Russia's space "
        "agency, Roscosmos, and state-run nuclear energy company Rosatom.",
        "Musk has yet to comment on the potential meeting.",
        "Dmitriev's comments come as Trump is set to call Russian President Vladimir Putin to discuss a proposed "
        "ceasefire in Ukraine, seen as a step toward a broader peace agreement.",
    ],
    # The related card follows the last paragraph, as in the capture, and links to RELATED below.
    "related_after": 8,
}

# Generated article number 1 is this story, so that the seed's related card has a real target.
RELATED = {
    "slug": "trump-slashes-radio-free-europe-funding",
    "type": "news",
    "headline": "Critical Ukraine coverage at risk as Trump slashes Radio Free Europe funding",
    "authors": [("Kateryna Denisova", "katya-denisova")],
    "published": datetime(2025, 3, 16, 16, 45, tzinfo=UTC),
    "lead": "The U.S. decision to cut off funding for Radio Free Europe/Radio Liberty came as a surprise for the "
            "outlet’s newsroom, a source in the RFE/RL’s Ukrainian Service told the Kyiv Independent. “We "
            "understood that the U.S. president, to put it mildly, does not like us,” the source said.",
}

# The News Feed sidebar's item in the capture: (time, path, headline, blurb). The path is not an article of
# the test site (the crawl follows no sidebar links).
NEWS_FEED_ITEM = (
    "1:13 PM", "/eu-approves-over-2-billion-in-economic-support-for-moldova/",
    "EU approves over $2 billion in economic support for Moldova.",
    "The Reform and Growth Facility, which includes 1.5 billion euros ($1.6 billion) in low-interest loans and 385 "
    "million euros ($420 million) in grants, will cover the period of 2025-2027 and is part of the EU's long-term "
    "Moldova Growth Plan.",
)
