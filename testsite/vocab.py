"""Word lists and sentence templates for generated news prose.

Templates use ``{slot}`` names that are keys of ``SLOTS`` (or of the article's own
values, such as ``{date}``). Lists are "|"-separated to keep them compact. Accented
names are here on purpose: the page may render them NFD-decomposed.
"""


def _split(text):
    """A "|"-separated list, stripped."""
    return tuple(part.strip() for part in text.split("|") if part.strip())


SLOTS = {
    "speaker": _split("""President Volodymyr Zelensky | Foreign Minister Andrii Sybiha | Defense Minister Rustem Umerov |
        Prime Minister Denys Shmyhal | Kyiv Mayor Vitali Klitschko | Kharkiv Oblast Governor Oleh Syniehubov |
        NATO Secretary General Mark Rutte | Polish Foreign Minister Radosław Sikorski | Spanish Prime Minister Pedro Sánchez |
        Turkish President Recep Tayyip Erdoğan | European Council President António Costa | French President Emmanuel Macron |
        Czech Prime Minister Petr Fiala | Kremlin spokesperson Dmitry Peskov | Air Force spokesperson Yurii Ihnat |
        Spanish Foreign Minister José Manuel Albares | Energy Minister Herman Halushchenko | Odesa Mayor Hennadii Trukhanov |
        EU foreign policy chief Kaja Kallas | Ukraine's human rights ombudsman Dmytro Lubinets"""),
    "org": _split("""the General Staff of Ukraine's Armed Forces | the State Emergency Service | the Defense Ministry |
        Ukraine's Air Force | the Security Service of Ukraine (SBU) | Ukraine's military intelligence (HUR) |
        the National Bank of Ukraine | the state energy operator Ukrenergo | the UN Human Rights Monitoring Mission |
        the International Atomic Energy Agency (IAEA) | the European Commission | the Institute for the Study of War |
        the Prosecutor General's Office | the National Police | the regional military administration"""),
    "city": _split("""Kyiv | Kharkiv | Odesa | Dnipro | Zaporizhzhia | Kherson | Sumy | Chernihiv | Lviv | Mykolaiv |
        Kramatorsk | Pokrovsk | Kostiantynivka | Kryvyi Rih | Poltava | Vinnytsia | Zhytomyr | Izium | Kupiansk | Nikopol"""),
    "oblast": _split("""Kharkiv Oblast | Donetsk Oblast | Zaporizhzhia Oblast | Kherson Oblast | Sumy Oblast |
        Dnipropetrovsk Oblast | Odesa Oblast | Chernihiv Oblast | Luhansk Oblast | Mykolaiv Oblast"""),
    "country": _split("""Poland | Germany | France | the U.K. | the U.S. | Lithuania | Latvia | Estonia | Czechia |
        Slovakia | Spain | Italy | Sweden | Finland | Norway | Denmark | the Netherlands | Japan | Canada | Türkiye"""),
    "foreign_city": _split("""Kraków | Rzeszów | Gdańsk | Zürich | Brussels | Warsaw | Berlin | Paris | Vilnius | Tallinn |
        Riga | Prague | Geneva | Istanbul | Reykjavík | Düsseldorf | Malmö | Copenhagen"""),
    "weapon": _split("""Shahed-type attack drones | ballistic missiles | cruise missiles | guided aerial bombs |
        Iskander-M missiles | Kh-101 cruise missiles | first-person-view (FPV) drones | multiple rocket launchers"""),
    "target": _split("""an energy facility | a residential building | a grain terminal | a hospital | a railway station |
        a school | a power substation | a gas production site | a private house | a shopping center"""),
    "brigade": _split("""3rd Assault Brigade | 47th Mechanized Brigade | 92nd Assault Brigade | 72nd Mechanized Brigade |
        Azov Brigade | 93rd Mechanized Brigade | 110th Mechanized Brigade | 24th Mechanized Brigade"""),
    "aid": _split("""air defense systems | artillery shells | armored vehicles | long-range missiles | drones |
        demining equipment | generators | winter clothing | F-16 fighter jets | electronic warfare systems"""),
    "n": tuple(str(n) for n in range(2, 40)),
    "big": tuple(str(n) for n in range(80, 900, 7)),
    "amount": _split("""$50 million | $120 million | $400 million | $1.2 billion | $2 billion | 500 million euros |
        1.5 billion euros | 35 billion euros | $61 billion | 800 million euros"""),
    "pct": _split("2.3 | 3.1 | 4.5 | 5.2 | 7 | 12 | 18 | 26 | 40"),
    "weekday": _split("Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday"),
}

