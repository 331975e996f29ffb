#!/usr/bin/env bash
# Fills the seed corpora of the fuzz targets (tests/fuzz): SEED_DIR/<target>/ from ../shared/corpus (the
# letters and circulaires), the examples, the rule packs in rules/ and the LSP transcripts in tests/lsp.
# Word, OpenDocument and HTML seeds are made with pandoc, PDF seeds by a small PDF writer below (and qpdf for
# compressed variants). Seeds are small (a few KB): libFuzzer mutates small inputs faster.
# Usage: scripts/make-fuzz-seeds.sh SEED_DIR   (the fuzz build runs it: build/fuzz/seeds)
set -euo pipefail
seed_dir="${1:?usage: make-fuzz-seeds.sh SEED_DIR}"
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
shared_dir="${HELDER_SHARED_DIR:-$source_dir/../shared}"
corpus="$shared_dir/corpus"
[ -d "$corpus/letters" ] || { echo "make-fuzz-seeds: no corpus in $corpus" >&2; exit 1; }

mkdir -p "$seed_dir"
rm -rf "$seed_dir"/fuzz_*  # only what this script made before
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Plain-text excerpts (whole paragraphs, at most about 3 KB) of the letters, circulaires and examples.
python3 - "$corpus" "$source_dir" "$work/texts" <<'EOF'
import os, sys
corpus, source, out = sys.argv[1:4]
os.makedirs(out)
files = [os.path.join(corpus, "letters", f) for f in sorted(os.listdir(os.path.join(corpus, "letters")))]
files += [os.path.join(corpus, "circulaires", f) for f in sorted(os.listdir(os.path.join(corpus, "circulaires")))[:8]]
examples = os.path.join(source, "examples")  # the example letters; not examples/ministerie (a folder)
files += [os.path.join(examples, f) for f in sorted(os.listdir(examples)) if os.path.isfile(os.path.join(examples, f))]
for path in files:
    text = open(path, encoding="utf-8").read()
    excerpt = ""
    for paragraph in text.split("\n\n"):
        if len(excerpt) + len(paragraph) > 3000 and excerpt:
            break
        excerpt += paragraph + "\n\n"
    name = os.path.basename(path)
    open(os.path.join(out, name), "w", encoding="utf-8").write(excerpt)
EOF

