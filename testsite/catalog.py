"""Authors, tags and article types of the test site (fixed, like a CMS's settings)."""

# (name, slug, role, bio). Slugs are not derivable from names, as on the real site.
STAFF = (
    ("Martin Fornusek", "martin", "Reporter", "Martin Fornusek is a reporter covering Ukraine and Central Europe."),
    ("Kateryna Denisova", "katya-denisova", "Reporter", "Kateryna Denisova covers politics and media."),
    ("Lesia Ogryzko", "olesia-ohryzko", "News Editor", "Lesia Ogryzko edits the news feed."),
    ("Anastasiya Gordiychuk", "anastasiya-gordiychuk", "Reporter", "Anastasiya Gordiychuk writes about society."),
    ("Francis Farrell", "francis-farrell", "Frontline Reporter", "Francis Farrell reports from the front line."),
    ("Kateryna Hodunova", "kateryna-hodunova", "Reporter", "Kateryna Hodunova covers security and defense."),
    ("Abbey Fenbert", "abbey", "News Editor", "Abbey Fenbert edits breaking news."),
    ("Dmytro Basmat", "dmytro-basmat", "Business Reporter", "Dmytro Basmat covers the economy."),
    ("Olena Goncharova", "olena", "Development Manager", "Olena Goncharova writes about Ukrainians abroad."),
    ("Asami Terajima", "asami", "Reporter", "Asami Terajima covers the war and the military."),
    ("Yuliia Taradiuk", "yuliia-taradiuk", "Reporter", "Yuliia Taradiuk covers human rights."),
    ("Chris York", "chris-york", "Head of News", "Chris York leads the news desk."),
    ("Anastasiia Lapatina", "anastasiia-lapatina", "Reporter", "Anastasiia Lapatina covers politics and culture."),
    ("Jakub Parusinski", "jakub-parusinski", "Chief Editor", "Jakub Parusinski writes about business."),
)
GUESTS = (
    ("Eugene Czolij", "eugene-czolij", "Guest author", "Eugene Czolij is a lawyer and civic leader."),
    ("Marta Kovalenko", "marta-kovalenko", "Guest author", "Marta Kovalenko is a political analyst."),
    ("Timothy Ash", "timothy-ash", "Guest author", "Timothy Ash is an economist."),
    ("Hanna Šustrová", "hanna-sustrova", "Guest author", "Hanna Šustrová is a Czech security researcher."),
)
DESK = ("The Kyiv Independent news desk", "thekyivindependent", "News desk", "The news desk of the Kyiv Independent.")
MASTHEAD = ("The Kyiv Independent", "the-kyiv-independent", "Editorial board", "The editorial board of the Kyiv Independent.")
ALL_AUTHORS = {a[1]: a for a in STAFF + GUESTS + (DESK, MASTHEAD)}

TAGS = {
    "news-feed": "News Feed", "russia": "Russia", "united-states": "United States", "elon-musk": "Elon Musk",
    "tech": "Tech", "spacex": "SpaceX", "business": "Business", "war": "War", "analysis": "Analysis",
    "russias-war": "Russia’s War", "national": "National", "human-story": "Human Story",
    "field-report": "Field Report", "company-news": "Company News", "opinion": "Opinion", "editorial": "Editorial",
    "interview": "Interview", "explainer": "Explainer", "video": "Video", "podcasts": "Podcasts",
    "culture": "Ukraine & Culture", "world": "World", "politics": "Politics", "military": "Military",
    "refugees": "Refugees", "collaborators": "Collaborators", "energy": "Energy", "economy": "Economy",
    "europe": "Europe", "kharkiv": "Kharkiv", "drones": "Drones", "sanctions": "Sanctions", "nato": "NATO",
    "war-crimes": "War Crimes", "uncategorized": "Uncategorized", "investigations": "Investigations",
}
NAV_SECTIONS = ("war", "analysis", "russias-war", "national", "human-story", "field-report", "company-news")
TOPIC_TAGS = ("russia", "united-states", "world", "politics", "military", "refugees", "collaborators", "energy",
              "economy", "europe", "kharkiv", "drones", "sanctions", "nato", "war-crimes", "investigations")
TAG_DESCRIPTIONS = {
    "collaborators": "Russia-Ukraine war: people who sided with the occupiers, and what happened to them.",
    "russias-war": "Russia’s full-scale invasion of Ukraine began on Feb. 24, 2022. Our coverage of the war.",
    "war": "Reporting from the front line and behind it, since 2014.",
}

# Type -> (weight, primary tag slugs to choose from, body topics to choose from).
TYPES = {
    "news": (30, ("news-feed", "news-feed", "national", "war"), ("attack", "diplomacy", "economy", "front")),
    "analysis": (8, ("analysis", "explainer"), ("front", "diplomacy", "economy")),
    "opinion": (7, ("opinion",), ("diplomacy", "society")),
    "editorial": (3, ("editorial",), ("diplomacy", "society")),
    "interview": (4, ("interview",), ("diplomacy", "front", "society")),
    "photo": (4, ("human-story", "culture"), ("society",)),
    "podcast": (3, ("podcasts", "video"), ("diplomacy", "economy")),
    "digest": (8, ("news-feed",), ("attack", "front", "diplomacy")),
    "micro": (10, ("uncategorized", "news-feed"), ("attack", "front")),
    "multi-author": (10, ("news-feed", "national", "war"), ("attack", "diplomacy", "economy", "front")),
    "desk": (13, ("news-feed",), ("attack", "diplomacy", "front")),
}
LEGACY_PREFIXES = ("uncategorized", "national", "news-feed")

EDITOR_NOTES = {
    "opinion": "Editor’s note: The opinions expressed in the op-ed section are those of the authors "
               "and do not purport to reflect the views of the Kyiv Independent.",
    "interview": "Editor's Note: This interview has been edited and condensed for clarity.",
    "developing": "Editor’s note: This is a developing story and will be updated as more information emerges.",
    "anonymity": "Editor's Note: Some sources are identified by first name only for security reasons.",
}
