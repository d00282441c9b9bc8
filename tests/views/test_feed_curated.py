"""The Atom feed, editors' pages and collections (public side and admin), and the structure
every public page shares: landmarks, one h1, labelled filter controls, language tags, the
footer and header; drafts and private notes kept out; escaping."""
import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

from releases.models import Collection, Page, PublicationStatus, ReleaseEvent
from tests.support import factories as f
from tests.support.name_search import NAME_SEARCH_WITHOUT_CANDIDATES
from tests.support.pages import busy_releases, Html, person, release, squash

ATOM = "{http://www.w3.org/2005/Atom}"
ADMIN = "/" + settings.ADMIN_PATH


def feed(client, query=""):
    response = client.get("/feed/" + (f"?{query}" if query else ""))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == ATOM + "feed"
    return root


def entry_titles(root):
    return [e.findtext(ATOM + "title") for e in root.findall(ATOM + "entry")]


def published(event, when):
    """Set when a release was first published (the feed's order)."""
    ReleaseEvent.objects.filter(pk=event.pk).update(published_at=when)


def at(day):
    return datetime.datetime(2025, 3, day, 12, tzinfo=datetime.timezone.utc)


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return Html(response.content)


# -- the Atom feed ------------------------------------------------------------------------

def test_feed_is_atom_with_the_newest_published_first_and_no_drafts(client, db):
    old_news = release(datetime.date(2025, 2, 12), title="Released long ago, published last", releasing_country="BY",
                       internal_notes="PRIVATE-FEED-NOTE")
    first = release(datetime.date(2025, 3, 1), "month", title="Published first", releasing_country="RU",
                    summary="Freed from a Russian jail.")
    second = release(datetime.date(2024, 6, 1), "month", date_to=datetime.date(2024, 8, 1), title="Published second")
    draft = release(datetime.date(2025, 3, 2), title="DRAFT-IN-FEED", publication_status="draft")
    published(first, at(1)), published(second, at(2)), published(old_news, at(3)), published(draft, at(4))

    response = client.get("/feed/")
    assert b"DRAFT-IN-FEED" not in response.content and b"PRIVATE-FEED-NOTE" not in response.content
    root = feed(client)
    assert root.findtext(ATOM + "title") == "Release Tracker: newly published releases"
    assert entry_titles(root) == [
        "Released long ago, published last (12 February 2025)",
        "Published second (June 2024 – August 2024)",
        "Published first (March 2025)",
    ]
    entries = root.findall(ATOM + "entry")
    for entry, event in zip(entries, (old_news, second, first)):
        link = entry.find(ATOM + "link")
        assert link.get("rel") == "alternate"
        assert link.get("href") == f"http://testserver/releases/{event.pk}/"
        assert entry.findtext(ATOM + "id")
        assert entry.findtext(ATOM + "updated")
    assert [e.findtext(ATOM + "published") for e in entries] == [
        "2025-03-03T12:00:00+00:00", "2025-03-02T12:00:00+00:00", "2025-03-01T12:00:00+00:00",
    ]
    assert entries[2].findtext(ATOM + "summary") == "Freed from a Russian jail."


def test_feed_honours_the_timeline_filters(client, db):
    russia = release(datetime.date(2025, 2, 11), title="Russia frees Marc Fogel", releasing_country="RU")
    release(datetime.date(2025, 2, 12), title="Belarus frees three", releasing_country="BY")
    release(datetime.date(2025, 2, 13), title="Russia draft", releasing_country="RU", publication_status="draft")
    f.ReleasedPersonFactory(release=russia, prisoner=person("Marc Fogel", "US", names=["Mark Fogel"]))
    root = feed(client, "country=RU")
    assert entry_titles(root) == ["Russia frees Marc Fogel (11 February 2025)"]
    alternate = [link for link in root.findall(ATOM + "link") if link.get("rel") == "alternate"]
    assert [link.get("href") for link in alternate] == ["http://testserver/?country=RU"]
    assert entry_titles(feed(client, "q=Mark+Fogel")) == ["Russia frees Marc Fogel (11 February 2025)"]
    assert entry_titles(feed(client, "citizenship=US&date_after=2025-02-12")) == []
    assert len(entry_titles(feed(client))) == 2


