"""What a reader copies to reuse an asset: its citation, its embed snippet and share links.

Plain text and plain links, so they work without JavaScript and load nothing from elsewhere.
"""

from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _

from europeana.embed import embed_html


def author_of(page):
    """Who to credit: the page's credit line, else the institution that provided it."""
    if page.credit_line:
        return page.credit_line
    return page.institution.localized.name if page.institution_id else ""


def citation(page, url):
    """A TASL attribution (Title, Author, Source, Licence), as Creative Commons recommends."""
    parts = {"title": page.title, "author": author_of(page), "source": url,
             "licence": page.rights_label() if page.rights_uri else ""}
    if parts["author"]:
        text = _("“%(title)s” by %(author)s, %(source)s") % parts
    else:
        text = _("“%(title)s”, %(source)s") % parts
    if parts["licence"]:
        text += ". " + _("Licence: %(licence)s (%(licence_url)s)") % {
            "licence": parts["licence"], "licence_url": page.rights_uri}
    return text


def embed_snippet(page):
    return embed_html(page.pk, page.title)


def share_links(title, url):
    """(label, href) of plain share links: no widget, no script, nothing loaded from the sites."""
    return [
        (_("Email"), "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)),
        ("Mastodon", "https://mastodon.social/share?" + urlencode({"text": f"{title} {url}"})),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{title} {url}"})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
    ]
