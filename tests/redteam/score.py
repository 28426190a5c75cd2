#!/usr/bin/env python3
"""Score a red-team round: python3 score.py DIR BIN [-v]

DIR holds NAME.html + NAME.expected.json (tests/fixtures format: url, today, snapshot).
BIN is a linekeeper binary (`target/release/linekeeper`). A page is right when every
scored field matches: status, next_bill_date, balance, amount_due, autopay, and the lines
(count; per line number_last4, renews_on, data and hotspot figures within 1 MB, unlimited).
Not scored: carrier, plan, label, sources.
Also counts fields (the five account fields, the line count, and per expected line its last
four, renews_on, data, and hotspot where either side has one; a bucket is one field, wrong if
any figure is): most missed pages miss one field, so pages alone hide how close a round is.
"""
import json, os, subprocess, sys

def num_eq(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1.0

def bucket_diff(path, want, got, out):
    if want is None or got is None:
        if want != got:
            out.append(f"{path}: want {json.dumps(want)} got {json.dumps(got)}")
        return
    for k in ("remaining_mb", "used_mb", "total_mb"):
        if not num_eq(want.get(k), got.get(k)):
            out.append(f"{path}.{k}: want {want.get(k)} got {got.get(k)}")
    if bool(want.get("unlimited")) != bool(got.get("unlimited")):
        out.append(f"{path}.unlimited: want {want.get('unlimited')} got {got.get('unlimited')}")

def money(v):
    if v is None:
        return None
    try:
        return (round(float(v.get("amount")), 2), v.get("currency"))
    except Exception:
        return (v.get("amount"), v.get("currency"))

def diff(want, got):
    out = []
    for k in ("status", "next_bill_date", "autopay"):
        if want.get(k) != got.get(k):
            out.append(f"{k}: want {json.dumps(want.get(k))} got {json.dumps(got.get(k))}")
    for k in ("balance", "amount_due"):
        if money(want.get(k)) != money(got.get(k)):
            out.append(f"{k}: want {json.dumps(want.get(k))} got {json.dumps(got.get(k))}")
    wl, gl = want.get("lines") or [], got.get("lines") or []
    if len(wl) != len(gl):
        out.append(f"lines: want {len(wl)} got {len(gl)}: "
                   + json.dumps([(l.get('number_last4'), l.get('data')) for l in gl]))
        return out
    key = lambda l: (l.get("number_last4") or "", )
    if all(l.get("number_last4") for l in wl):
        wl = sorted(wl, key=key); gl = sorted(gl, key=key)
    for i, (w, g) in enumerate(zip(wl, gl)):
        for k in ("number_last4", "renews_on"):
            if w.get(k) != g.get(k):
                out.append(f"lines[{i}].{k}: want {json.dumps(w.get(k))} got {json.dumps(g.get(k))}")
        bucket_diff(f"lines[{i}].data", w.get("data"), g.get("data"), out)
        if w.get("hotspot") is not None or g.get("hotspot") is not None:
            bucket_diff(f"lines[{i}].hotspot", w.get("hotspot"), g.get("hotspot"), out)
    return out

def fields(want, problems):
    """(fields scored, fields wrong) for one page."""
    total = 6
    for l in want.get("lines") or []:
        total += 3 + (1 if l.get("hotspot") is not None else 0)
    wrong = set()
    for pr in problems:
        head = pr.split(":", 1)[0]
        if head == "lines":
            return total, total - 5 + len([x for x in wrong if not x.startswith("lines")])
        parts = head.split(".")
        wrong.add(".".join(parts[:2]) if parts[0].startswith("lines[") else parts[0])
    return total, len(wrong)

def main():
    if len(sys.argv) < 3:
        print(__doc__); sys.exit(2)
    d, binary = sys.argv[1], sys.argv[2]
    verbose = "-q" not in sys.argv
    names = sorted(f[:-len(".expected.json")] for f in os.listdir(d) if f.endswith(".expected.json"))
    right = 0
    ftotal = fwrong = 0
    for n in names:
        exp = json.load(open(os.path.join(d, n + ".expected.json"), encoding="utf-8"))
        cmd = [binary, "scan", os.path.join(d, n + ".html"), "--url", exp["url"], "--today", exp["today"]]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            print(f"FAIL {n}: exit {p.returncode}: {p.stderr.strip()[:200]}"); continue
        got = json.loads(p.stdout)
        problems = diff(exp["snapshot"], got)
        t, w = fields(exp["snapshot"], problems)
        ftotal += t
        fwrong += w
        if problems:
            print(f"MISS {n}")
            if verbose:
                for pr in problems:
                    print(f"     {pr}")
        else:
            right += 1
            if verbose:
                print(f"ok   {n}")
    print(f"{os.path.basename(os.path.normpath(d))}: {right}/{len(names)} right, "
          f"fields {ftotal - fwrong}/{ftotal}")

main()