def test_the_timeline_announces_its_feed_with_the_same_filters(client, db):
    for query, href in (("", "/feed/"), ("country=BY&kind=pardon&page=2", "/feed/?country=BY&kind=pardon")):
        html = get(client, "/?" + query)
        links = [e for e in html.all("link", html.one("head"), rel="alternate")]
        assert [(e["attrs"]["type"], e["attrs"]["href"]) for e in links] == [("application/atom+xml", href)]


def test_a_filtered_feed_names_itself_with_its_filter(client, db):
    release(datetime.date(2025, 2, 11), releasing_country="RU")
    root = feed(client, "country=RU")
    [self_link] = [link for link in root.findall(ATOM + "link") if link.get("rel") == "self"]
    assert self_link.get("href") == "http://testserver/feed/?country=RU"


def test_an_invalid_filter_in_the_feed_is_an_error(client, db):
    release(datetime.date(2025, 2, 11), releasing_country="RU")
    assert client.get("/feed/?country=XX").status_code == 400


FEED_QUERIES = 1


@pytest.mark.parametrize("count", [5, 60])
def test_feed_has_at_most_50_entries_in_a_fixed_number_of_queries(client, db, count, django_assert_num_queries):
    busy_releases(count)
    with django_assert_num_queries(FEED_QUERIES):
        response = client.get("/feed/")
    root = ET.fromstring(response.content)
    assert len(root.findall(ATOM + "entry")) == min(count, 50)
    # + the name search's candidate lookup (nobody is called "Busy", so no second query)
    with django_assert_num_queries(FEED_QUERIES + NAME_SEARCH_WITHOUT_CANDIDATES):
        client.get("/feed/?country=BY&citizenship=BY&q=Busy")


def test_markup_in_a_title_is_text_in_the_feed(client, db):
    event = release(datetime.date(2025, 2, 12), title="<b>bold</b> & <script>x</script>")
    f.ReleasedPersonFactory(release=event, prisoner=person("<script>alert(1)</script>"))
    f.PartyRoleFactory(release=event, party=f.PartyFactory(name="<img src=x onerror=alert(2)>"))
    f.CitationFactory(release=event, quote="<iframe src=evil></iframe>")
    body = client.get("/feed/").content.decode()
    for raw in ("<b>", "<script", "<img", "<iframe"):
        assert raw not in body, raw
    [entry] = feed(client).findall(ATOM + "entry")
    title = entry.find(ATOM + "title")
    assert title.get("type", "text") == "text" and len(title) == 0
    assert title.text == "<b>bold</b> & <script>x</script> (12 February 2025)"


def test_markup_in_a_summary_is_text_in_the_feed(client, db):
    release(datetime.date(2025, 2, 12), summary="<script>alert(1)</script> AT&T")
    [entry] = feed(client).findall(ATOM + "entry")
    summary = entry.find(ATOM + "summary")
    # As a reader shows it: a text construct as is; an html construct after parsing its markup.
    assert summary.get("type", "text") == "text" or "<script>" not in summary.text


# -- pages and collections ------------------------------------------------------------------

def site_nav(html):
    nav = html.one("nav", aria_label="Site")
    return [(squash(a["text"]), a["attrs"]["href"]) for a in html.all("a", nav)]


