#!/usr/bin/env python3
"""Helpers of the scripts in this directory that talk to a running Kamlang (python3, stdlib only).

Usage:
  kamlang_api.py cohort BASE TOKEN N   creates, through the API, a cohort of N trainees who are all
                                       eligible for a certificate (as `kamlang bench certificates`
                                       does: an organisation, N synthetic workers imported from a
                                       CSV, NISA's accreditation, 10 modules of 3 credits, a
                                       Vocational Certificate of all of them, the cohort, the
                                       enrolments, a pass in every module); prints the cohort id
  kamlang_api.py probe BASE TOKEN FILE  light load until killed: three threads, one GET /readyz, one
                                       authenticated GET /api/v1/organizations?limit=5, one public
                                       GET /api/v1/verify/{unknown serial}, each every
                                       0.1 s (timeout 30 s); one JSON line per request to FILE
                                       ({"t" (start, epoch s), "path", "status" (0: no answer),
                                       "secs"})
  kamlang_api.py st-config DBFILE OUT  writes a schemathesis.toml that pins the path parameters of
                                       each operation to a record that exists in the service's
                                       SQLite database DBFILE (a worker, the demo cohort, an issued
                                       certificate, ...), so that the run reaches past the 404s
  kamlang_api.py smtp-sink PORT FILE   a minimal SMTP server on 127.0.0.1:PORT that appends one
                                       JSON line per accepted message to FILE
                                       ({"mail_from", "rcpt_to", "message_id", "subject", "size"})

TOKEN is an administrator's access token (POST /api/v1/auth/login).
"""

import asyncio
import datetime
import email
import email.policy
import json
import sys
import urllib.error
import urllib.request

FAMILY = [("សុខ", "Sok"), ("ចាន់", "Chan"), ("ហេង", "Heng"), ("លី", "Ly"), ("គឹម", "Kim"), ("ម៉ៅ", "Mao"),
          ("ឈុន", "Chhun"), ("ស៊ុន", "Sun"), ("ពៅ", "Pov"), ("កែវ", "Keo"), ("ម៉ម", "Mom"), ("ឡុង", "Long")]
GIVEN = [("ស្រី", "Srey"), ("សុភ", "Soph"), ("ចន្ថ", "Chanth"), ("រតន", "Ratan"), ("សុខ", "Sokh"),
         ("បុប្ផ", "Bopph"), ("ដារ", "Dar"), ("វិចិត", "Vichet"), ("ពិសិដ", "Piset"), ("សុវណ", "Sovan"),
         ("រិទ្ធ", "Rith"), ("វណ្ណ", "Vann"), ("មករ", "Makar"), ("បូរ", "Bor"), ("នារ", "Nar"),
         ("កុសល", "Kosal"), ("ធីត", "Thit"), ("សំណ", "Samn")]
ENDINGS = [("ា", "a"), ("ី", "y"), ("ុំ", "om"), ("េង", "eng"), ("ៀត", "iet"), ("ន", "n"), ("ៅ", "ao"), ("ែន", "aen")]
NISA = "01936f00-0000-7000-8000-00000000a15a"


def request(method, base, path, token=None, body=None, content_type="application/json", timeout=600):
    data = None
    headers = {}
    if token:
        headers["authorization"] = "Bearer " + token
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["content-type"] = content_type
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            text = r.read().decode()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {path}: HTTP {e.code}: {e.read().decode()[:800]}")