# decode: the excerpts in every encoding decode_input knows, with and without byte order marks, and binary.
mkdir -p "$seed_dir/fuzz_decode"
n=0
for f in "$work"/texts/*; do
  n=$((n + 1))
  head -c 1200 "$f" > "$work/part"
  cp "$work/part" "$seed_dir/fuzz_decode/utf8-$n"
  { printf '\xef\xbb\xbf'; cat "$work/part"; } > "$seed_dir/fuzz_decode/utf8-bom-$n"
  if [ $((n % 3)) -eq 0 ]; then
    iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT < "$work/part" > "$seed_dir/fuzz_decode/cp1252-$n" 2>/dev/null || true
    iconv -f UTF-8 -t ISO-8859-1//TRANSLIT < "$work/part" > "$seed_dir/fuzz_decode/latin1-$n" 2>/dev/null || true
    iconv -f UTF-8 -t UTF-16LE < "$work/part" > "$seed_dir/fuzz_decode/utf16le-$n"
    iconv -f UTF-8 -t UTF-16BE < "$work/part" > "$seed_dir/fuzz_decode/utf16be-$n"
    { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE < "$work/part"; } > "$seed_dir/fuzz_decode/utf16le-bom-$n"
    { printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE < "$work/part"; } > "$seed_dir/fuzz_decode/utf16be-bom-$n"
  fi
done
printf 'Geachte heer,\n\x81\x8d tekst in Latin-1 met \xe9\xe9n \x93aanhalingstekens\x94.\n' > "$seed_dir/fuzz_decode/latin1-undefined"
printf 'Ongeldig \xc3\x28 en \xed\xa0\x80 en \xf4\x90\x80\x80 en \xe2\x82 UTF-8.\n' > "$seed_dir/fuzz_decode/invalid-utf8"
printf 'PK\x03\x04\x00\x00binair\x00\x00\x00' > "$seed_dir/fuzz_decode/binary"
printf '%%PDF-1.4\n' > "$seed_dir/fuzz_decode/pdf-signature"

# text_readers: the excerpts as they are (Markdown and plain text), with directives and line ends of all kinds.
mkdir -p "$seed_dir/fuzz_text_readers"
cp "$work"/texts/* "$seed_dir/fuzz_text_readers/"
printf '# Titel\n\n<!-- helder-disable rijksoverheid.sentence-length -->\nEen zin met `code` en [een link](https://example.org).\n\n> Een citaat.\n\n- punt een\n- punt twee\n\n<!-- helder-enable -->\n\n| a | b |\n|---|---|\n| c | d |\n' > "$seed_dir/fuzz_text_readers/markdown-constructs.md"
printf 'Regel een\r\nRegel twee\rRegel drie\n\n<!-- helder-disable -->\nStil.\n' > "$seed_dir/fuzz_text_readers/line-ends.txt"
printf -- '---\ntitle: Brief\n---\n\nTekst na front matter.\n' > "$seed_dir/fuzz_text_readers/front-matter.md"

# html, docx, odt: pandoc, from a few excerpts (the Markdown letter keeps its headings, lists and links).
mkdir -p "$seed_dir/fuzz_html" "$seed_dir/fuzz_docx" "$seed_dir/fuzz_odt"
n=0
for f in "$work"/texts/*; do
  n=$((n + 1))
  [ $n -le 6 ] || break
  from=markdown
  pandoc -f "$from" -t html5 -s --metadata title="Brief $n" -o "$seed_dir/fuzz_html/brief-$n.html" "$f"
  pandoc -f "$from" -t docx -o "$seed_dir/fuzz_docx/brief-$n.docx" "$f"
  pandoc -f "$from" -t odt -o "$seed_dir/fuzz_odt/brief-$n.odt" "$f"
done
printf '# Kop\n\nTekst met een voetnoot[^1] en een [link](https://www.rijksoverheid.nl) en *nadruk*.\n\n[^1]: De voetnoot.\n\n| Kolom | Kolom |\n|---|---|\n| cel | cel |\n' > "$work/notes.md"
pandoc -f markdown -t docx -o "$seed_dir/fuzz_docx/notes.docx" "$work/notes.md"
pandoc -f markdown -t odt -o "$seed_dir/fuzz_odt/notes.odt" "$work/notes.md"
pandoc -f markdown -t html5 -o "$seed_dir/fuzz_html/notes.html" "$work/notes.md"
# The same documents as XML parts for the targets' own zip ('X', then the parts separated by "\n#~part\n").
python3 - "$seed_dir" <<'EOF'
import os, sys, zipfile
seeds = sys.argv[1]
layouts = {"fuzz_docx": ["word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/endnotes.xml"],
           "fuzz_odt": ["content.xml", "styles.xml", "mimetype"]}
for target, names in layouts.items():
    folder = os.path.join(seeds, target)
    for f in sorted(os.listdir(folder)):
        with zipfile.ZipFile(os.path.join(folder, f)) as z:
            present = set(z.namelist())
            parts = [z.read(n) if n in present else b"" for n in names]
        open(os.path.join(folder, os.path.splitext(f)[0] + "-parts"), "wb").write(b"X" + b"\n#~part\n".join(parts))
EOF
if [ -d "$source_dir/tests/documents/html" ]; then
  for f in "$source_dir"/tests/documents/html/*.html; do head -c 8000 "$f" > "$seed_dir/fuzz_html/$(basename "$f")"; done
fi
printf '<!DOCTYPE html><html><head><title>T</title></head><body><nav>menu</nav><main><h1>Kop</h1><p>Een <a href="/x">link</a>, <cite>Een titel</cite> en <q>een citaat</q>.</p><ul><li>een</li></ul><table><tr><td>cel</td></tr></table><pre>code</pre></main><footer>voet</footer></body></html>\n' > "$seed_dir/fuzz_html/constructs.html"

# pdf: a small PDF writer (one font, text lines, several pages), and qpdf's compressed variants.
mkdir -p "$seed_dir/fuzz_pdf"
python3 - "$work/texts" "$seed_dir/fuzz_pdf" <<'EOF'
import os, sys, textwrap
texts, out = sys.argv[1:3]

def pdf(pages):
    objects = []  # bodies, numbered from 1
    def add(body):
        objects.append(body)
        return len(objects)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # after the page objects and their streams
    kids = []
    for lines in pages:
        ops = ["BT /F1 11 Tf 14 TL 56 790 Td"]
        for line in lines:
            s = line.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append("(" + s.decode("latin-1") + ") Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    assert add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    data = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return data

for n, name in enumerate(sorted(os.listdir(texts))[:6], 1):
    text = open(os.path.join(texts, name), encoding="utf-8").read()[:2500]
    lines = []
    for paragraph in text.split("\n\n"):
        lines += textwrap.wrap(paragraph, 85) + [""]
    pages = [lines[i:i + 50] for i in range(0, len(lines), 50)] or [[""]]
    open(os.path.join(out, "brief-%d.pdf" % n), "wb").write(pdf(pages))
EOF
for f in "$seed_dir"/fuzz_pdf/brief-1.pdf "$seed_dir"/fuzz_pdf/brief-2.pdf; do
  qpdf --object-streams=generate --compress-streams=y "$f" "${f%.pdf}-compressed.pdf" || true
done

# segmentation: paragraphs, each after one flags byte (block kind, skipped parts, marks, whole check).
mkdir -p "$seed_dir/fuzz_segmentation"
python3 - "$work/texts" "$seed_dir/fuzz_segmentation" <<'EOF'
import os, sys
texts, out = sys.argv[1:3]
n = 0
for name in sorted(os.listdir(texts)):
    paragraphs = [p for p in open(os.path.join(texts, name), encoding="utf-8").read().split("\n\n") if len(p) > 40]
    for p in paragraphs[:3]:
        n += 1
        flags = (n % 5) | ((n % 4) << 3) | (((n // 4) % 4) << 5) | (0x80 if n % 3 == 0 else 0)
        body = bytes([flags]) + bytes((n * 37 + k * 11) % 256 for k in range(4 * (((flags >> 3) & 3) + ((flags >> 5) & 3))))
        open(os.path.join(out, "paragraph-%d" % n), "wb").write(body + p[:1500].encode("utf-8"))
extra = ["Zie bijv. art. 3 lid 2 Awb, o.a. blz. 4. Mw. mr. J. de Vries, d.d. 1 jan. 2024.",
         "Kijk op https://www.rijksoverheid.nl/onderwerpen of mail naar info@minbzk.nl. Bel 0800-1234!",
         "“Dit is een citaat,” zei hij. ‘Nog een.’ (Tussen haakjes.) Is dat zo? Ja… Nee!",
         "De aanvraag wordt door de gemeente beoordeeld en is door ons ontvangen. Het besluit zal worden genomen."]
for i, t in enumerate(extra):
    open(os.path.join(out, "sentences-%d" % i), "wb").write(bytes([0x80 | (i % 5)]) + t.encode("utf-8"))
EOF

# config: .helder.toml files, alone and with a pack (rules/*/pack.toml and entries of its include files).
mkdir -p "$seed_dir/fuzz_config"
python3 - "$source_dir/rules" "$seed_dir/fuzz_config" <<'EOF'
import os, re, sys
rules, out = sys.argv[1:3]
projects = {
    "empty": "",
    "vocabulary": '[vocabulary]\naccept = ["Zandvoorde", "één"]\nreject = ["middels"]\n',
    "vocabulary-header-only": "# vocabulaire\n[vocabulary]\n\n[rules.\"rijksoverheid.sentence-length\"]\nwarning_above = 30\n",
    "inline-vocabulary": 'vocabulary = { accept = ["x"] }\n',
    "rule-settings": '[rules."rijksoverheid.sentence-length"]\nseverity = "error"\nwarning_above = 30\ninfo_above = 18\n\n'
                     '[rules."rijksoverheid.officialese"]\nenabled = false\n\n[rules."rijksoverheid.spelling"]\nseverity = "off"\n',
    "typo": '[rules."rijksoverheid.sentence-length"]\nwarnig_above = 30\n',
    "lexicon": '[lexicon]\nwords = ["lexicon.tsv"]\nnames = ["Wet op de toeslagen"]\n\n#~lexicon\nhuurtoeslag\tnoun\n',
    "crlf": '[vocabulary]\r\naccept = [\r\n  "a", # comment\r\n  \'b\',\r\n]\r\n',
    "packs-default": 'packs = ["rijksoverheid"]\ntarget_level = "B1"\n',
    "plugin-paths": 'plugin_paths = ["/tmp"]\n',
}
for name, text in projects.items():
    open(os.path.join(out, name + ".toml"), "w", encoding="utf-8").write(text)
