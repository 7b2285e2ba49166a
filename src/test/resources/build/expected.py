import json, os, sys, datetime
case = sys.argv[1]
cfg = json.load(open(f"{case}/release/config.json"))
now = open(f"{case}/now").read().strip()
t = datetime.datetime.fromisoformat(now[:19] + now[-6:] if not now.endswith("Z") else now[:19] + "+00:00")
t = t.astimezone(datetime.timezone.utc).replace(microsecond=0)
e = t + datetime.timedelta(days=cfg.get("validity-days", 14))
f = lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
out = {"timestamp": f(t), "expires": f(e), "version": cfg.get("version", "0.1"), "author": cfg.get("author", "starttls-list")}
def inline(src): return {"mode": src["mode"], "mxs": sorted(set(m.lower() for m in src["mxs"]))}
ad = f"{case}/policies/aliases"
out["policy-aliases"] = {n[:-5]: inline(json.load(open(f"{ad}/{n}"))) for n in sorted(os.listdir(ad)) if n.endswith(".json")}
pd = f"{case}/policies"
pol = {}
for n in sorted(os.listdir(pd)):
    if not n.endswith(".json"): continue
    s = json.load(open(f"{pd}/{n}"))
    pol[n[:-5]] = {"policy-alias": s["policy-alias"]} if "policy-alias" in s else inline(s)
out["policies"] = dict(sorted(pol.items()))
open(f"{case}/expected.policy.json", "w").write(json.dumps(out, indent=2) + "\n")
