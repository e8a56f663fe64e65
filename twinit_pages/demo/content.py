"""Demo content of the campaign: illustrative texts written for this project.

The assets are real places and object types, but the descriptions, paradata and institutions'
details are demonstration data, not records of an actual digitisation.
"""

from campaign.choices import MEMBER_STATES

HOME = {
    "title": "Twin it! 3D for Europe’s culture",
    "intro": (
        "<p>Every EU Member State shares at least one high-quality 3D digitisation of its "
        "cultural heritage, each with a clear purpose for reuse: in education, research, "
        "tourism, the creative industries and the <a href=\"/en/hackathon/\">Hack for Europe</a> "
        "hackathon. Explore the models, read their stories and reuse them under their licences.</p>"
    ),
    "call_to_action": "Explore the collection",
}

CAMPAIGN_PAGES = [
    {
        "slug": "about",
        "title": "About the campaign",
        "intro": "Twin it! 3D for Europe’s culture is a campaign of the European Commission and "
        "Europeana, run with the Ministries of Culture of the 27 Member States.",
        "body": [
            ("text", "<p>The first campaign (2023–24) gathered 37 assets from 27 Member States. "
             "This second edition asks each Member State for at least one high-quality 3D asset "
             "with a clear reuse intent, together with data, paradata, metadata and stories.</p>"),
            ("quote", {"quote": "3D for all monuments at risk and half of the most visited ones "
                       "by 2030.", "attribution": "2021 Commission Recommendation"}),
        ],
    },
    {
        "slug": "participation-guidelines",
        "title": "Participation guidelines",
        "intro": "How Member States and their institutions take part, step by step.",
        "body": [
            ("heading", "Who does what"),
            ("text", "<ol><li>Institution contributors draft their country’s assets.</li>"
             "<li>An automated check lists what Europeana still needs.</li>"
             "<li>The national coordinator approves.</li>"
             "<li>Europeana editors give the final approval and publish.</li></ol>"),
        ],
    },
    {
        "slug": "faq",
        "title": "Frequently asked questions",
        "intro": "Answers for contributors, translators and reusers.",
        "body": [
            ("faq_item", {"question": "Which 3D formats can I upload?",
                          "answer": "<p>glTF 2.0 (GLB or glTF), OBJ with MTL and textures, PLY "
                          "and STL, or a zip of a multi-file model.</p>"}),
            ("faq_item", {"question": "Which licence should I choose?",
                          "answer": "<p>An open licence (CC BY, CC BY-SA, CC0 or the Public "
                          "Domain Mark) gives the widest reuse and Europeana’s highest tier.</p>"}),
            ("faq_item", {"question": "What is paradata and why is it asked for?",
                          "answer": "<p>Paradata records how a model was made: capture "
                          "technique, equipment, software, dates, operators and processing "
                          "steps. It lets reusers judge what the model can be trusted for.</p>"}),
            ("faq_item", {"question": "What are intended usage areas?",
                          "answer": "<p>Europeana’s list of fields a model is digitised for "
                          "(education, research, tourism, restoration …). Choose every area "
                          "your institution has in mind; they are exported to Europeana.</p>"}),
            ("faq_item", {"question": "How large may a 3D model be?",
                          "answer": "<p>Up to 1 GB per upload. The site keeps the original as "
                          "the downloadable master and makes a lighter web version for the "
                          "viewer.</p>"}),
            ("faq_item", {"question": "Who translates the asset pages?",
                          "answer": "<p>National translators, in any of the 24 official EU "
                          "languages. A translation goes live after review; until then readers "
                          "see the original with a notice.</p>"}),
            ("faq_item", {"question": "How can I reuse the models?",
                          "answer": "<p>Every page shows its licence and a ready-made credit "
                          "line. The <a href=\"/en/reuse/\">Reuse the data</a> page lists the "
                          "API, OAI-PMH and the datasets per country.</p>"}),
        ],
    },
    {
        "slug": "hackathon",
        "title": "Hack for Europe",
        "intro": "Developers and designers reuse the campaign’s 3D heritage through our open API "
        "and downloadable dataset.",
        "body": [
            ("text", "<p>Every published asset is available as open data under its licence: "
             "browse the <a href=\"/en/collection/\">collection</a>, query the "
             "<a href=\"/en/reuse/#api\">API</a> (with its OpenAPI description) or download the "
             "<a href=\"/en/reuse/#datasets\">datasets per country</a>.</p>"),
        ],
    },
    {
        "slug": "imprint", "in_menu": False,
        "title": "Imprint",
        "intro": "Who publishes this site.",
        "body": [
            ("text", "<p>This demonstration site is published for the Twin it! 3D campaign of "
             "the European Commission and Europeana. Replace this text with the publisher’s "
             "legal name, address and contact before going live.</p>"),
        ],
    },
    {
        "slug": "privacy", "in_menu": False,
        "title": "Privacy notice",
        "intro": "What this site records about its readers.",
        "body": [
            ("text", "<p>Public pages set no tracking cookies and load nothing from other "
             "sites: fonts, viewers, maps and the API reference are served from this site. "
             "Editors’ accounts store a name, an email address and their actions in the "
             "workflow.</p>"),
        ],
    },
    {
        "slug": "accessibility", "in_menu": False,
        "title": "Accessibility statement",
        "intro": "This site aims to meet WCAG 2.2 level AA.",
        "body": [
            ("text", "<p>Every public page is tested automatically with axe in several languages "
             "and at phone and desktop width, works with the keyboard, and offers every 3D model "
             "with a text description, its paradata and downloads. Report a problem to the "
             "publisher named in the imprint.</p>"),
        ],
    },
]