project = 'packs = ["fuzzpack"]\npack_paths = ["packs"]\n'
for pack in sorted(os.listdir(rules)):
    folder = os.path.join(rules, pack)
    if not os.path.isdir(folder):
        continue
    text = open(os.path.join(folder, "pack.toml"), encoding="utf-8").read()
    listed = re.search(r"^include = \[(.*)\]$", text, re.M)
    includes = re.findall(r'"([^"]+)"', listed.group(1)) if listed else []
    text = re.sub(r"^include = \[.*\]\n", "", text, flags=re.M)
    text = re.sub(r'^name = ".*"$', 'name = "fuzzpack"', text, flags=re.M)
    open(os.path.join(out, pack + "-pack.toml"), "w", encoding="utf-8").write(project + "\n#~pack\n" + text)
    for inc in includes:
        entries = open(os.path.join(folder, inc), encoding="utf-8").read().split("\n\n")
        kept = "\n\n".join([e for e in entries if e.lstrip().startswith("[")][:12])
        open(os.path.join(out, pack + "-" + os.path.splitext(inc)[0] + ".toml"), "w", encoding="utf-8").write(
            project + "\n#~pack\n" + text[:4000].rsplit("\n[", 1)[0] + "\n\n" + kept + "\n")
open(os.path.join(out, "extends.toml"), "w").write(
    project + '\n#~pack\nname = "fuzzpack"\nextends = "rijksoverheid"\n[lexicon]\nverbs = ["lexicon.tsv"]\n'
    '[rules.eigen]\nkind = "jargon.substitution"\nseverity = "info"\nsummary = "Eigen woorden."\n'
    '[[rules.eigen.entries]]\nphrase = "bewerkstelligen"\nuse = "verb"\nreplacement = "zorgen voor"\n'
    '\n#~lexicon\nbe|werk|stelligen\n')
