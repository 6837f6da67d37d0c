"""English versions of part of the demo content, keyed to the Vietnamese originals.

The texts are written for the demo (like the Vietnamese ones, every place and person is
invented). They are not copied into pages: :mod:`home.demo.translation` hands them to
wagtail-localize as the translations of the Vietnamese strings, so the English pages are
real translations that editors can keep in sync in the admin.

Translated: the home page, the sections, the categories, the featured article and the
first telling of the topics in :data:`TOPICS`. Topics with tables are left out (their
English tables are not written yet; tables are translatable, see docs/concepts/translation.md).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime

from wagtail_govnews.slugs import ascii_slug

from . import content, newsroom
from .specs import (
    ArticleSpec,
    Block,
    PortalSpec,
    SectionSpec,
    captioned_image,
    gallery,
    heading,
    paragraph,
)
from .specs import quote as quote_block
from .stories import TOPICS as VIETNAMESE_TOPICS
from .stories import Topic, Values, Voice, build_article, plan_stories
from .translation import with_alt_texts

LANGUAGE = "en"

HOME_TITLE = "City Electronic Information Portal"
#: The portal's identity on English pages (phone and email are shared with Vietnamese).
PORTAL = PortalSpec(
    portal_name="City Electronic Information Portal (demo)",
    agency_in_charge="City People's Committee",
    address="1 Trung Tam Street, Ben Thanh Ward, the City (sample address)",
    person_responsible="Mr Nguyen Van An, Chief of Office of the City People's Committee",
    licence="Licence No. 00/GP-TTĐT of 1 January 2023 (sample)",
)
HOME_SLUG = "home"
HOME_INTRO = (
    "<p>A demonstration of a government news portal built with Wagtail and wagtail-govnews. "
    "Every article, photo, place and person here is made up for the demo.</p>"
)

#: English sections by the slug of the Vietnamese section.
SECTIONS: dict[str, SectionSpec] = {
    content.NEWS: SectionSpec(
        "news",
        "News",
        "<p>The work of the city government and its districts: administrative reform, urban "
        "affairs, social welfare and everyday life.</p>",
    ),
    content.SCIENCE_EDUCATION: SectionSpec(
        "science-education",
        "Science and Education",
        "<p>News about education, health, science and technology, culture and sport "
        "across the city.</p>",
    ),
    content.NOTICES: SectionSpec(
        "notices",
        "Notices",
        "<p>Official notices from public agencies: recruitment, health check-ups, traffic "
        "changes and public services.</p>",
    ),
}

#: English category names by Vietnamese name (slugs are made from the names).
CATEGORIES: dict[str, str] = {
    content.EDUCATION: "Education",
    content.HEALTH: "Health",
    content.SCIENCE: "Science and Technology",
    content.CULTURE: "Culture and Sports",
    content.GOVERNMENT: "Government",
    content.URBAN: "Urban Affairs and Environment",
}

#: The newsroom examples' texts (a correction notice), by their Vietnamese text.
NEWSROOM_TEXTS: dict[str, str] = {
    newsroom.CORRECTION: "The start time is 7.30, not 7.00 as first published.",
}

#: English names of the demo's tags, by their Vietnamese name.
TAGS: dict[str, str] = {
    "khoa giáo": "science and education",
    "tổng kết năm": "year in review",
    "Thuận Giang": "Thuan Giang",
    "cải cách hành chính": "administrative reform",
    "dịch vụ công": "public services",
    "tiêm chủng": "vaccination",
    "trẻ em": "children",
    "học sinh giỏi": "gifted students",
    "giáo dục": "education",
    "chuyển đổi số": "digital transformation",
    "ứng dụng di động": "mobile apps",
    "phản ánh hiện trường": "citizen reports",
    "lễ hội": "festivals",
    "thể thao quần chúng": "community sports",
    "thông báo": "announcements",
    "giao thông": "traffic",
    "sốt xuất huyết": "dengue fever",
    "phòng chống dịch": "disease prevention",
    "cây xanh": "urban trees",
    "môi trường": "environment",
    "cơ sở vật chất": "school facilities",
    "giải chạy": "fun runs",
    "học bổng": "scholarships",
    "người cao tuổi": "older people",
    "khám sức khỏe": "health checks",
    "sáng tạo": "innovation",
    "khoa học kỹ thuật": "science and engineering",
    "học sinh": "pupils",
    "an sinh xã hội": "social welfare",
    "nhà ở": "housing",
    "văn hóa đọc": "reading culture",
    "thư viện": "libraries",
    "tuyển dụng": "recruitment",
    "kinh tế số": "digital economy",
}

#: Alternative texts of the demo pictures, by picture key.
ALT_TEXTS: dict[str, str] = {
    "pho-binh-minh": "Rows of tall buildings outlined against a pink and orange sunrise sky.",
    "pho-dem": "A city block at night, many windows lit under a deep blue sky.",
    "doi-xanh": "Layer upon layer of green hills under a clear early-morning sky.",
    "dong-lua": "A field of ripe golden rice reaching the foot of the hills in the late sun.",
    "song-chieu": "The sun going down on the horizon, its light shining on the river.",
    "cong-vien": "A winding path between lawns and wide-crowned trees in a park.",
    "le-hoi": "Bright dots of many colours, like lanterns on a festival night.",
    "sang-tao": "Blue and green circles and curves woven together on a light background.",
    "hoi-truong": "A hall with a red-curtained stage, the chair's table and rows of seats.",
    "dai-bieu": "Delegates seated row after row, facing the stage of the hall.",
    "san-truong": "Yellow classroom blocks, a wide schoolyard and green trees on a sunny day.",
    "cang-bien": "Cranes and cargo ships at the quay, the sea sparkling in the afternoon sun.",
}

DISTRICT_NAMES: dict[str, str] = {
    "Bình An": "Binh An",
    "Tân Hưng": "Tan Hung",
    "An Phú": "An Phu",
    "Hòa Bình": "Hoa Binh",
    "Đồng Xuân": "Dong Xuan",
    "Thuận Giang": "Thuan Giang",
}
AUTHOR_NAMES: dict[str, str] = {
    "Thu Hà": "Thu Ha",
    "Quốc Bảo": "Quoc Bao",
    "Lan Anh": "Lan Anh",
    "Đức Thịnh": "Duc Thinh",
    "Hải Yến": "Hai Yen",
    "Ngọc Mai": "Ngoc Mai",
    "Trung Kiên": "Trung Kien",
    "Phương Thảo": "Phuong Thao",
}

ENGLISH = Voice(
    district=lambda kind, name: f"{DISTRICT_NAMES[name]} District",
    number=lambda value: f"{value:,}",
    credit="Photo: {author}",
    author=lambda name: AUTHOR_NAMES[name],
)

_FEATURED_CREDIT = "Photo: Minh Khang"

FEATURED_ARTICLE = replace(
    content.FEATURED_ARTICLE,
    slug="thuan-giang-reviews-its-science-and-education-work-in-2022",
    title=(
        "Thuan Giang District reviews its science and education work in 2022 and looks for "
        "new ways to bring resolutions to the grassroots"
    ),
    lead=(
        "More than 150 officials from the district's education, health, culture, sport and "
        "science and technology sectors looked back on a year of work at a review conference "
        "on the afternoon of 29 December, and agreed on what needs doing in 2023."
    ),
    body=with_alt_texts(
        [
            paragraph(
                "The conference was chaired by the Standing Board of the District Party Committee.",
                "Attending were representatives of the City Party Committee's Propaganda "
                "Department, leaders of the District People's Committee and the heads of the "
                "district's offices, schools, health stations and cultural centres.",
            ),
            captioned_image(
                "hoi-truong",
                "The conference in the hall of the District Political Centre.",
                _FEATURED_CREDIT,
            ),
            paragraph(
                "The report presented at the conference said that over the year the "
                "Propaganda Department of the District Party Committee co-organised 12 study "
                "sessions on key topics, in person and online, with close to 2,800 attendances "
                "by the district's leading officials.",
                "Party cells and committees held 96 themed meetings with around 31,000 "
                "attendances by Party members and residents.",
            ),
            paragraph(
                "Every sector of the group made visible progress.",
                "The district's schools stayed among the best in the city for gifted "
                "students, and many were repaired or given new specialist classrooms.",
                "Local health services handled first-line care well, quickly contained "
                "outbreaks of dengue fever and hand, foot and mouth disease, and stepped up "
                "checks on shared kitchens.",
                "Population work, child care, culture, sport and the use of science and "
                "technology also received attention and added to the district's results.",
            ),
            captioned_image(
                "dai-bieu",
                "Delegates from the science and education sectors at the conference.",
                _FEATURED_CREDIT,
            ),
            paragraph(
                "For 2023 the Propaganda Department set five groups of main tasks.",
                "The focus is on taking resolutions and directives on education, health and "
                "science and technology to the grassroots in short, plain terms, using social "
                "networks, websites and smart loudspeakers so that residents hear about them "
                "in time.",
            ),
            paragraph(
                "The conference also agreed to follow public opinion more closely and to put "
                "out official information early, to answer false claims about the sector.",
                "Teams will visit wards regularly to check and advise, run training courses "
                "for ward officials working in the field and add equipment for public "
                "information work.",
            ),
        ],
        ALT_TEXTS,
    ),
    author="Minh Khang",
    source_name="Propaganda Department, Thuan Giang District Party Committee",
)


# The topics told in English, with the extra blocks in the same places as in Vietnamese.


def _contest_quote(values: Values, rng: random.Random) -> list[Block]:
    return [
        quote_block(
            "We want the children to see every contest as a chance to try things and to grow, "
            "not only as a race for prizes.",
            "A head of the {d} Department of Education and Training".format(**values),
        )
    ]


def _festival_gallery(values: Values, rng: random.Random) -> list[Block]:
    return [
        gallery(
            "The festival in pictures",
            [
                ("le-hoi", "A bright and colourful opening night."),
                ("cong-vien", "Tug-of-war teams pull on the lawn of the central park."),
                ("san-truong", "Pupils from local schools in a mass gymnastics display."),
                ("song-chieu", "A traditional boat race on the river late in the afternoon."),
            ],
            credit="Photo: {D} Culture and Sports Centre".format(**values),
        )
    ]


def _green_slideshow(values: Values, rng: random.Random) -> list[Block]:
    return [
        gallery(
            "New green spaces in {d}".format(**values),
            [
                ("cong-vien", "A footpath in a neighbourhood garden that has just been redone."),
                ("doi-xanh", "A belt of trees along the ring road."),
                ("pho-binh-minh", "Shade trees lining a street in the centre."),
                ("dong-lua", "The landscape at the edge of the new residential area."),
            ],
            credit="Photo: Office of the People's Council and People's Committee of {D}".format(
                **values
            ),
            layout="slideshow",
        )
    ]


def _project_highlights(values: Values, rng: random.Random) -> list[Block]:
    return [
        heading("The projects the judges liked best"),
        paragraph(
            "First prize went to a group of year-9 pupils for a flood alarm that measures the "
            "water level with a sensor and sends a text message to the phones of the "
            "neighbourhood group.",
            "The two second prizes went to a reading app for blind people and a model for "
            "sorting rubbish at source in a block of flats.",
        ),
    ]


_BY_KEY = {topic.key: topic for topic in VIETNAMESE_TOPICS}


def _topic(key: str, *, caption: str | None = None, **texts: object) -> Topic:
    """The Vietnamese topic ``key`` with English texts (``caption``: of its photo)."""
    original = _BY_KEY[key]
    photo = (original.photo[0], caption) if original.photo and caption else None
    return replace(original, photo=photo, **texts)


#: English tellings by the key of the Vietnamese topic.
TOPICS: dict[str, Topic] = {
    topic.key: topic
    for topic in (
        _topic(
            "mot-cua-hien-dai",
            title="{D} opens a modernised one-stop service desk",
            lead=(
                "From the start of this week, people in {d} can hand in applications, follow "
                "their progress and collect the results at an upgraded one-stop desk, with "
                "much shorter waits."
            ),
            paragraphs=(
                "The reception and results desk has been rearranged as an open space with a "
                "help point, automatic queue-ticket machines and screens for looking up "
                "applications. At every counter an officer helps people use the online public "
                "services portal.",
                "According to the office of the {d} People's Council and People's Committee, "
                "the desk received {n1} applications in its first month of trial operation, "
                "more than {pct}% of them online, and none has been late.",
                "Next, {d} will keep reviewing and removing paperwork that is not needed and "
                "will accept more fees and charges without cash, to make things easier for "
                "residents and businesses.",
            ),
            source="Office of the People's Council and People's Committee of {D}",
            caption="The administrative centre of {d} seen from above.",
        ),
        _topic(
            "tiem-chung-mo-rong",
            title="{D} steps up routine vaccination for children under five",
            lead=(
                "The {d} Health Centre has opened a round of catch-up vaccinations in the "
                "expanded immunisation programme, so that no child is missed."
            ),
            paragraphs=(
                "Vaccinations are given at every health station on Saturday and Sunday "
                "mornings so that parents can bring their children. Each site has a screening "
                "desk, an area for watching children after the injection and a mobile "
                "emergency team.",
                "About {n1} children are expected to receive their doses against measles and "
                "rubella, diphtheria, whooping cough and tetanus, and polio. Health workers "
                "went through the lists street by street and phoned families to remind them.",
                "The health service asks parents to bring the child's vaccination record or "
                "app and to tell the staff how the child is before the injection.",
            ),
            source="{D} Health Centre",
        ),
        _topic(
            "hoc-sinh-gioi",
            title="{D} pupils do well in the city's gifted pupils' competition",
            lead=(
                "With {n2} prizes, many of them first prizes, the {d} team is again among the "
                "best in the city at this year's competition."
            ),
            paragraphs=(
                "The prizes cover mathematics, literature, English, physics and computing. "
                "Many pupils were taking part for the first time and still did remarkably "
                "well after careful preparation in their own schools.",
                "A head of the {d} Department of Education and Training said the results "
                "come from spotting and coaching gifted pupils from their first year at each "
                "school level and from helping teachers of different schools learn from one "
                "another.",
                "{D} gave awards to the prize-winning pupils and to the teachers whose "
                "coaching stood out.",
            ),
            source="{D} Department of Education and Training",
            caption="A lower secondary school in {d} with many prize winners.",
            extras=_contest_quote,
        ),
        _topic(
            "ngay-hoi-van-hoa",
            title="A lively festival of ethnic culture and sport in {d}",
            lead=(
                "More than {n1} athletes and amateur performers from the wards and communes "
                "took part in the festival, with many striking performances and close games."
            ),
            paragraphs=(
                "The programme included tug of war, stick pushing, throwing the con ball, "
                "Chinese chess and a parade of traditional dress. The crowd especially liked "
                "the food contest, where teams served the best-known dishes of their home "
                "regions.",
                "The organisers said the festival lets residents meet and get to know each "
                "other, and helps keep traditional culture alive in the rush of city life.",
                "At the close, the organisers gave the overall team awards and individual "
                "prizes to the best teams and athletes.",
            ),
            source="{D} Culture and Sports Centre",
            extras=_festival_gallery,
        ),
        _topic(
            "pho-xanh",
            title="{D} plants thousands of new trees along its streets",
            lead=(
                "The “Green Streets” programme of {d} has planted {n1} new shade trees and "
                "shrubs, making neighbourhoods greener and cooler."
            ),
            paragraphs=(
                "The species were chosen for wide crowns and deep roots that suit city "
                "pavements, such as sao den, lim xet and crape myrtle. Every tree carries a "
                "code so that its care can be followed.",
                "Many neighbourhood groups have signed up to look after the trees, water them "
                "in the dry season and tell the managing unit at once when a tree leans or "
                "looks sick.",
                "Under its plan, {d} will go on to renovate small gardens and playgrounds in "
                "residential areas so that people have more green space.",
            ),
            source="Office of the People's Council and People's Committee of {D}",
            extras=_green_slideshow,
        ),
        _topic(
            "sang-tao-khoa-hoc-ky-thuat",
            title="{D} pupils show their inventions at the science and engineering contest",
            lead=(
                "{n2} projects by secondary school pupils in {d} were shown and judged at "
                "this year's final."
            ),
            paragraphs=(
                "Many projects dealt with problems close to home, such as watering plants "
                "automatically, warning of floods, or an app that helps blind pupils read "
                "books.",
                "The judges said the pupils drew on several subjects, presented with "
                "confidence and answered questions clearly. The best projects will go on to "
                "the city-level contest.",
                "The {d} education service will keep working with universities and "
                "technology companies to help the pupils develop their products.",
            ),
            source="{D} Department of Education and Training",
            caption="The exhibition of the pupils' science and engineering projects.",
            extras=_project_highlights,
        ),
    )
}


def translated_articles(now: datetime | None = None) -> list[tuple[ArticleSpec, ArticleSpec]]:
    """(Vietnamese, English) pairs of the articles that have an English version."""
    pairs = [(content.FEATURED_ARTICLE, FEATURED_ARTICLE)]
    for story in plan_stories(now):
        english = TOPICS.get(story.topic.key)
        if english is None or story.round_ != 0:
            continue
        article = build_article(english, story, ENGLISH)
        article = replace(article, body=with_alt_texts(article.body, ALT_TEXTS))
        pairs.append((build_article(story.topic, story), article))
    return pairs


def category_slug(name: str) -> str:
    """The English slug of a category, from its English name."""
    return ascii_slug(CATEGORIES[name])
