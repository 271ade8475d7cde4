#!/usr/bin/env python3
"""Projects Apache Kafka's multi-version message schemas onto the single version Runnel speaks.

Kafka's schemas (common/message/*.json in the kafka-clients jar, Apache License 2.0) are the specification of the
wire protocol. Runnel speaks exactly one version per API (docs/protocol.md), so this tool keeps only the fields
present at that version and resolves per-version attributes (nullable, tagged, flexible) into plain flags. The
result, src/main/spec/<Message>.json, is what generate_messages.py reads; it is checked in and reviewed like code.

Usage: project_kafka_schema.py <dir with Kafka's *.json> <out dir> Name=version ...
"""
import json
import re
import sys


def parse_versions(text):
    """Kafka's version ranges: "none", "3", "3+", "1-4"."""
    if text is None or text == "none":
        return None
    if text.endswith("+"):
        return (int(text[:-1]), 32767)
    if "-" in text:
        low, high = text.split("-")
        return (int(low), int(high))
    return (int(text), int(text))


def contains(versions, v):
    r = parse_versions(versions)
    return r is not None and r[0] <= v <= r[1]


def load(path):
    with open(path) as f:
        text = f.read()
    text = re.sub(r"^\s*//.*$", "", text, flags=re.M)
    return json.loads(text)


def project_fields(fields, v, common):
    out = []
    for f in fields:
        if not contains(f.get("versions"), v):
            continue
        g = {"name": f["name"], "type": f["type"]}
        if contains(f.get("nullableVersions"), v):
            g["nullable"] = True
        if contains(f.get("taggedVersions"), v):
            g["tag"] = f["tag"]
        if "default" in f:
            g["default"] = f["default"]
        g["about"] = f.get("about", "")
        sub = f.get("fields")
        if sub is None:
            base = f["type"][2:] if f["type"].startswith("[]") else f["type"]
            if base in common:
                sub = common[base]["fields"]
        if sub is not None:
            g["fields"] = project_fields(sub, v, common)
        out.append(g)
    return out


def main():
    src, dst = sys.argv[1], sys.argv[2]
    for arg in sys.argv[3:]:
        name, version = arg.split("=")
        v = int(version)
        for kind in ("Request", "Response"):
            schema = load(f"{src}/{name}{kind}.json")
            valid = parse_versions(schema["validVersions"])
            if not valid[0] <= v <= valid[1]:
                raise SystemExit(f"{name}{kind} does not have version {v}")
            common = {c["name"]: c for c in schema.get("commonStructs", [])}
            out = {
                "name": schema["name"],
                "apiKey": schema["apiKey"],
                "type": schema["type"],
                "version": v,
                "flexible": contains(schema.get("flexibleVersions"), v),
                "fields": project_fields(schema["fields"], v, common),
            }
            with open(f"{dst}/{schema['name']}.json", "w") as f:
                json.dump(out, f, indent=2)
                f.write("\n")


if __name__ == "__main__":
    main()