SPEAKER_SHORT = _split("""Zelensky | Sybiha | Umerov | Shmyhal | Klitschko | Syniehubov | Rutte | Sikorski | Sánchez |
    Erdoğan | Costa | Macron | Fiala | Peskov | Kallas | Lubinets""")

TOPICS = {
    "attack": _split("""Russian forces attacked {city} with {weapon} overnight, damaging {target}, {org} reported. |
        At least {n} people were injured in the attack, including two children, according to {speaker}. |
        Air defense units shot down {big} of the drones launched by Russia, the Air Force said. |
        The strike caused a fire that rescue workers extinguished by the morning, {org} said. |
        Russia has intensified its attacks on {oblast} in recent weeks, targeting civilian infrastructure. |
        Emergency crews continued to search the rubble for survivors, {speaker} said. |
        Debris from a downed drone fell on {target} in the city's center, local authorities said. |
        Moscow has repeatedly claimed that it does not target civilians, despite evidence to the contrary. |
        Residents of {city} spent several hours in shelters as explosions echoed across the city. |
        Power outages were reported in parts of {oblast} after the attack."""),
    "diplomacy": _split("""{speaker} met with counterparts from {country} in {foreign_city} to discuss security guarantees. |
        The talks focused on air defense, sanctions against Russia, and Ukraine's path to EU membership. |
        "We need more {aid} and we need them now," {speaker} said during a press conference. |
        {country} pledged a new package of military aid worth {amount}, including {aid}. |
        The meeting comes as Western partners debate how to support Ukraine in the long term. |
        {speaker} said that any peace agreement must respect Ukraine's sovereignty and territorial integrity. |
        Officials in {foreign_city} said the next round of consultations would take place in the coming weeks. |
        The European Union has adopted several sanctions packages against Russia since the start of the full-scale war. |
        According to {speaker}, the talks were "constructive" but no final decisions were made. |
        Kyiv has repeatedly called on its allies to speed up the delivery of promised weapons."""),
    "economy": _split("""Ukraine's economy grew by {pct}% in the last quarter, {org} said. |
        The government expects to receive {amount} in budget support from international partners this year. |
        Inflation slowed to {pct}% in the past month, according to the latest official data. |
        Russian strikes on the energy grid have forced businesses to rely on generators during blackouts. |
        Exports of grain through the Black Sea corridor reached their highest level since the war began, officials said. |
        The National Bank of Ukraine kept its key policy rate unchanged at {pct}%. |
        Foreign investors remain cautious, citing security risks and the need for judicial reform. |
        {country} agreed to provide {amount} to help rebuild damaged infrastructure in {oblast}. |
        Analysts said the figures show the resilience of Ukrainian businesses despite the war. |
        The reconstruction of {target} in {city} is expected to be completed next year."""),
    "front": _split("""Ukrainian troops repelled {n} Russian assaults near {city} over the past day, {org} reported. |
        Soldiers of the {brigade} said Russian infantry attacked in small groups, often on motorcycles. |
        The situation near {city} remains difficult, according to a spokesperson for the {brigade}. |
        Russian forces have suffered heavy losses in the area, the military said, without providing details. |
        Ukraine's drone units have played a growing role in slowing the Russian advance in {oblast}. |
        {org} said Russia had deployed additional reserves to the eastern front. |
        The claims could not be independently verified. |
        Military analysts say Russia is trying to exploit Ukraine's shortage of infantry. |
        Fighting also continued in {oblast}, where Russian troops attempted to advance toward {city}. |
        Ukrainian commanders have called for faster delivery of {aid} to hold the line."""),
    "society": _split("""Volunteers in {city} have collected {big} packages of food and medicine for families near the front line. |
        Many residents who fled in 2022 have returned home despite the ongoing attacks. |
        Local authorities opened {n} new shelters in schools and kindergartens in {oblast}. |
        Teachers say children still attend underground classes because of the constant threat of air raids. |
        The project is funded by partners from {country} and local businesses, organizers said. |
        {speaker} said the government would expand support for internally displaced people. |
        Cultural institutions in {city} continue to hold concerts and exhibitions, often in basements. |
        More than {big} volunteers took part in the initiative over the past year. |
        Psychologists warn that the war has left deep scars on the mental health of Ukrainians. |
        A memorial ceremony was held in {city} to honor those killed in the war."""),
}

LEADS = _split("""{speaker} said on {date} that Ukraine would keep pressing its allies for {aid}. |
    Russia launched a combined attack against {city} on {date}, targeting {target} with {weapon}, {org} reported. |
    Ukrainian forces have stabilized the situation near {city}, {speaker} said on {date}. |
    {country} will allocate {amount} to support Ukraine's energy sector, officials announced on {date}. |
    At least {n} people were killed and dozens injured in a Russian attack on {city} on {date}, {org} said. |
    Officials from Ukraine and {country} signed an agreement on {date} to jointly produce {aid}. |
    {org} said on {date} that it had uncovered a network of Russian agents operating in {oblast}. |
    Ukraine's budget deficit will remain high next year, {speaker} told lawmakers on {date}.""")