EOF

# transport: framed messages (from the LSP transcripts), garbage, and bodies for the round trip.
mkdir -p "$seed_dir/fuzz_transport" "$seed_dir/fuzz_jsonrpc"
python3 - "$source_dir/tests/lsp/transcripts" "$seed_dir/fuzz_transport" "$seed_dir/fuzz_jsonrpc" <<'EOF'
import json, os, sys
transcripts, transport, jsonrpc = sys.argv[1:4]
def frame(body):
    return b"Content-Length: %d\r\n\r\n" % len(body) + body
for name in sorted(os.listdir(transcripts)):
    sends = []
    pending = ""  # a step may span several lines
    for line in open(os.path.join(transcripts, name), encoding="utf-8"):
        line = line.strip()
        if not pending and (not line or line.startswith("//")):
            continue
        pending += line
        try:
            step = json.loads(pending)
        except ValueError:
            continue
        pending = ""
        if "send" in step:
            message = step["send"]
            if isinstance(message, dict) and message.get("method") in ("initialize", "shutdown", "exit"):
                continue
            sends.append(json.dumps(message, ensure_ascii=False).replace("${ROOT}", "$ROOT"))
        elif "send_raw" in step and isinstance(step["send_raw"], str):
            sends.append(step["send_raw"].replace("${ROOT}", "$ROOT").replace("\n", " "))
    if not sends:
        continue
    base = os.path.splitext(name)[0]
    bodies = [s.encode("utf-8")[:3000] for s in sends[:12]]
    open(os.path.join(jsonrpc, base), "wb").write(b"\n".join(bodies) + b"\n")
    stream = b"".join(frame(b) for b in bodies[:6])
    open(os.path.join(transport, base + "-garbage"), "wb").write(bytes([0, len(base)]) + stream)
    open(os.path.join(transport, base + "-roundtrip"), "wb").write(bytes([1, len(base) * 7 % 256]) + b"\xff".join(bodies[:6]))
    open(os.path.join(transport, base + "-pipe"), "wb").write(bytes([2, 0]) + b"\xff".join(bodies[:4]))