INSTITUTIONS = [
    {"key": "GR", "name": "Ephorate of Antiquities of Athens", "country": "GR",
     "website": "https://www.culture.gov.gr/", "wikidata": ""},
    {"key": "IT", "name": "Archaeological Park of Ostia Antica", "country": "IT",
     "website": "https://www.ostiaantica.beniculturali.it/", "wikidata": ""},
    {"key": "HR", "name": "Split City Museum", "country": "HR",
     "website": "https://www.mgst.net/", "wikidata": ""},
    {"key": "EE", "name": "Tallinn City Museum", "country": "EE",
     "website": "https://www.linnamuuseum.ee/", "wikidata": ""},
    {"key": "LV", "name": "National Heritage Board of Latvia", "country": "LV",
     "website": "https://mantojums.lv/", "wikidata": ""},
    {"key": "PT", "name": "Monastery of Jerónimos and Tower of Belém", "country": "PT",
     "website": "https://www.patrimoniocultural.gov.pt/", "wikidata": ""},
]

# A national introduction as a Ministry of Culture would write it (demo text, not a real record);
# editors replace it and translators translate it like any other page content.
STATE_INTRO = (
    "<p>{country} takes part in Twin it! 3D for Europe’s culture through its Ministry of Culture "
    "and national cultural heritage institutions. Each of them chose monuments, sites and objects "
    "to digitise in 3D, with a clear purpose: to document their condition, to help restore and "
    "maintain them, and to open them to research, education and creative reuse.</p>"
    "<p>Every asset below comes with its story, how its 3D model was made and the licence under "
    "which you may reuse it. See them on the map, explore them in the collection, or download the "
    "national dataset from the “Reuse the data” page.</p>"
)


def member_state_pages():
    return [
        {"iso_code": code, "title": str(name), "slug": str(name).lower().replace(" ", "-"),
         "introduction": STATE_INTRO.format(country=name)}
        for code, name in MEMBER_STATES
    ]


