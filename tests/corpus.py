"""Small hand-written articles the foundation tests share: one wire story, syndicated copies of it, and an
independent report on the same event."""

from __future__ import annotations

WIRE = """KYIV, Nov 5 (Wire) - Russian drones struck port infrastructure in the southern Ukrainian region of Odesa \
overnight, damaging grain storage facilities and wounding at least four people, regional governor Oleh Kiper said on \
Tuesday.

Ukraine's air force said it had shot down 31 of 42 drones launched from Russian territory and occupied Crimea, \
as well as two cruise missiles aimed at the region. Debris from downed drones fell on residential buildings in two \
districts of the city, the governor wrote on Telegram.

The attack was the third on Odesa's ports in a week. Ukraine has relied on its Black Sea corridor to keep grain \
exports flowing since Russia quit a United Nations-brokered shipping deal last year, and Kyiv accuses Moscow of \
deliberately targeting the facilities to choke off its main source of foreign revenue.

Russia's defence ministry said its forces had hit "military infrastructure used by the Kyiv regime" and did not \
mention civilian targets. Moscow denies targeting civilians in what it calls a special military operation.

Emergency crews worked through the night to put out a fire at a warehouse holding about 2,000 tonnes of wheat, \
the state emergency service said. A ship under the flag of Panama moored at one of the berths was also slightly \
damaged, according to the port authority, which said operations would resume within a day.

(Reporting by Wire staff in Kyiv; additional reporting in Moscow; editing by the desk)"""

# The same wire copy as another outlet runs it: its own headline and intro, no wire credit, a footer of its own.
SYNDICATED = ("Drone attack hits Odesa grain port, four injured\n\n"
              + WIRE.removeprefix("KYIV, Nov 5 (Wire) - ").rsplit("\n\n", 1)[0]
              + "\n\nSubscribe to our newsletter for the latest updates from Ukraine. Follow us on Telegram and X.")

# Another outlet's own report of the same night: same facts and names, different words.
INDEPENDENT = """Odesa port attacked again as Russia targets grain exports

Ukrainian officials reported another overnight assault on the Odesa region on Tuesday, with Russian attack drones \
setting a wheat warehouse on fire and leaving four people injured. Governor Oleh Kiper posted photographs of the \
burning building and said the wounded were in hospital in stable condition.

According to the Ukrainian military, air defence units destroyed most of the 42 drones and both cruise missiles \
fired overnight, but several got through to port facilities. Falling fragments damaged homes in two city districts.

It was the third strike on the ports this week. Since Moscow walked away from the UN grain arrangement, Ukraine has \
shipped its harvest through a corridor hugging the western Black Sea coast, and officials in Kyiv say the Kremlin \
is trying to cut the country off from its most important export earnings.

The Russian defence ministry claimed to have hit military targets. A vessel registered in Panama suffered minor \
damage at its berth, port officials said, adding that loading would restart on Wednesday."""

# A different story altogether.
UNRELATED = """Finance ministers of the euro zone agreed on Monday to extend a loan programme for small businesses \
by another year, citing weak demand and high borrowing costs. The programme, which offers guarantees on bank loans \
of up to one million euros, has supported more than forty thousand companies since its launch, the commission said. \
Several ministers called for a review of the scheme before any further extension, arguing that public guarantees \
should not become a permanent feature of credit markets. The decision still needs formal approval by national \
parliaments in three member states, officials said after the meeting in Brussels."""


def html_page(title: str, body: str, *, url: str | None = None, outlet: str = "The Daily Example",
              published: str = "2024-11-05T08:30:00+00:00") -> str:
    """A news page as sites serve it: metadata in meta tags, the article among navigation and footer boilerplate."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    og_url = f'<meta property="og:url" content="{url}">' if url else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{outlet}">
{og_url}
<meta property="article:published_time" content="{published}">
<meta name="author" content="Jane Doe">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding photos</a></li></ul></aside>
<footer><p>Copyright 2024 {outlet}. All rights reserved.</p><p>Subscribe to our newsletter.</p></footer>
</body></html>"""
