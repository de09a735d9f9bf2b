#!/usr/bin/env python3
"""Writes the labelled page set: every story of stories.py laid out in
three of the press shapes below (furniture written for this set, in the
shapes of saved news pages from several countries), as pages/*.txt, and
labels.csv (page, label, text) marking every paragraph content or
furniture. Run from this folder; the output is committed."""
import csv, os
from stories import STORIES

F, C = "furniture", "content"

def body(story, cap=None, mid=None, every=3):
    """Body paragraphs as content, with furniture `mid` lines inserted
    after every `every` paragraphs and a caption after the first."""
    out = []
    for i, p in enumerate(story[3]):
        text = p[3:] if p.startswith("## ") else p
        out.append((text, C))
        if i == 0 and cap:
            out.extend((c, F) for c in cap)
        if mid and i > 0 and i % every == 0 and i < len(story[3]) - 1:
            out.extend((m, F) for m in mid)
    return out

def head(story, before=(), after=()):
    out = [(b, F) for b in before] + [(story[1], C)]
    if story[2]:
        out.append((story[2], C))
    return out + [(a, F) for a in after]

def related(label, heads):
    return [(label, F)] + [(h, F) for h in heads]

HEADS = ["Ferry Fares To Rise In April", "Coast Road Junction Plan Delayed",
         "Marina Berth Prices Frozen", "Fishing Quotas Cut For Third Year",
         "Hospital Car Park Charges Scrapped"]

def us_wire(s):
    return (head(s, after=["By DANA FIELDS and OMAR PRICE", "Updated 3:42 PM EDT, March 4, 2025",
                           "Share", "Copy Link copied", "Email", "Facebook", "X", "Reddit"])
            + body(s, cap=["1 of 3 | People walk past the site on Monday. (Photo/Dana Fields)"],
                   mid=["Advertisement"])
            + [("Big crowd at the riverside this morning #citynews https://example.social/s/881", F),
               ("— Dana Fields (@danafields) March 4, 2025", F),
               ("Associated writer Pat Doe contributed to this report.", F)])

def uk_paper(s):
    return (head(s, after=["Ann Other, Political Editor", "Tue 4 Mar 2025 07.00 GMT", "Share"])
            + body(s, cap=["The riverside seen from the east bank. Photograph: Ann Other/Example Agency"])
            + [("Explore more on these topics", F), ("Local government", F), ("Transport", F),
               ("Reuse this content", F)])

def japan_daily(s):
    return (head(s, before=["Newsfrom Japan", "Politics"],
                 after=["Mar 4, 2025 18:20 (JST)", "Share on X", "• Share on LINE", "Share on Facebook"])
            + body(s, cap=["Courtesy of the city office"])
            + related("Related Articles", HEADS[:4])
            + [("\u00a9 Example Shimbun", F)])

def india_portal(s):
    return (head(s, after=["Published By: Ravi Kumar", "Updated: Mar 04, 2025 10:32 IST", "Follow Us"])
            + body(s, mid=["Advertisement", "Also Read: Metro fares to rise from April"], every=2)
            + [("(With inputs from agencies)", F), ("Story continues below advertisement", F)])

def au_site(s):
    return (head(s, after=["By Jane Doe", "Posted Tue 4 Mar 2025 at 7:00am, updated Tue 4 Mar 2025 at 9:12am",
                           "Listen to this article", "Share this article"])
            + body(s, cap=["Workers at the site on Tuesday morning. (Picture: Supplied)"])
            + [("Topic: Local Government", F)] + related("Top Stories", HEADS[1:5]))

def nigeria_daily(s):
    return (head(s, before=["March 4, 2025"], after=["By Ade Ola"])
            + body(s, mid=["Advertisement"], every=2)
            + [("Share this:", F), ("Click to share on Twitter (Opens in new window)", F),
               ("Click to share on Facebook (Opens in new window)", F), ("Like this:", F),
               ("Loading...", F), ("Related", F)])

def philippines(s):
    return (head(s, after=["Published March 4, 2025 5:30pm", "Read Next"])
            + body(s, mid=["EDITORS' PICK"], every=3)
            + [("MOST READ", F), ("Don't miss out on the latest news and information.", F)]
            + related("Read Next", HEADS[:4]))

def kenya(s):
    return (head(s, after=["By ANN WANJIKU", "More by this Author"])
            + body(s, cap=["Residents at the scene on Monday. | PHOTO | FILE"])
            + [("Advertisement", F)])

def singapore(s):
    return (head(s, after=["Published Mar 04, 2025, 05:00 AM", "Updated Mar 04, 2025, 09:12 AM"])
            + body(s, cap=["The site on March 3. PHOTO: EXAMPLE TIMES FILE"])
            + [("Join our WhatsApp channel and get the latest picks delivered to your feed.", F)])

def canada(s):
    return (head(s, after=["By Pat Doe The Example Press", "Posted March 4, 2025 7:00 am"])
            + body(s, mid=["Story continues below advertisement"], every=2)
            + related("Trending Now", HEADS[:4])
            + [("\u00a9 2025 The Example Press", F)])

def ireland(s):
    return (head(s, after=["Updated / Tuesday, 4 Mar 2025 10:12"])
            + body(s, mid=["Advertisement", "Read more: Housing targets missed again"], every=3)
            + [("Tags", F), ("Politics", F), ("Housing", F), ("Transport", F)])

def south_africa(s):
    return (head(s, after=["Ann Other | 4 March 2025", "0 Comments"])
            + body(s, cap=["File photo."])
            + [("***", F), ("Newsletter", F), ("Sign up for our daily briefing", F)])

def korea(s):
    return (head(s, after=["Posted : 2025-03-04 17:20", "Updated : 2025-03-04 18:01", "By Kim Min-ji"])
            + body(s, cap=["[Photo courtesy of the city]"])
            + [("Copyright \u24d2 Example Herald. All rights reserved.", F)])

def pakistan(s):
    return (head(s, after=["Our Correspondent", "Published March 4, 2025"])
            + body(s, mid=["Advertisement"], every=3)
            + [("Facebook Count", F), ("Twitter Share", F), ("0 Comments", F),
               ("Comments are moderated and generally will be posted if they are on-topic.", F)])

SHAPES = [us_wire, uk_paper, japan_daily, india_portal, au_site, nigeria_daily, philippines,
          kenya, singapore, canada, ireland, south_africa, korea, pakistan]

def render(paras, blank):
    sep = "\n\n" if blank else "\n"
    return sep.join(t for t, _ in paras) + "\n"

def main():
    os.makedirs("pages", exist_ok=True)
    rows = []
    for i, s in enumerate(STORIES):
        for k in (0, 5, 9):
            shape = SHAPES[(i + k) % len(SHAPES)]
            name = f"{s[0]}_{shape.__name__}.txt"
            paras = shape(s)
            # Half the shapes save one paragraph per line, half with blank lines.
            with open(os.path.join("pages", name), "w") as f:
                f.write(render(paras, (i + k) % 2 == 0))
            rows += [(name, label, text) for text, label in paras]
    with open("labels.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["page", "label", "text"])
        w.writerows(rows)
    print(len(STORIES) * 3, "pages,", len(rows), "paragraphs")

main()