ASSETS = [
    {
        "country": "GR", "slug": "temple-of-hephaestus", "title": "Temple of Hephaestus, Athens",
        "motif": "temple", "model": "temple-front",
        "summary": "One of the best-preserved Doric temples of ancient Greece, overlooking the "
        "Agora of Athens, recorded in 3D to monitor weathering of its marble.",
        "description": "<p>Built in the mid-5th century BCE on the Kolonos Agoraios hill, the "
        "temple kept its roof and colonnade because it served as a church for centuries. The 3D "
        "survey documents every column drum and the friezes of the pronaos.</p>",
        "heritage_type": "monument", "priority_categories": ["most_visited", "at_risk"],
        "place_name": "Ancient Agora of Athens", "latitude": "37.975556", "longitude": "23.721389",
        "date_display": "c. 449–415 BCE", "start_year": -449, "end_year": -415,
        "reuse_statement": "Digitised to document the state of the marble for conservation and to "
        "let schools and visitors explore the temple in detail.",
        "reuse_audiences": "Conservators, teachers and pupils, visitors planning a trip.",
        "usage_areas": ["Maintenance", "Education", "Tourism"],
        "reuse_scope": "The whole building, exterior and pronaos.",
        "rights_uri": "http://creativecommons.org/licenses/by/4.0/",
        "capture_technique": "photogrammetry", "digital_source_type": "digitalCapture",
        "capture_equipment": "Full-frame DSLR, 35 mm lens; drone for the roof.",
        "processing_software": "Open-source photogrammetry pipeline; mesh clean-up in Blender.",
        "capture_date": "2025-04-12", "processing_date": "2025-05-20",
        "operators": "Survey team of the Ephorate (demo)", "image_count": 2840,
        "accuracy": "±2 mm", "resolution": "1.5 mm ground sampling distance",
        "processing_steps": "Alignment, dense matching, meshing, decimation to a web version.",
        "story": ("A temple that became a church",
                  "<p>Its survival is owed to reuse: as the church of Saint George it stayed roofed "
                  "and cared for.</p>",
                  [("c. 449 BCE", -449, "Construction begins", "Work starts under Pericles."),
                   ("7th century", 650, "A church", "The temple becomes a Christian church.")],
                  [("Pediment", "The pediment", "Look up at the gable above the columns.")]),
        "elements": [("East pediment", "Fragments of the sculpture that filled the pediment.")],
    },
    {
        "country": "IT", "slug": "amphora-from-ostia", "title": "Roman amphora from Ostia",
        "motif": "amphora", "model": "amphora",
        "summary": "A transport amphora from the port of Ostia, which carried wine and oil to "
        "Rome; its 3D model shows the potter's marks on the handles.",
        "description": "<p>Amphorae like this travelled by the thousand through the harbour of "
        "ancient Rome. The scan records its shape, repairs and stamps for research on trade.</p>",
        "heritage_type": "movable_object", "priority_categories": ["low_digitisation"],
        "place_name": "Ostia Antica, Rome", "latitude": "41.755700", "longitude": "12.292600",
        "date_display": "1st century CE", "start_year": 1, "end_year": 100,
        "reuse_statement": "To share the collection's everyday objects with researchers and the "
        "creative sector, who can print or reuse the model freely.",
        "reuse_audiences": "Archaeologists, designers, teachers.",
        "usage_areas": ["Research", "Creativity", "Design"],
        "reuse_scope": "One complete object.",
        "rights_uri": "http://creativecommons.org/publicdomain/zero/1.0/",
        "capture_technique": "structured_light", "digital_source_type": "digitalCapture",
        "capture_equipment": "Structured-light scanner on a turntable.",
        "processing_software": "Scanner software; texture baking.",
        "capture_date": "2025-02-03", "processing_date": "2025-02-10",
        "operators": "Park's digitisation lab (demo)", "scan_station_count": 36,
        "accuracy": "±0.1 mm", "resolution": "0.2 mm point spacing",
        "processing_steps": "Registration of 36 scans, fusion, hole filling, texture projection.",
        "story": ("From the harbour to the table",
                  "<p>Stamps on the handles name the workshop that made it.</p>",
                  [("1st century CE", 50, "Made in Campania", "Thrown on a wheel and fired.")],
                  [("Handle", "The handle", "Zoom in on the handle: potters stamped their names there.")]),
        "elements": [],
    },
    {
        "country": "HR", "slug": "peristyle-column-diocletians-palace",
        "title": "Column of the Peristyle, Diocletian's Palace", "motif": "column",
        "model": "fluted-column",
        "summary": "A column of the ceremonial court of the Roman emperor's palace in Split, "
        "scanned to follow the weathering of its stone in a living city centre.",
        "description": "<p>The palace built for Emperor Diocletian around 300 CE became the core "
        "of the city of Split. Its peristyle is still the town's main square, and its columns "
        "carry centuries of wear from visitors and sea air.</p>",
        "heritage_type": "monument", "priority_categories": ["most_visited", "at_risk"],
        "place_name": "Peristyle, Split", "latitude": "43.508100", "longitude": "16.440200",
        "date_display": "c. 295–305 CE", "start_year": 295, "end_year": 305,
        "reuse_statement": "To measure surface loss over time and to let students study Roman "
        "architecture in detail.",
        "reuse_audiences": "Conservators, architecture students, visitors.",
        "usage_areas": ["Maintenance", "Education", "Research"],
        "reuse_scope": "One column with its base and capital.",
        "rights_uri": "http://creativecommons.org/licenses/by/4.0/",
        "capture_technique": "structured_light", "digital_source_type": "digitalCapture",
        "capture_equipment": "Hand-held structured-light scanner; scaffold for the capital.",
        "processing_software": "Scanner software; mesh repair.", "capture_date": "2025-05-06",
        "operators": "Conservation team (demo)", "scan_station_count": 48,
        "accuracy": "±0.2 mm", "resolution": "0.5 mm point spacing",
        "processing_steps": "Registration, fusion, hole filling, decimation for the web.",
        "story": ("A palace that became a town",
                  "<p>Medieval houses grew inside the palace walls, and the peristyle became "
                  "the heart of Split.</p>",
                  [("c. 305 CE", 305, "The emperor retires", "Diocletian settles in his palace.")],
                  [("Flutes", "The flutes", "Follow the shallow grooves down the shaft.")]),
        "elements": [],
    },
    {
        "country": "EE", "slug": "tallinn-town-hall", "title": "Tallinn Town Hall",
        "motif": "town_hall", "model": "temple-front",
        "summary": "The only surviving Gothic town hall in Northern Europe, laser-scanned "
        "inside and out.",
        "description": "<p>Completed in 1404, the town hall has watched over the market square of "
        "Tallinn's Old Town, a UNESCO World Heritage site, for six centuries.</p>",
        "heritage_type": "building", "priority_categories": ["most_visited"],
        "place_name": "Town Hall Square, Tallinn", "latitude": "59.437000",
        "longitude": "24.745300", "date_display": "1402–1404", "start_year": 1402,
        "end_year": 1404,
        "reuse_statement": "To support maintenance planning and virtual visits of the tower, "
        "which few visitors can climb.",
        "reuse_audiences": "Architects, tourism, schools.",
        "usage_areas": ["Maintenance", "Tourism", "Documentation"],
        "reuse_scope": "Exterior, hall and tower.",
        "rights_uri": "http://creativecommons.org/licenses/by-sa/4.0/",
        "capture_technique": "terrestrial_laser_scanning", "digital_source_type": "digitalCapture",
        "capture_equipment": "Terrestrial laser scanner; calibrated camera for colour.",
        "processing_software": "Point-cloud registration software.",
        "capture_date": "2025-06-01", "processing_date": "2025-07-15",
        "operators": "City survey office (demo)", "scan_station_count": 128,
        "accuracy": "±3 mm", "resolution": "5 mm point spacing",
        "processing_steps": "Registration, colourisation, meshing.",
        "story": ("Old Thomas", "<p>The weathervane on the tower, Old Thomas, guards the city.</p>",
                  [("1404", 1404, "Completion", "The town hall takes its present form.")],
                  [("Old Thomas", "The weathervane", "Look at the top of the spire.")]),
        "elements": [("Old Thomas", "The weathervane of 1530 at the top of the spire.")],
    },
    {
        "country": "LV", "slug": "riga-cathedral", "title": "Riga Cathedral",
        "motif": "cathedral", "model": "fluted-column",
        "summary": "The largest medieval church in the Baltic states, recorded in 3D during "
        "restoration of its brick façades.",
        "description": "<p>Founded in 1211, the cathedral mixes Romanesque, Gothic and Baroque "
        "architecture; its organ was once the largest in the world.</p>",
        "heritage_type": "building", "priority_categories": ["at_risk", "most_visited"],
        "place_name": "Dome Square, Riga", "latitude": "56.949000", "longitude": "24.104600",
        "date_display": "1211 onwards", "start_year": 1211, "end_year": 1775,
        "reuse_statement": "Documentation of the façades before and after restoration.",
        "reuse_audiences": "Restorers and researchers.",
        "usage_areas": ["Restoration", "Research"],
        "reuse_scope": "Exterior façades and tower.",
        "rights_uri": "http://creativecommons.org/licenses/by-nc/4.0/",
        "capture_technique": "mixed", "digital_source_type": "digitalCapture",
        "capture_equipment": "Laser scanner and drone photogrammetry.",
        "processing_software": "Registration and photogrammetry software.",
        "capture_date": "2025-08-20", "operators": "Heritage Board surveyors (demo)",
        "scan_station_count": 64, "image_count": 1900, "accuracy": "±5 mm",
        "processing_steps": "Combined registration, meshing, texturing.",
        "story": ("Eight centuries of building", "<p>Each century added to the church.</p>",
                  [("1211", 1211, "Foundation", "Bishop Albert lays the foundation stone.")], []),
        "elements": [],
    },
    {
        "country": "PT", "slug": "tower-of-belem", "title": "Tower of Belém",
        "motif": "tower", "model": "fluted-column",
        "summary": "The fortified tower at the mouth of the Tagus, a symbol of the Age of "
        "Discovery, digitised against erosion by the river.",
        "description": "<p>Built between 1514 and 1520, the tower guarded the entrance to Lisbon's "
        "harbour. Its Manueline decoration is threatened by salt and water.</p>",
        "heritage_type": "monument", "priority_categories": ["at_risk", "most_visited"],
        "place_name": "Belém, Lisbon", "latitude": "38.691600", "longitude": "-9.216000",
        "date_display": "1514–1520", "start_year": 1514, "end_year": 1520,
        "reuse_statement": "To monitor erosion and offer a virtual visit to people who cannot "
        "climb the narrow stairs.",
        "reuse_audiences": "Conservators, visitors with reduced mobility, teachers.",
        "usage_areas": ["Maintenance", "Tourism", "Infotainment"],
        "reuse_scope": "The whole tower and bastion.",
        "rights_uri": "http://creativecommons.org/licenses/by/4.0/",
        "capture_technique": "photogrammetry", "digital_source_type": "digitalCapture",
        "capture_equipment": "Drone and handheld cameras.",
        "processing_software": "Photogrammetry software.", "capture_date": "2025-03-15",
        "operators": "Survey team (demo)", "image_count": 3500, "accuracy": "±4 mm",
        "processing_steps": "Alignment, meshing, texturing.",
        "story": ("Guardian of the Tagus", "<p>Ships leaving for the Indies passed the tower.</p>",
                  [("1520", 1520, "Completed", "The tower is finished under King Manuel I.")],
                  [("Rhinoceros", "The rhinoceros", "Find the stone rhinoceros under a turret.")]),
        "elements": [("Stone rhinoceros", "One of the first depictions of a rhinoceros in "
                      "European art.")],
    },
]