HEADLINES = {
    "plain": _split("""Russian attack on {city} kills {n}, injures dozens | {country} pledges {amount} in new aid for Ukraine |
        Ukraine repels assault near {city}, General Staff says | {short} discusses air defense with {country} officials |
        Explosions heard in {city} amid massive Russian strike | Power outages hit {oblast} after overnight attack |
        Ukraine, {country} agree on joint production of {aid} | {short} says new sanctions against Russia coming soon |
        Russia launches {big} drones at Ukraine overnight | Volunteers rebuild school in {city} after strike"""),
    "quote": _split("""{short}: "We will not give up our land" | {short} says Russia "is not interested in peace" |
        “We need {aid} now,” {short} tells partners | 'Every day counts' — {short} urges faster aid deliveries"""),
    "amp": _split("""Russia & Belarus hold joint drills near {country} border | Q&A: what the new mobilization rules mean |
        Sanctions & shadow fleet: how Russia keeps exporting oil | Energy & war: {city} prepares for a hard winter"""),
    "curly": _split("""Ukraine’s air defense downs {big} drones over {oblast} | {city}’s residents return despite shelling |
        Russia’s economy is slowing, {org} says | {country}’s parliament backs Ukraine’s EU bid"""),
}

PHRASES = _split("""why Russia's offensive in {oblast} stalled | what the new aid package from {country} changes |
    how {city} survives under constant shelling | the price of Russia's war on Ukraine's energy grid |
    what Ukraine needs from its allies this year | how drones changed the war in {oblast} |
    the battle for {city} and what comes next | why sanctions against Russia are not enough""")

SUBHEADINGS = _split("""Martial law problem | What comes next | A difficult winter | Pressure on the front line |
    The role of allies | Life under fire | Money and weapons | A long road to justice | Looking ahead""")

DESCRIPTIONS = _split("""The attack is the latest in a series of Russian strikes on {oblast}. |
    {short} said the decision would strengthen Ukraine's defense. |
    Officials warned that more attacks are likely in the coming days. |
    The package includes {aid} and funding for reconstruction. |
    The move comes amid growing debate over the future of Western support. |
    Local residents described a night of explosions and fear. |
    Analysts say the development could shape the next phase of the war.""")

CAPTIONS = _split("""Rescue workers clear rubble at the site of a Russian strike in {city}, Ukraine, on {date}. |
    A woman walks past a destroyed building in {city} on {date}. |
    Ukrainian soldiers of the {brigade} fire toward Russian positions in {oblast} on {date}. |
    {speaker} speaks during a press conference in {foreign_city} on {date}. |
    Firefighters extinguish a fire after a Russian drone attack in {city} on {date}.""")

PAREN_CAPTIONS = _split("""{speaker} (L) and his counterpart from {country} (R) shake hands in {foreign_city} on {date}. |
    Soldiers of the {brigade} (call sign "Magura" unit) train in {oblast} on {date}. |
    A drone operator (name withheld for security reasons) prepares a drone near {city} on {date}.""")

GALLERY_CAPTIONS = _split("""Believers plunge into icy water in {city} to mark Epiphany. | Children play near a shelter in {city}. |
    A street musician performs in central {city} during a blackout. | Families gather for a memorial service in {city}. |
    Volunteers unload humanitarian aid in {oblast}. | A couple dances at an open-air concert in {city}.""")

CREDITS = _split("""Samuel Corum/Getty Images | Anastasia Vlasova | Roman Pilipey/AFP via Getty Images |
    Kostiantyn Liberov/Libkos/Getty Images | State Emergency Service | Oleksii Filippov/AFP via Getty Images |
    Ukrainian Presidential Press Service/Handout/Anadolu via Getty Images | Wojtek Radwański/AFP | Serhii Okunev""")

QUOTES = _split("""We will not give up our land | Every air defense system saves lives | The world must not look away |
    Russia understands only strength | We are grateful to our partners, but we need more""")

QUESTIONS = _split("""What is the situation near {city} now? | How important is the support from {country}? |
    What do Ukrainians expect from the coming months? | How has the war changed your work? |
    What should Western partners do differently? | Is a ceasefire realistic this year?""")

SHOWS = _split("Power Lines | Ukraine Business Live | Explaining Ukraine | The Kyiv Independent Podcast")
