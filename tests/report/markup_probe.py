#!/usr/bin/env python3
"""Strict well-formedness check and element census of an SVG (XML) or HTML file.

usage: markup_probe.py xml|html FILE
Prints one JSON object: ok, error, tags {name: count}, classes {name: count}, texts (text of
every element with a class, by class), and for HTML the parsed embedded JSON data.
"""
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def census_xml(path):
    root = ET.parse(path).getroot()
    tags, classes, texts = Counter(), Counter(), defaultdict(list)
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        tags[tag] += 1
        for c in el.get("class", "").split():
            classes[c] += 1
            texts[c].append("".join(el.itertext()))
    return {"root": root.tag.split("}")[-1], "tags": tags, "classes": classes, "texts": texts}


class StrictHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.classes = [], Counter(), Counter()
        self.texts, self.ids, self.scripts = defaultdict(list), {}, {}
        self.current_text = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        a = dict(attrs)
        for c in (a.get("class") or "").split():
            self.classes[c] += 1
        if "id" in a:
            if a["id"] in self.ids:
                raise ValueError("duplicate id " + a["id"])
            self.ids[a["id"]] = tag
        if tag not in VOID:
            self.stack.append((tag, a, len(self.current_text)))

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] += 1
        for c in (dict(attrs).get("class") or "").split():
            self.classes[c] += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            open_tag = self.stack[-1][0] if self.stack else "nothing"
            raise ValueError("</%s> closes <%s> at line %d" % (tag, open_tag, self.getpos()[0]))
        _, a, start = self.stack.pop()
        text = "".join(self.current_text[start:])
        for c in (a.get("class") or "").split():
            self.texts[c].append(text)
        if tag == "script" and "id" in a:
            self.scripts[a["id"]] = text

    def handle_data(self, data):
        self.current_text.append(data)


def census_html(path):
    p = StrictHtml()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    if p.stack:
        raise ValueError("unclosed <%s>" % p.stack[-1][0])
    data = {}
    for sid, text in p.scripts.items():
        if sid.endswith("-data"):
            data[sid] = json.loads(text)
    return {"tags": p.tags, "classes": p.classes, "texts": p.texts, "ids": p.ids, "data": data}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    try:
        out = census_xml(path) if kind == "xml" else census_html(path)
        out["ok"], out["error"] = True, ""
    except Exception as e:  # any failure is the answer, not a crash
        out = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
    json.dump(out, sys.stdout)


main()