# The campaign in progress: more Member States, each asset at a different point of the workflow.
# (country, slug, title, institution, place, latitude, longitude, heritage type, model, motif,
#  workflow stage, summary). Fields not listed come from IN_PROGRESS_DEFAULTS.
IN_PROGRESS = [
    ("AT", "roman-milestone-carnuntum", "Roman milestone from Carnuntum",
     "Archaeological Park Carnuntum", "Petronell-Carnuntum", "48.112000", "16.862000",
     "movable_object", "fluted-column", "column", "live",
     "A Roman milestone of the Amber Road, scanned to read its weathered inscription."),
    ("BE", "belfry-of-bruges-pinnacle", "Pinnacle of the Belfry of Bruges",
     "Flemish Heritage Agency", "Markt, Bruges", "51.208000", "3.224000",
     "building", "temple-front", "tower", "live",
     "A stone pinnacle of the medieval belfry, recorded before its restoration."),
    ("CZ", "lednice-colonnade", "Colonnade of Lednice",
     "National Heritage Institute", "Lednice", "48.782000", "16.806000",
     "monument", "temple-front", "temple", "live",
     "The hilltop colonnade of the Lednice–Valtice landscape, surveyed by drone."),
    ("DE", "amphora-from-trier", "Roman amphora from Trier",
     "Rheinisches Landesmuseum Trier", "Trier", "49.752000", "6.641000",
     "movable_object", "amphora", "amphora", "europeana_review",
     "A wine amphora from the Roman capital on the Moselle, scanned for a school programme."),
    ("ES", "column-of-merida", "Column of the Temple of Diana, Mérida",
     "National Museum of Roman Art", "Mérida", "38.917000", "-6.344000",
     "monument", "fluted-column", "column", "europeana_review",
     "A granite column of the Roman temple at the heart of Augusta Emerita."),
    ("IE", "round-tower-glendalough", "Round tower of Glendalough",
     "Office of Public Works", "Glendalough, County Wicklow", "53.010000", "-6.327000",
     "monument", "fluted-column", "tower", "national_review",
     "The early medieval round tower of the monastic city, scanned inside and out."),
    ("NL", "delft-jar", "Delftware jar",
     "Museum Prinsenhof Delft", "Delft", "52.012000", "4.356000",
     "movable_object", "amphora", "amphora", "national_review",
     "A blue-and-white jar from a Delft pottery, recorded with structured light."),
    ("PL", "wawel-cathedral-portal", "Portal of Wawel Cathedral",
     "Wawel Royal Castle", "Wawel Hill, Kraków", "50.054000", "19.935000",
     "building", "temple-front", "cathedral", "draft",
     "The west portal of the coronation cathedral of the Polish kings."),
]

