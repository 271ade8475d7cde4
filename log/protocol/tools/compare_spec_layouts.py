#!/usr/bin/env python3
"""Compares the wire layout of two directories of single-version specs, ignoring the about texts.

Used to check that another Kafka release (for example kafka-clients 3.9.1) lays out every message at Runnel's
versions exactly as the specs in src/main/spec do: project that release's schemas into a scratch directory with
project_kafka_schema.py (same Name=version arguments), then run
    compare_spec_layouts.py src/main/spec <scratch dir>
It prints each message whose fields, types, nullability, tags or defaults differ, and exits non-zero if any do.
"""
import glob
import json
import os
import sys


def layout(fields):
    out = []
    for f in fields:
        g = {k: v for k, v in f.items() if k != "about"}
        if "fields" in g:
            g["fields"] = layout(g["fields"])
        out.append(g)
    return out


def main():
    ours, theirs = sys.argv[1], sys.argv[2]
    differences = 0
    for path in sorted(glob.glob(f"{ours}/*.json")):
        name = os.path.basename(path)
        with open(path) as f:
            a = json.load(f)
        with open(f"{theirs}/{name}") as f:
            b = json.load(f)
        if layout(a["fields"]) != layout(b["fields"]) or a["flexible"] != b["flexible"] or a["version"] != b["version"]:
            print(f"layout differs: {name}")
            differences += 1
    print(f"{differences} of {len(glob.glob(f'{ours}/*.json'))} messages differ")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
