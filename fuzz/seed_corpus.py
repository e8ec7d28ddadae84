#!/usr/bin/env python3
"""Writes the seed corpora from the project's fixtures into fuzz/corpus/<target>/.

load_plan: every seeds/**/*.plan.yaml and rules/*/cases/*/*.yaml; catalog:
rules/catalog.yaml; target_parse: one file per distinct `target` / `baseline` string in
those files. Needs PyYAML. Run `cargo fuzz cmin <target>` afterwards."""
import glob, hashlib, os, shutil, yaml
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = root + '/fuzz/corpus'
def put(target, name, data):
    d = os.path.join(out, target); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f: f.write(data)
plans = sorted(glob.glob(root + '/seeds/**/*.plan.yaml', recursive=True))
cases = sorted(glob.glob(root + '/rules/*/cases/*/*.yaml'))
for p in plans + cases:
    name = os.path.relpath(p, root).replace('/', '__')
    put('load_plan', name, open(p, 'rb').read())
put('catalog', 'rules__catalog.yaml', open(root + '/rules/catalog.yaml', 'rb').read())
strings = set()
def walk(v, key=None):
    if isinstance(v, dict):
        for k, x in v.items(): walk(x, k)
    elif isinstance(v, list):
        for x in v: walk(x, key)
    elif key in ('target', 'baseline') and v is not None:
        strings.add(str(v))
for p in plans + cases:
    try:
        walk(yaml.safe_load(open(p, encoding='utf-8')))
    except Exception as e:
        print('skip', p, e)
for s in sorted(strings):
    put('target_parse', hashlib.sha1(s.encode()).hexdigest()[:16], s.encode())
print(len(plans), len(cases), len(strings))