def test_demo_about_page_and_collection(client, demo):
    html = get(client, "/pages/about/")
    article = html.one("article", class_="page")
    assert html.texts("h1") == ["About and methodology"]
    paragraphs = html.texts("p", article)
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("The Release Tracker records releases of political prisoners")
    assert paragraphs[4].startswith("Names. People appear in the press under many spellings (Maushuk / Movshuk")
    assert "https://<this site>/releases/1/" in paragraphs[6]  # shown as typed, not as a tag
    assert site_nav(html) == [
        ("Timeline", "/"), ("Statistics", "/statistics/"),
        ("US–Belarus prisoner diplomacy, 2025", "/collections/us-belarus-prisoner-diplomacy-2025/"),
        ("About and methodology", "/pages/about/"),
    ]

    html = get(client, "/collections/us-belarus-prisoner-diplomacy-2025/")
    article = html.one("article", class_="collection")
    assert html.texts("h1") == ["US–Belarus prisoner diplomacy, 2025"]
    intro = [p for p in html.texts("p", article) if not p.startswith(("Collection",))]
    assert intro[0].startswith("After the January 2025 change of administration in Washington")
    assert intro[1] == "Others named in the same reporting remain held: Yuri Zenkovich, Ihar Karney and Ihar Losik."
    items = html.all("li", html.one("ol", article, class_="collection-items"))
    assert [squash(html.one("a", li)["text"]) for li in items] == [
        "Belarus frees US citizen Anastasia Nuhfer",
        "Russia frees Marc Fogel in exchange for Alexander Vinnik",
        "Belarus frees Andrey Kuznechyk, Alena Maushuk and Nikolai Shugaev to a US envoy",
        "Yuri Zenkovich", "Ihar Karney", "Ihar Losik", "The New York Times, 15 February 2025",
    ]
    envoy = ReleaseEvent.objects.get(slug="belarus-2025-02-12-three-to-us-envoy")
    assert html.one("a", items[2])["attrs"]["href"] == f"/releases/{envoy.pk}/"
    assert html.texts("p", items[2], class_="note") == ["Three people handed to a US envoy; accounts differ on where."]
    assert html.texts("span", items[6], class_="kind") == ["Source"]


def test_a_page_body_is_plain_text_in_paragraphs(client, db):
    page = f.PageFactory(title="Method <em>ology</em>", slug="method",
                         body="<script>alert(1)</script> is not run.\n\nLine one\nline two & more")
    response = client.get("/pages/method/")
    content = response.content.decode()
    assert "<script>alert(1)" not in content and "<em>ology" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; is not run." in content
    html = Html(content)
    article = html.one("article", class_="page")
    assert html.texts("h1") == ["Method <em>ology</em>"]
    assert html.texts("p", article) == ["<script>alert(1)</script> is not run.", "Line oneline two & more"]
    assert "<p>Line one<br>line two &amp; more</p>" in content  # a single newline is a line break
    assert ("Method <em>ology</em>", page.get_absolute_url()) in site_nav(html)


@pytest.fixture
def curated(db):
    """Published, draft and in-review pages and collections; a collection whose items point at
    published and unpublished records, entered out of order."""
    f.PageFactory(title="Methodology", slug="methodology", navigation_order=2, internal_notes="PRIVATE-PAGE-NOTE")
    f.PageFactory(title="About", slug="about", navigation_order=1)
    f.PageFactory(title="DRAFT-PAGE", slug="draft-page", publication_status="draft")
    f.PageFactory(title="REVIEW-PAGE", slug="review-page", publication_status="review")
    collection = f.CollectionFactory(title="Prisoner diplomacy", slug="diplomacy", navigation_order=1,
                                     introduction="First paragraph.\n\nSecond paragraph.",
                                     internal_notes="PRIVATE-COLLECTION-NOTE")
    f.CollectionFactory(title="DRAFT-COLLECTION", slug="draft-collection", publication_status="draft")
    shown_release = release(datetime.date(2025, 1, 1), "month", title="Nuhfer freed", internal_notes="PRIVATE-RN")
    shown_person = person("Ihar Losik", internal_notes="PRIVATE-PN")
    shown_source = f.SourceFactory(outlet="The New York Times", title="A grand bargain")
    f.CollectionItemFactory(collection=collection, position=3, release=None, source=shown_source, note="The report.")
    f.CollectionItemFactory(collection=collection, position=1, release=shown_release, note="The first release.")
    f.CollectionItemFactory(collection=collection, position=2, release=None, prisoner=shown_person, note="Still held.")
    f.CollectionItemFactory(collection=collection, position=0, release=release(
        datetime.date(2025, 2, 1), title="DRAFT-ITEM-RELEASE", publication_status="draft"), note="DRAFT-NOTE-1")
    f.CollectionItemFactory(collection=collection, position=4, release=None, prisoner=person(
        "DRAFT-ITEM-PERSON", publication_status="review"), note="DRAFT-NOTE-2")
    f.CollectionItemFactory(collection=collection, position=5, release=None, source=f.SourceFactory(
        outlet="DRAFT-ITEM-SOURCE", publication_status="draft"), note="DRAFT-NOTE-3")
    return {"collection": collection, "release": shown_release, "person": shown_person, "source": shown_source}


