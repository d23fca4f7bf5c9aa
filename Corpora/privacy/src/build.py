"""Convert the hand-written source files (src/dev.txt, src/test.txt) to CSV.
Format: records separated by a line '---'; text lines first, then span lines
'> kind | span text [| occurrence]'. This only reformats; all content is hand-written."""
import csv, json, sys
def parse(path):
    recs = []
    for block in open(path, encoding='utf-8').read().split('\n---\n'):
        lines = [l for l in block.strip('\n').split('\n') if l.strip()]
        text = ' '.join(l for l in lines if not l.startswith('> '))
        spans = []
        for l in lines:
            if l.startswith('> '):
                parts = [p.strip() for p in l[2:].split(' | ')]
                s = {"kind": parts[0], "text": parts[1]}
                if len(parts) > 2: s["occurrence"] = int(parts[2])
                spans.append(s)
        recs.append((text, spans))
    return recs
for name, prefix in [('dev', 'd'), ('test', 't')]:
    try: recs = parse(f'src/{name}.txt')
    except FileNotFoundError: continue
    with open(f'{name}.csv', 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator='\r\n')
        w.writerow(['id', 'text', 'spans'])
        for i, (t, s) in enumerate(recs, 1):
            w.writerow([f'{prefix}{i:03d}', t, json.dumps(s, ensure_ascii=False)])
    print(name, len(recs))