def synthetic_csv(n, org, seed):
    """`n` synthetic workers as an import file (the same as api/src/bench.rs `synthetic_csv`)."""
    lines = ["family_name_km,given_name_km,family_name_latin,given_name_latin,sex,birth_date,national_id,category,"
             "organization_id,duty_station_code,focal_point,employment_type,posting_start_date"]
    communes = ["020101", "020102", "020103", "020104", "0201", "02", "020201", "020202"]
    for i in range(n):
        k = i + seed * 1_000_000
        fk, fl = FAMILY[k % len(FAMILY)]
        gk, gl = GIVEN[(k // len(FAMILY)) % len(GIVEN)]
        ek, el = ENDINGS[(k // (len(FAMILY) * len(GIVEN))) % len(ENDINGS)]
        e2k, e2l = ENDINGS[(k // 7) % len(ENDINGS)]
        sex = "female" if k % 2 == 0 else "male"
        birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=(k * 2_654_435_761) % (35 * 365))
        category = ["para_social_worker", "para_professional", "allied_worker"][k % 3]
        lines.append(f"{fk},{gk}{ek}{e2k},{fl},{gl}{el}{e2l},{sex},{birth},{100_000_000 + k:09},{category},{org},"
                     f"{communes[k % len(communes)]},{'yes' if k % 10 == 0 else 'no'},volunteer,2024-01-01")
    return "\n".join(lines) + "\n"


def cohort(base, token, n):
    log = lambda m: print(m, file=sys.stderr, flush=True)
    org = request("POST", base, "/api/v1/organizations", token,
                  {"name_en": "Fault-test provincial department", "kind": "provincial_department",
                   "sector": "government", "admin_unit_code": "02"})["id"]
    report = request("POST", base, "/api/v1/imports/workers?dry_run=false&file_name=trainees.csv", token,
                     synthetic_csv(n, org, 11).encode(), content_type="text/csv")
    if report.get("problems"):
        raise SystemExit(f"the synthetic import has problems: {report['problems'][:3]}")
    log(f"imported {report['rows_created']} workers")
    workers = []
    cursor = None
    while True:
        page = request("GET", base, f"/api/v1/workers?limit=200&organization_id={org}"
                       + (f"&cursor={cursor}" if cursor else ""), token)
        workers += [w["id"] for w in page["items"]]
        cursor = page.get("next_cursor")
        if not cursor or not page["items"]:
            break
    if len(workers) != n:
        raise SystemExit(f"listed {len(workers)} workers of the {n} imported")
    existing = request("GET", base, f"/api/v1/providers/{NISA}/accreditations", token)
    items = existing if isinstance(existing, list) else existing.get("items", [])
    if not any(a.get("level") == "cqf-1" for a in items):
        request("POST", base, f"/api/v1/providers/{NISA}/accreditations", token,
                {"level": "cqf-1", "valid_from": "2025-01-01"})
    codes = [f"FT-{i:03}" for i in range(1, 11)]
    for code in codes:
        request("POST", base, "/api/v1/modules", token,
                {"code": code, "title_en": f"Module {code}", "title_km": "ម៉ូឌុល",
                 "hours": {"instruction": 45, "laboratory": 0, "field": 0}, "competency_areas": ["knowledge"]})
    request("POST", base, "/api/v1/qualifications", token,
            {"code": "FT-VC-SW", "level": "cqf-1", "title_en": "Vocational Certificate in Social Work (fault test)",
             "title_km": "វិញ្ញាបនបត្រវិជ្ជាជីវៈសង្គមកិច្ច", "field_of_study_en": "Social work",
             "field_of_study_km": "សង្គមកិច្ច", "minimum_credits": 30, "target_category": "para_social_worker",
             "required_modules": codes})
    cohort_id = request("POST", base, "/api/v1/cohorts", token,
                        {"qualification_code": "FT-VC-SW", "name": f"Fault test cohort of {n}",
                         "start_date": "2026-01-05", "trainers": ["NISA"]})["id"]
    for i in range(0, n, 2000):
        request("POST", base, f"/api/v1/cohorts/{cohort_id}/enrolments", token, {"worker_ids": workers[i:i + 2000]})
    for i in range(0, n, 500):
        results = [{"worker_id": w, "module_code": m, "result": "pass"} for w in workers[i:i + 500] for m in codes]
        request("POST", base, f"/api/v1/cohorts/{cohort_id}/results", token,
                {"assessed_on": "2026-03-20", "assessor": "Fault test", "results": results})
    log(f"cohort {cohort_id}: {n} trainees enrolled, every module passed")
    print(cohort_id)


def probe(base, token, path):
    import threading
    import time
    lock = threading.Lock()
    out = open(path, "a", buffering=1)

    def loop(url_path, auth):
        while True:
            start = time.time()
            req = urllib.request.Request(base + url_path,
                                         headers={"authorization": "Bearer " + token} if auth else {})
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    r.read()
                    status = r.status
            except urllib.error.HTTPError as e:
                e.read()
                status = e.code
            except Exception:  # refused, reset, timed out: no answer
                status = 0
            secs = time.time() - start
            with lock:
                out.write(json.dumps({"t": round(start, 3), "path": url_path, "status": status,
                                      "secs": round(secs, 4)}) + "\n")
            time.sleep(max(0.0, 0.1 - secs))

    threads = [threading.Thread(target=loop, args=a, daemon=True)
               for a in (("/readyz", False), ("/api/v1/organizations?limit=5", True),
                         # the public verification (its own connections); no such certificate: 404
                         ("/api/v1/verify/NISA-2026-999999", False))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def st_config(dbfile, out):
    import sqlite3
    import uuid

    db = sqlite3.connect(dbfile)

    def first(sql):
        row = db.execute(sql).fetchone()
        if not row:
            return None
        v = row[0]
        return str(uuid.UUID(bytes=v)) if isinstance(v, bytes) and len(v) == 16 else v

    ids = {
        "worker": first("SELECT worker_id FROM certificates ORDER BY serial LIMIT 1")
        or first("SELECT id FROM workers ORDER BY id LIMIT 1"),
        "cohort": first("SELECT id FROM cohorts ORDER BY id LIMIT 1"),
        "serial": first("SELECT serial FROM certificates ORDER BY serial LIMIT 1"),
        "batch": first("SELECT id FROM issuance_batches ORDER BY id LIMIT 1"),
        # Not the administrator the run signs in as: PATCH may disable the account.
        "user": first("SELECT id FROM users WHERE role = 'planner' LIMIT 1"),
        "organization": first("SELECT id FROM organizations ORDER BY id LIMIT 1"),
        "import": first("SELECT id FROM imports ORDER BY id LIMIT 1"),
        "outbox": first("SELECT id FROM email_outbox ORDER BY id LIMIT 1"),
        "deployment": first("SELECT id FROM deployments ORDER BY id LIMIT 1"),
        "licence": first("SELECT id FROM licences ORDER BY id LIMIT 1"),
        "cpd": first("SELECT id FROM cpd_activities ORDER BY id LIMIT 1"),
        "duplicate": first("SELECT id FROM duplicate_flags ORDER BY id LIMIT 1"),
        "merge": first("SELECT id FROM worker_merges ORDER BY id LIMIT 1"),
        "provider": NISA,
    }
    routes = [
        (r"^/api/v1/workers/\\{id\\}", "id", "worker"),
        (r"^/api/v1/cohorts/\\{id\\}", "id", "cohort"),
        (r"^/api/v1/certificates/batches/\\{id\\}", "id", "batch"),
        (r"^/api/v1/certificates/\\{serial\\}", "serial", "serial"),
        (r"^/api/v1/verify/\\{serial\\}", "serial", "serial"),
        (r"^/api/v1/users/\\{id\\}", "id", "user"),
        (r"^/api/v1/organizations/\\{id\\}", "id", "organization"),
        (r"^/api/v1/imports/\\{id\\}", "id", "import"),
        (r"^/api/v1/outbox/\\{id\\}", "id", "outbox"),
        (r"^/api/v1/deployments/\\{id\\}", "id", "deployment"),
        (r"^/api/v1/licences/\\{id\\}", "id", "licence"),
        (r"^/api/v1/cpd/\\{id\\}", "id", "cpd"),
        (r"^/api/v1/duplicates/\\{id\\}", "id", "duplicate"),
        (r"^/api/v1/merges/\\{id\\}", "id", "merge"),
        (r"^/api/v1/providers/\\{id\\}", "id", "provider"),
        (r"^/api/v1/issuers/\\{provider\\}", "provider", "provider"),
        (r"^/issuers/\\{provider\\}", "provider", "provider"),
        (r"^/api/v1/status-lists/\\{provider\\}", "provider", "provider"),
    ]
    geo = [(r"^/api/v1/geo/provinces/", "02"), (r"^/api/v1/geo/districts/", "0201"),
           (r"^/api/v1/geo/communes/", "020101"), (r"^/api/v1/geo/units/", "020101")]
    lines = ["# Written by scripts/kamlang_api.py st-config: path parameters pinned to existing records.", ""]
    for regex, param, kind in routes:
        if ids.get(kind):
            lines += ["[[operations]]", f'include-path-regex = "{regex}"',
                      f'parameters = {{ "path.{param}" = "{ids[kind]}" }}', ""]
    for regex, code in geo:
        lines += ["[[operations]]", f'include-path-regex = "{regex}"', f'parameters = {{ "path.code" = "{code}" }}', ""]
    with open(out, "w") as f:
        f.write("\n".join(lines))
    print(json.dumps({k: v for k, v in ids.items() if v}), file=sys.stderr)


def smtp_sink(port, path):
    """Enough SMTP for lettre: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    async def handle(reader, writer):
        async def send(line):
            writer.write((line + "\r\n").encode())
            await writer.drain()

        await send("220 sink ESMTP")
        mail_from, rcpt = None, []
        try:
            while True:
                raw = await reader.readline()
                if not raw:
                    break
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                verb = line[:4].upper()
                if verb == "EHLO":
                    writer.write(b"250-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n")
                    await writer.drain()
                elif verb == "HELO":
                    await send("250 sink")
                elif verb == "MAIL":
                    mail_from, rcpt = line.split(":", 1)[1].strip(), []
                    await send("250 OK")
                elif verb == "RCPT":
                    rcpt.append(line.split(":", 1)[1].strip())
                    await send("250 OK")
                elif verb == "DATA":
                    await send("354 end with <CRLF>.<CRLF>")
                    chunks = []
                    while True:
                        d = await reader.readline()
                        if not d or d in (b".\r\n", b".\n"):
                            break
                        chunks.append(d[1:] if d.startswith(b"..") else d)
                    data = b"".join(chunks)
                    msg = email.message_from_bytes(data, policy=email.policy.compat32)
                    with open(path, "a") as f:
                        f.write(json.dumps({"mail_from": mail_from, "rcpt_to": rcpt,
                                            "message_id": (msg.get("Message-ID") or "").strip(),
                                            "subject": str(msg.get("Subject") or ""), "size": len(data)}) + "\n")
                    await send("250 OK queued")
                elif verb == "RSET":
                    mail_from, rcpt = None, []
                    await send("250 OK")
                elif verb == "NOOP":
                    await send("250 OK")
                elif verb == "QUIT":
                    await send("221 bye")
                    break
                else:
                    await send("502 not implemented")
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        print(f"smtp sink on 127.0.0.1:{port}", file=sys.stderr, flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "cohort":
        cohort(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) == 5 and sys.argv[1] == "probe":
        probe(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "st-config":
        st_config(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "smtp-sink":
        smtp_sink(int(sys.argv[2]), sys.argv[3])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