def test_a_collection_shows_its_introduction_and_public_items_in_order(client, curated):
    html = get(client, "/collections/diplomacy/")
    article = html.one("article", class_="collection")
    assert html.texts("h1") == ["Prisoner diplomacy"]
    assert html.texts("p", article)[:3] == ["Collection", "First paragraph.", "Second paragraph."]
    items = html.all("li", html.one("ol", article, class_="collection-items"))
    assert [(squash(html.one("a", li)["text"]), html.one("a", li)["attrs"]["href"]) for li in items] == [
        ("Nuhfer freed", f"/releases/{curated['release'].pk}/"),
        ("Ihar Losik", f"/people/{curated['person'].pk}/"),
        ("The New York Times: A grand bargain", f"/sources/{curated['source'].pk}/"),
    ]
    assert [html.texts("span", li, class_="kind") for li in items] == [["Release"], ["Person"], ["Source"]]
    assert [html.texts("p", li, class_="note") for li in items] == [
        ["The first release."], ["Still held."], ["The report."]
    ]
    assert "(January 2025)" in squash(items[0]["text"])
    page = client.get("/collections/diplomacy/").content.decode()
    for marker in ("DRAFT-ITEM", "DRAFT-NOTE", "PRIVATE-"):
        assert marker not in page, marker