IN_PROGRESS_DEFAULTS = {
    "priority_categories": ["at_risk"],
    "date_display": "Antiquity to the Middle Ages", "start_year": 100, "end_year": 1500,
    "reuse_statement": "Digitised so that conservators can monitor its condition and teachers "
    "and visitors can explore it in detail online.",
    "reuse_audiences": "Conservators, teachers and pupils, visitors.",
    "usage_areas": ["Maintenance", "Education"],
    "reuse_scope": "The whole object, at a resolution suited to conservation.",
    "rights_uri": "http://creativecommons.org/licenses/by/4.0/",
    "capture_technique": "photogrammetry", "digital_source_type": "digitalCapture",
    "capture_equipment": "Full-frame camera and turntable or drone.",
    "processing_software": "Open-source photogrammetry pipeline.",
    "capture_date": "2025-09-10", "processing_date": "2025-10-01",
    "operators": "Digitisation team (demo)", "image_count": 640, "accuracy": "±2 mm",
    "processing_steps": "Alignment, dense matching, meshing, decimation to a web version.",
    "elements": [],
}


def in_progress_assets():
    """The IN_PROGRESS rows as asset dicts like ASSETS, each with its "stage"."""
    assets = []
    for (country, slug, title, _institution, place, latitude, longitude, heritage_type, model,
         motif, stage, summary) in IN_PROGRESS:
        asset = dict(IN_PROGRESS_DEFAULTS)
        asset.update({
            "country": country, "slug": slug, "title": title, "motif": motif, "model": model,
            "stage": stage, "summary": summary, "place_name": place, "latitude": latitude,
            "longitude": longitude, "heritage_type": heritage_type,
            "description": f"<p>{summary} The 3D model shown is a stand-in generated by code "
            "for the demonstration.</p>",
            "story": (title, f"<p>{summary}</p>",
                      [("2025", 2025, "Digitised", "The object is recorded in 3D.")], []),
        })
        assets.append(asset)
    return assets


def in_progress_institutions():
    return [{"key": country, "name": institution, "country": country, "website": "",
             "wikidata": ""} for country, _s, _t, institution, *_rest in IN_PROGRESS]