broken = [b"Content-Length: 5\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n{}",
          b"content-length:7\n\n{\"x\":1}",
          b"garbage\r\nContent-Length: 99\r\n\r\n{\"jsonrpc\":\"2.0\"}Content-Length: 2\r\n\r\n{}",
          b"Content-Type: utf-8\r\n\r\n{}Content-Length: abc\r\n\r\n",
          b"Content-Length: 99999999999\r\n\r\n{}"]
for i, b in enumerate(broken):
    open(os.path.join(transport, "broken-%d" % i), "wb").write(bytes([0, i * 51]) + b)
letter = "Geachte heer,\n\nMiddels deze brief informeren wij u. Indien u vragen heeft, kunt u ons bellen.\n"
extra = [
    {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "$ROOT/brief.md", "languageId": "markdown", "version": 1, "text": "# Brief\n\n" + letter}}},
    {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "$ROOT/brief.md", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 7}}, "text": "Met"}]}},
    {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "$ROOT/brief.md"}, "position": {"line": 2, "character": 2}}},
    {"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "$ROOT/brief.md"}, "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 40}}, "context": {"diagnostics": []}}},
    {"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeLens", "params": {"textDocument": {"uri": "$ROOT/brief.md"}}},
    {"jsonrpc": "2.0", "id": 4, "method": "textDocument/inlayHint", "params": {"textDocument": {"uri": "$ROOT/brief.md"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}},
    {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 5}},
    {"jsonrpc": "2.0", "id": 5, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": "$ROOT/brief.md"}}},
    {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"helder": {"minimumSeverity": "warning", "pack": "rijksoverheid"}}}},
    {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": "$ROOT/.helder.toml"}}},
    {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "$ROOT/brief.md"}}},
]
open(os.path.join(jsonrpc, "session"), "wb").write(b"\n".join(json.dumps(m, ensure_ascii=False).encode("utf-8") for m in extra) + b"\n")
open(os.path.join(jsonrpc, "not-json"), "wb").write(b'{"jsonrpc": "2.0", "id": 1, "method"\n[1,2]\n{"jsonrpc":"2.0","id":{"a":1},"method":"x"}\n{"jsonrpc":"2.0","result":null,"id":"helder-1"}\n')
EOF

# edits: choices for the edit model (any bytes make a valid sequence; these are a few of each kind).
mkdir -p "$seed_dir/fuzz_edits"
python3 - "$seed_dir/fuzz_edits" <<'EOF'
import os, random, sys
out = sys.argv[1]
rng = random.Random(12)
for i in range(12):
    data = bytes([i % 3, 60]) + bytes(rng.randrange(256) for _ in range(60))
    for _ in range(40):
        data += bytes([rng.randrange(256) for _ in range(14)])
    open(os.path.join(out, "edits-%d" % i), "wb").write(data)
EOF

count=$(find "$seed_dir" -type f | wc -l)
echo "make-fuzz-seeds: $count seeds in $seed_dir"