def test_drafts_are_404_and_absent_from_the_navigation_on_every_page(client, curated):
    for url in ("/pages/draft-page/", "/pages/review-page/", "/collections/draft-collection/", "/pages/nope/"):
        assert client.get(url).status_code == 404, url
    event = curated["release"]
    party = f.PartyFactory()
    f.PartyRoleFactory(release=event, party=party)
    urls = ["/", "/statistics/", "/pages/about/", "/pages/methodology/", "/collections/diplomacy/",
            event.get_absolute_url(), curated["person"].get_absolute_url(), party.get_absolute_url(),
            curated["source"].get_absolute_url()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert site_nav(Html(response.content)) == [
            ("Timeline", "/"), ("Statistics", "/statistics/"), ("Prisoner diplomacy", "/collections/diplomacy/"),
            ("About", "/pages/about/"), ("Methodology", "/pages/methodology/"),
        ], url
        content = response.content.decode()
        for marker in ("DRAFT-PAGE", "REVIEW-PAGE", "DRAFT-COLLECTION", "PRIVATE-"):
            assert marker not in content, (url, marker)


# -- the admin: editors write pages and collections, publishers publish them ----------------

def inline(prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def page_form(**fields):
    return {"title": "How we count", "slug": "how-we-count", "body": "One.\n\nTwo.", "navigation_order": "3",
            "publication_status": "draft", "internal_notes": "", **fields}


def collection_form(items=(), **fields):
    return {"title": "Exchanges", "slug": "exchanges", "introduction": "Why.", "navigation_order": "2",
            "publication_status": "draft", "internal_notes": "", **fields, **inline("items", list(items))}


def status_choices(client, url):
    html = get(client, url)
    return [o["attrs"]["value"] for o in html.all("option", html.one("select", name="publication_status"))]


def test_editors_add_pages_and_collections_but_cannot_publish_them(client, editor):
    client.force_login(editor)
    assert status_choices(client, ADMIN + "releases/page/add/") == ["draft", "review"]
    assert status_choices(client, ADMIN + "releases/collection/add/") == ["draft", "review"]

    response = client.post(ADMIN + "releases/page/add/", page_form())
    assert response.status_code == 302
    page = Page.objects.get(slug="how-we-count")
    assert page.publication_status == PublicationStatus.DRAFT and page.body == "One.\n\nTwo."

    event = release(datetime.date(2025, 2, 11), title="Fogel freed")
    held = person("Ihar Losik")
    response = client.post(ADMIN + "releases/collection/add/", collection_form(items=[
        {"position": "2", "prisoner": str(held.pk), "note": "Still held."},
        {"position": "1", "release": str(event.pk), "note": "The exchange."},
    ], publication_status="review"))
    assert response.status_code == 302
    collection = Collection.objects.get(slug="exchanges")
    assert collection.publication_status == PublicationStatus.REVIEW
    assert [(i.position, i.target, i.note) for i in collection.items.all()] == [
        (1, event, "The exchange."), (2, held, "Still held."),
    ]
    # Neither is public yet.
    assert client.get("/pages/how-we-count/").status_code == 404
    assert client.get("/collections/exchanges/").status_code == 404

    # Asking to publish is refused: nothing is created, nothing becomes public.
    response = client.post(ADMIN + "releases/page/add/", page_form(slug="sneaky", publication_status="published"))
    assert response.status_code == 200
    assert "publication_status" in response.context["adminform"].form.errors
    assert not Page.objects.filter(slug="sneaky").exists()
    response = client.post(ADMIN + "releases/collection/add/", collection_form(slug="sneaky", publication_status="published"))
    assert response.status_code == 200
    assert not Collection.objects.filter(slug="sneaky").exists()


def test_an_item_must_point_at_exactly_one_record(client, editor):
    client.force_login(editor)
    event, held = release(datetime.date(2025, 2, 11)), person("Ihar Losik")
    response = client.post(ADMIN + "releases/collection/add/", collection_form(items=[
        {"position": "1", "release": str(event.pk), "prisoner": str(held.pk), "note": "Both?"},
    ]))
    assert response.status_code == 200
    assert "Pick exactly one release, person or source" in response.content.decode()
    assert not Collection.objects.exists()


def test_publishers_publish_pages_and_collections(client, publisher):
    client.force_login(publisher)
    assert "published" in status_choices(client, ADMIN + "releases/page/add/")
    response = client.post(ADMIN + "releases/page/add/", page_form(publication_status="published"))
    assert response.status_code == 302
    event = release(datetime.date(2025, 2, 11), title="Fogel freed")
    response = client.post(ADMIN + "releases/collection/add/", collection_form(
        items=[{"position": "1", "release": str(event.pk), "note": "The exchange."}], publication_status="published"))
    assert response.status_code == 302
    assert Page.objects.get(slug="how-we-count").published_at <= timezone.now()

    client.logout()
    html = get(client, "/collections/exchanges/")
    assert ("Exchanges", "/collections/exchanges/") in site_nav(html)
    assert ("How we count", "/pages/how-we-count/") in site_nav(html)
    assert [squash(a["text"]) for a in html.all("a", html.one("ol", class_="collection-items"))] == ["Fogel freed"]
    assert html.texts("p", html.one("article"), class_="note") == ["The exchange."]
    page = get(client, "/pages/how-we-count/")
    assert page.texts("p", page.one("article")) == ["One.", "Two."]


# -- structure and accessibility of every public page -----------------------------------------

@pytest.fixture
def site(curated):
    event = curated["release"]
    party = f.PartyFactory(name="Government of Belarus")
    f.PartyRoleFactory(release=event, party=party)
    f.ReleasedPersonFactory(release=event, prisoner=curated["person"])
    f.CitationFactory(release=event, source=curated["source"], quote="a brief quote")
    return ["/", "/?country=XX", "/statistics/", "/statistics/?country=BY", "/pages/about/", "/collections/diplomacy/",
            event.get_absolute_url(), curated["person"].get_absolute_url(), party.get_absolute_url(),
            curated["source"].get_absolute_url()]


def test_every_page_has_landmarks_one_h1_a_language_and_the_shared_header_and_footer(client, site):
    for url in site:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        html = Html(response.content)
        assert html.one("html")["attrs"]["lang"] == "en", url
        for landmark in ("main", "header", "footer"):
            assert len(html.all(landmark)) == 1, (url, landmark)
        assert html.all("nav", within=html.one("header")), url
        assert len(html.all("h1")) == 1, url
        assert html.one("main")["attrs"]["id"] == "main"
        assert html.all("a", href="#main"), url  # skip link
        header, footer = html.one("header"), html.one("footer")
        assert html.texts("p", header, class_="tagline") == [
            "Who was released, when, how, through whom, to where — and according to whom: "
            "political-prisoner releases, every fact cited."
        ], url
        links = {squash(a["text"]): a["attrs"]["href"] for a in html.all("a", footer)}
        assert links["API documentation"] == "/api/v1/docs/", url
        assert links["Atom feed"] == "/feed/", url
        assert "Licence and citation: the data may be reused with attribution" in squash(footer["text"]), url


def test_every_filter_control_has_its_own_label(client, db):
    for url in ("/", "/statistics/", "/?country=XX&date_after=2025-13-45"):
        html = Html(client.get(url).content)
        form = html.one("form", class_="filters")
        controls = [e for e in html.elements if e["tag"] in ("input", "select", "textarea")
                    and any(a is form for a in e["ancestors"]) and e["attrs"].get("type") != "hidden"]
        assert [c["attrs"]["name"] for c in controls] == [
            "q", "date_after", "date_before", "country", "kind", "citizenship", "party"
        ]
        for control in controls:
            labels = [label for label in html.all("label", form)
                      if label["attrs"].get("for") == control["attrs"].get("id")]
            assert len(labels) == 1 and squash(labels[0]["text"]), (url, control["attrs"]["name"])


def test_aria_references_point_at_elements_on_the_page(client, db):
    for url in ("/", "/?country=XX&date_after=2025-13-45"):
        html = Html(client.get(url).content)
        ids = {e["attrs"]["id"] for e in html.elements if "id" in e["attrs"]}
        for e in html.elements:
            for attribute in ("aria-describedby", "aria-labelledby"):
                for ref in e["attrs"].get(attribute, "").split():
                    assert ref in ids, (url, e["attrs"].get("name"), attribute, ref)


def test_names_carry_the_language_and_script_they_are_written_in(client, db):
    alena = person("Alena Maushuk")
    for text, language, script, romanization in (
        ("Алена Маўшук", "be", "Cyrl", "native"), ("Елена Мовшук", "ru", "Cyrl", "native"),
        ("Alena Maŭšuk", "be", "Latn", "lacinka"), ("Yelena Movshuk", "ru", "Latn", "press"),
        ("Alena Maushuk", "en", "Latn", "press"), ("A. Maushuk", "", "Latn", "press"),
    ):
        f.PrisonerNameFactory(prisoner=alena, text=text, language=language, script=script, romanization=romanization)
    html = get(client, alena.get_absolute_url())
    cells = html.all("td", html.one("section", aria_labelledby="names-heading"))
    spelled = {squash(c["text"]): c["attrs"].get("lang") for c in cells}
    assert {name: spelled[name] for name in (
        "Алена Маўшук", "Елена Мовшук", "Alena Maŭšuk", "Yelena Movshuk", "Alena Maushuk", "A. Maushuk")} == {
        "Алена Маўшук": "be", "Елена Мовшук": "ru", "Alena Maŭšuk": "be-Latn", "Yelena Movshuk": "ru-Latn",
        "Alena Maushuk": "en", "A. Maushuk": None,
    }
