#!/usr/bin/env python3
"""Builds crates/ocs-web/data/eu-map.txt, the simplified outlines of the 27 member states that
the map of an initiative's progress draws (issue 17, item 11). Run by hand, never at build
time; the output is committed.

Source: Natural Earth 1:50m Admin 0 countries (public domain), version 4.1.0, as TopoJSON in
the npm package `world-atlas` 2.0.2 (ISC licence): `npm pack world-atlas@2.0.2`, unpack, and
pass `package/countries-50m.json`.

    python3 scripts/map/build-eu-map.py package/countries-50m.json > crates/ocs-web/data/eu-map.txt

What it does: decodes the TopoJSON arcs; keeps each state's polygons in Europe (the outermost
regions overseas and the Canary Islands, Madeira and the Azores are left out of this
schematic map); projects them with the Lambert azimuthal equal-area projection centred at
52° N 10° E (as the EU's ETRS89-LAEA grid); fits them to a 600-unit-wide view box;
simplifies each ring (Douglas-Peucker, 0.8 units); drops rings smaller than 2 square units
unless it is the state's largest; writes one line per state: `CC d-path`, with a first line
`viewBox W H`.
"""

import json
import math
import sys

# ISO 3166-1 numeric -> the EU's country code (EL for Greece).
EU = {
    "040": "AT", "056": "BE", "100": "BG", "191": "HR", "196": "CY", "203": "CZ",
    "208": "DK", "233": "EE", "246": "FI", "250": "FR", "276": "DE", "300": "EL",
    "348": "HU", "372": "IE", "380": "IT", "428": "LV", "440": "LT", "442": "LU",
    "470": "MT", "528": "NL", "616": "PL", "620": "PT", "642": "RO", "703": "SK",
    "705": "SI", "724": "ES", "752": "SE",
}
# A polygon is kept when its first point lies in this box (longitude, latitude).
EUROPE = (-11.0, 34.0, 35.0, 71.5)
WIDTH = 600.0
TOLERANCE = 0.8
MIN_AREA = 2.0


def decode_arcs(topology):
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry, arcs):
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


def laea(lon, lat, lon0=10.0, lat0=52.0):
    lam, phi = math.radians(lon - lon0), math.radians(lat)
    phi0 = math.radians(lat0)
    k = math.sqrt(2 / (1 + math.sin(phi0) * math.sin(phi)
                       + math.cos(phi0) * math.cos(phi) * math.cos(lam)))
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return x, -y


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, at = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = math.hypot(px - x1, py - y1)
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, at = d, i
        if at is not None and best > tolerance:
            keep[at] = True
            stack.append((first, at))
            stack.append((at, last))
    return [p for p, k in zip(points, keep) if k]


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2)
                   in zip(points, points[1:] + points[:1]))) / 2


def main(path):
    topology = json.load(open(path, encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = EU.get(str(geometry.get("id", "")).zfill(3))
        if code is None:
            continue
        rings = []
        for polygon in polygons(geometry, arcs):
            lon, lat = polygon[0][0]
            if EUROPE[0] <= lon <= EUROPE[2] and EUROPE[1] <= lat <= EUROPE[3]:
                rings.extend([laea(x, y) for x, y in r] for r in polygon)
        shapes[code] = rings
    missing = sorted(set(EU.values()) - set(shapes))
    if missing:
        sys.exit(f"missing member states: {missing}")
    xs = [x for rings in shapes.values() for r in rings for x, _ in r]
    ys = [y for rings in shapes.values() for r in rings for _, y in r]
    margin = 4.0
    scale = (WIDTH - 2 * margin) / (max(xs) - min(xs))
    height = math.ceil((max(ys) - min(ys)) * scale + 2 * margin)
    print(f"viewBox {int(WIDTH)} {height}")
    for code in sorted(shapes):
        fitted = [[((x - min(xs)) * scale + margin, (y - min(ys)) * scale + margin)
                   for x, y in r] for r in shapes[code]]
        largest = max(fitted, key=area)
        parts = []
        for r in fitted:
            s = simplify(r + [r[0]], TOLERANCE)[:-1]
            if len(s) < 3 or (r is not largest and area(s) < MIN_AREA):
                continue
            head, *rest = s
            parts.append(f"M{head[0]:.1f} {head[1]:.1f}"
                         + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest) + "Z")
        print(f"{code} {''.join(parts)}")


if __name__ == "__main__":
    main(sys.argv[1])
