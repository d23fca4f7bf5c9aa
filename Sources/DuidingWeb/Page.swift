// The review page: plain HTML, CSS and JavaScript, compiled into the binary so the page works
// with no network and no files next to the executable. Respondent text only ever reaches the
// page through JSON and `textContent`/text nodes; the Content-Security-Policy (see
// ReviewGuard) also forbids inline scripts.

enum Page {
    /// `{{TOKEN}}` is replaced by the server's token (one coder) or the signed-in session's
    /// CSRF token (a team), hex digits only.
    static let html = #"""
    <!doctype html>
    <html lang="nl">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="duiding-token" content="{{TOKEN}}">
    <title>Duiding — beoordelen</title>
    <link rel="stylesheet" href="/app.css">
    <script src="/app.js" defer></script>
    <link rel="stylesheet" href="/codebook.css">
    <script src="/codebook.js" defer></script>
    <link rel="stylesheet" href="/explore.css">
    <script src="/explore.js" defer></script>
    <link rel="stylesheet" href="/list.css">
    <script src="/list.js" defer></script>
    <link rel="stylesheet" href="/team.css">
    <script src="/team.js" defer></script>
    </head>
    <body>
    <header>
      <h1>Duiding <span>beoordelen</span></h1>
      <div id="project"></div>
      <div class="progress" title="door jou beoordeeld / alle antwoorden">
        <div id="progress-bar"><div id="progress-fill"></div></div>
        <span id="progress-text">laden…</span>
      </div>
      <div id="save-status" data-state="idle" role="status" aria-live="polite">—</div>
    </header>
    <nav id="filters">
      <label>Toon
        <select id="filter-status">
          <option value="all">alle antwoorden</option>
          <option value="unreviewed">nog niet door mij beoordeeld</option>
          <option value="nosuggestion">zonder voorstel</option>
          <option value="conflict">in tegenspraak met andere codeur</option>
          <option value="informative">meest leerzaam</option>
          <option value="missed">mogelijk gemist</option>
        </select>
      </label>
      <label>Code <select id="filter-code"><option value="">alle codes</option></select></label>
      <label>Groep <select id="filter-group"><option value="">alle groepen</option></select></label>
      <label>Volgorde <select id="filter-sort" title="de volgorde van de lijst en van j/k"><option value="">importvolgorde</option></select></label>
      <label>Zoek <input id="filter-search" type="search" placeholder="woorden in de tekst (/)" autocomplete="off" spellcheck="false"></label>
      <button id="codebook-open" type="button" title="patroon proberen en aan het codeboek toevoegen (c)">codeboek</button>
      <button id="explore-open" type="button" title="woorden, context en groepen verkennen; de leercurve (v)">verkennen</button>
      <span class="spacer"></span>
      <button id="prev" type="button" title="vorige (k of ←)">← vorige</button>
      <span id="position">–</span>
      <button id="next" type="button" title="volgende (j of →)">volgende →</button>
    </nav>
    <div id="bulk" hidden>
      <span id="bulk-count"></span>
      <label>code <select id="bulk-code"></select></label>
      <button id="bulk-apply" type="button">geven</button>
      <button id="bulk-remove" type="button">weghalen</button>
      <span id="bulk-confirm" hidden>
        <span id="bulk-question"></span>
        <button id="bulk-yes" type="button">ja</button>
        <button id="bulk-no" type="button">nee</button>
      </span>
    </div>
    <aside id="codebook-panel" hidden aria-label="Codeboek: patroon proberen">
      <div class="cb-head">
        <h2>Patroon proberen <small id="cb-version"></small></h2>
        <button id="cb-close" type="button" title="sluiten (Esc)">✕</button>
      </div>
      <div class="cb-row">
        <label>Code <select id="cb-code"></select></label>
        <span id="cb-new" hidden>
          <label>id <input id="cb-new-id" type="text" placeholder="bijv. slaap" autocomplete="off" spellcheck="false"></label>
          <label>label <input id="cb-new-label" type="text" placeholder="bijv. Slaapproblemen" autocomplete="off"></label>
        </span>
      </div>
      <div class="cb-row">
        <label class="cb-pattern">Patroon <input id="cb-pattern" type="text" placeholder="bijv. slaap* of lig * wakker" autocomplete="off" spellcheck="false"></label>
        <span id="cb-error" role="alert"></span>
      </div>
      <p id="cb-result" aria-live="polite"></p>
      <ol id="cb-examples"></ol>
      <div class="cb-row">
        <button id="cb-save" type="button" disabled title="het patroon toevoegen in een nieuwe codeboekversie">Opslaan</button>
        <button id="cb-undo" type="button" hidden title="terug naar de vorige codeboekversie (als nieuwe versie)">Ongedaan maken</button>
        <span id="cb-status" role="status" aria-live="polite"></span>
      </div>
      <details id="cb-includes-box" hidden><summary id="cb-includes-summary"></summary><p id="cb-includes"></p></details>
    </aside>
    <aside id="explore-panel" hidden aria-label="Verkennen">
      <div class="ex-head">
        <h2>Verkennen <small id="ex-scope"></small></h2>
        <button id="ex-close" type="button" title="sluiten (Esc)">✕</button>
      </div>
      <div class="ex-tabs" role="tablist">
        <button type="button" role="tab" data-mode="frequency" aria-selected="true">Frequentie</button>
        <button type="button" role="tab" data-mode="kwic" aria-selected="false">In context</button>
        <button type="button" role="tab" data-mode="collocations" aria-selected="false">Collocaties</button>
        <button type="button" role="tab" data-mode="keyness" aria-selected="false">Groep tegen rest</button>
        <button type="button" role="tab" data-mode="curve" aria-selected="false">Leercurve</button>
      </div>
      <div class="ex-row">
        <label class="ex-pattern" data-option="pattern">Patroon <input id="ex-pattern" type="text" placeholder="bijv. aangifte* of denk * keer na" autocomplete="off" spellcheck="false"></label>
        <span id="ex-error" role="alert" data-option="pattern"></span>
        <label data-option="by">Groep <select id="ex-by"></select></label>
        <label data-option="measure">Maat <select id="ex-measure"><option value="chi2">chi² (Yates)</option><option value="lr">G²</option></select></label>
        <label data-option="ngrams">Woorden <select id="ex-ngrams"><option value="1">1</option><option value="2">2</option><option value="3">3</option></select></label>
        <label data-option="window">Venster <input id="ex-window" type="number" min="0" max="50" value="5"></label>
        <label data-option="min">Minstens <input id="ex-min" type="number" min="1" value="2"> keer</label>
        <label data-option="fuzzy"><input id="ex-fuzzy" type="checkbox"> spelfouten toestaan</label>
        <label data-option="stems"><input id="ex-stems" type="checkbox"> stammen</label>
        <label data-option="stopwords"><input id="ex-stopwords" type="checkbox"> stopwoorden houden</label>
        <label data-option="uncoded"><input id="ex-uncoded" type="checkbox"> alleen antwoorden zonder code</label>
      </div>
      <p id="ex-summary" aria-live="polite"></p>
      <div id="ex-table-box"><table id="ex-table"></table></div>
      <div id="ex-curve" hidden>
        <div id="ex-curve-chart"></div>
        <p id="ex-curve-note" aria-live="polite"></p>
        <table id="ex-curve-points"></table>
      </div>
    </aside>
    <main>
      <section id="unit" hidden>
        <div class="unit-head">
          <span id="unit-id"></span>
          <span id="unit-source"></span>
          <span id="reviewed-badge"></span>
        </div>
        <dl id="groups"></dl>
        <p id="prompt" hidden></p>
        <p id="text"></p>
        <p id="passage-hint" hidden></p>
        <h2>Codes <small>(cijfer = aan/uit, a = toevoegen; selecteer tekst om een passage te coderen)</small></h2>
        <div id="chips"></div>
        <div id="quote-choices"></div>
        <div id="add-box" hidden>
          <input id="add-input" type="text" placeholder="typ een deel van een label…" autocomplete="off" spellcheck="false">
          <ul id="add-list" role="listbox"></ul>
        </div>
        <label for="memo" class="memo-label">Memo <small>(m; Esc om terug te gaan)</small></label>
        <textarea id="memo" rows="2" placeholder="notitie bij dit antwoord"></textarea>
        <div id="others"></div>
      </section>
      <section id="list" hidden aria-label="Lijst van antwoorden">
        <div id="list-tools">
          <span id="list-count"></span>
          <details><summary>kolommen</summary><div id="list-columns-box"></div></details>
        </div>
        <div id="list-head" class="list-grid"></div>
        <div id="list-viewport"><div id="list-canvas"></div></div>
      </section>
      <p id="empty" hidden>Geen antwoorden bij dit filter.</p>
      <p id="message" role="status" aria-live="polite"></p>
    </main>
    <footer id="keys">
      <span><kbd>Enter</kbd> voorstellen accepteren, volgende</span>
      <span class="list-key list-only"><kbd>↑</kbd>/<kbd>↓</kbd> of <kbd>j</kbd>/<kbd>k</kbd> kiezen</span>
      <span class="list-key list-only"><kbd>Enter</kbd> antwoord openen</span>
      <span class="list-key"><kbd>1</kbd>–<kbd>9</kbd> code aan/uit</span>
      <span><kbd>a</kbd> code toevoegen</span>
      <span><kbd>j</kbd>/<kbd>→</kbd> volgende</span>
      <span><kbd>k</kbd>/<kbd>←</kbd> vorige</span>
      <span class="list-key"><kbd>u</kbd> ongedaan maken</span>
      <span><kbd>m</kbd> memo</span>
      <span class="list-key"><kbd>l</kbd> lijst aan/uit</span>
      <span class="list-key"><kbd>c</kbd> codeboek</span>
      <span class="list-key"><kbd>v</kbd> verkennen</span>
      <span class="list-key"><kbd>/</kbd> zoeken</span>
    </footer>
    </body>
    </html>
    """#

    /// Shown for `/` without the right token.
    static let forbidden = #"""
    <!doctype html>
    <html lang="nl"><head><meta charset="utf-8"><title>Duiding — geen toegang</title></head>
    <body><h1>Geen toegang</h1>
    <p>Open de pagina met de link die <code>duiding review</code> bij het starten afdrukte
    (met <code>?token=…</code>). Zonder die sleutel toont de server geen antwoorden.</p>
    </body></html>
    """#

    static let css = #"""
    :root {
      --bg: #f6f6f3; --fg: #1d1d1b; --muted: #6b6b66; --line: #d8d8d2; --accent: #1f5fa8;
      --ok: #1d7a3e; --bad: #b3261e;
      --c0: #ffd966; --c1: #9fd3f5; --c2: #b6e3a8; --c3: #f4b4c9; --c4: #d5c2f0;
      --c5: #ffc58f; --c6: #a8e0dc; --c7: #e3d9a0;
    }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
    header { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.2rem; background: #fff; border-bottom: 1px solid var(--line); }
    h1 { font-size: 1.15rem; margin: 0; white-space: nowrap; }
    h1 span { font-weight: 400; color: var(--muted); }
    h2 { font-size: .95rem; margin: 1.2rem 0 .4rem; }
    h2 small, label small { font-weight: 400; color: var(--muted); }
    #project { color: var(--muted); font-size: .9rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .progress { display: flex; align-items: center; gap: .6rem; flex: 1; min-width: 12rem; }
    #progress-bar { flex: 1; height: .6rem; background: #e6e6e0; border-radius: .3rem; overflow: hidden; }
    #progress-fill { height: 100%; width: 0; background: var(--accent); transition: width .15s; }
    #progress-text { font-size: .9rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
    #save-status { font-size: .9rem; min-width: 9rem; text-align: right; white-space: nowrap; }
    #save-status[data-state="saved"] { color: var(--ok); }
    #save-status[data-state="saving"] { color: var(--muted); }
    #save-status[data-state="error"] { color: var(--bad); font-weight: 600; }
    nav { display: flex; align-items: center; gap: .8rem; padding: .5rem 1.2rem; border-bottom: 1px solid var(--line); flex-wrap: wrap; font-size: .9rem; }
    nav select { font: inherit; padding: .15rem .3rem; max-width: 12rem; }
    nav .spacer { flex: 1; }
    nav button { font: inherit; padding: .2rem .7rem; border: 1px solid var(--line); background: #fff; border-radius: .3rem; cursor: pointer; }
    #position { font-variant-numeric: tabular-nums; min-width: 7rem; text-align: center; }
    main { max-width: 60rem; margin: 1.2rem auto; padding: 0 1.2rem; }
    #unit { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: 1.1rem 1.4rem 1.3rem; }
    .unit-head { display: flex; gap: 1rem; align-items: baseline; font-size: .9rem; color: var(--muted); }
    #unit-id { font-weight: 600; color: var(--fg); }
    #reviewed-badge { margin-left: auto; }
    #reviewed-badge.done { color: var(--ok); }
    dl#groups { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; margin: .5rem 0 0; font-size: .85rem; }
    dl#groups div { display: flex; gap: .3rem; }
    dl#groups dt { color: var(--muted); }
    dl#groups dd { margin: 0; }
    #text { font-size: 1.2rem; line-height: 1.65; margin: 1rem 0 .2rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    mark { border-radius: .2rem; padding: 0 .05rem; color: inherit; }
    mark.multi { box-shadow: inset 0 -.2rem 0 var(--fg); }
    /* Learned evidence: the words a model weighed most, underlined, never filled like a pattern match. */
    mark.learned { background: none; border-bottom: .18rem dotted var(--fg); border-radius: 0; }
    /* A coded passage: its code's colour, framed, so it reads as a person's coding, not a match. */
    mark.passage { outline: .12rem solid var(--fg); outline-offset: -.06rem; }
    #prompt { margin: 1rem 0 0; color: var(--muted); font-style: italic; white-space: pre-wrap; }
    #passage-hint { margin: 0; font-size: .85rem; color: var(--muted); }
    .c0 { background: var(--c0); } .c1 { background: var(--c1); } .c2 { background: var(--c2); } .c3 { background: var(--c3); }
    .c4 { background: var(--c4); } .c5 { background: var(--c5); } .c6 { background: var(--c6); } .c7 { background: var(--c7); }
    #chips { display: flex; flex-wrap: wrap; gap: .5rem; }
    .chip { display: inline-flex; align-items: center; gap: .45rem; font: inherit; font-size: .95rem; padding: .3rem .7rem .3rem .35rem;
      border: 2px solid var(--line); border-radius: 1.2rem; background: #fff; cursor: pointer; color: var(--muted); }
    .chip .num { display: inline-block; min-width: 1.4rem; height: 1.4rem; line-height: 1.4rem; text-align: center; border-radius: .7rem;
      background: #eee; color: var(--fg); font-size: .8rem; font-weight: 600; }
    .chip .swatch { width: .8rem; height: .8rem; border-radius: .2rem; }
    .chip .status { font-size: .8rem; }
    .chip.on { color: var(--fg); border-color: var(--fg); }
    .chip.suggested.on:not(.decided) { border-style: dashed; }
    .chip.accept .status, .chip.add .status { color: var(--ok); }
    .chip.reject { text-decoration: line-through; }
    .chip.reject .status { color: var(--bad); text-decoration: none; }
    #add-box { position: relative; margin-top: .6rem; max-width: 24rem; }
    #add-input { width: 100%; font: inherit; padding: .3rem .5rem; border: 2px solid var(--accent); border-radius: .3rem; }
    #add-list { list-style: none; margin: .2rem 0 0; padding: 0; border: 1px solid var(--line); background: #fff; border-radius: .3rem; }
    #add-list li { padding: .25rem .6rem; cursor: pointer; }
    #add-list li.active { background: var(--accent); color: #fff; }
    #add-list li small { color: inherit; opacity: .7; margin-left: .4rem; }
    .memo-label { display: block; margin-top: 1.1rem; font-weight: 600; font-size: .95rem; }
    #memo { width: 100%; font: inherit; padding: .4rem .5rem; border: 1px solid var(--line); border-radius: .3rem; resize: vertical; }
    #others { margin-top: .8rem; font-size: .85rem; color: var(--muted); }
    #others .differs { color: var(--bad); }
    #message { min-height: 1.5rem; color: var(--muted); font-size: .9rem; }
    #bulk { display: flex; align-items: center; gap: .6rem; padding: .4rem 1.2rem; background: #fffbe8; border-bottom: 1px solid var(--line); font-size: .9rem; }
    #bulk-question { font-weight: 600; }
    #quote-choices { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; margin: .5rem 0; font-size: .85rem; color: var(--muted); }
    #quote-choices .qc { display: inline-flex; gap: .3rem; align-items: center; }
    #quote-choices button { font-size: .8rem; padding: .05rem .4rem; border: 1px solid var(--line); background: #fff; border-radius: .3rem; cursor: pointer; }
    #quote-choices button.on { background: var(--accent); color: #fff; border-color: var(--accent); }
    #filter-search { width: 14rem; }
    #empty { text-align: center; color: var(--muted); margin-top: 3rem; }
    footer { position: fixed; bottom: 0; left: 0; right: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; justify-content: center;
      padding: .45rem 1rem; background: #fff; border-top: 1px solid var(--line); font-size: .8rem; color: var(--muted); }
    kbd { font: .75rem ui-monospace, monospace; padding: .05rem .3rem; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: .25rem; background: #fafafa; color: var(--fg); }
    [hidden] { display: none !important; }
    """#

    static let javascript = #"""
    "use strict";
    (function () {
      const token = document.querySelector('meta[name="duiding-token"]').content;
      const $ = (id) => document.getElementById(id);
      const el = {
        project: $("project"), fill: $("progress-fill"), progress: $("progress-text"), save: $("save-status"),
        status: $("filter-status"), code: $("filter-code"), group: $("filter-group"), position: $("position"),
        prev: $("prev"), next: $("next"), unit: $("unit"), unitId: $("unit-id"), source: $("unit-source"),
        badge: $("reviewed-badge"), groups: $("groups"), text: $("text"), prompt: $("prompt"), passageHint: $("passage-hint"), chips: $("chips"), addBox: $("add-box"),
        addInput: $("add-input"), addList: $("add-list"), memo: $("memo"), others: $("others"), empty: $("empty"),
        message: $("message"), search: $("filter-search"), sort: $("filter-sort"), bulk: $("bulk"), bulkCount: $("bulk-count"), bulkCode: $("bulk-code"),
        bulkConfirm: $("bulk-confirm"), bulkQuestion: $("bulk-question"),
      };
      const s = {
        meta: null, codes: [], codeIndex: new Map(), ids: [], reviewed: new Uint8Array(0), indexOf: new Map(),
        list: 0, pages: new Map(), index: -1, unit: null, total: 0, reviewedTotal: 0, loadSeq: 0, listSeq: 0,
        queue: Promise.resolve(), pending: 0, failed: null, undo: [], addMatches: [], addActive: 0,
      };
      window.duiding = s; // for tests and the curious
      // For the codebook panel (codebook.js): after a new codebook version, codes and suggestions change.
      // For the explore panel (explore.js): open an answer it lists.
      // For the list view (list.js): the same decisions queue, highlighting and navigation; it
      // hears of a new list (`duiding:list`), each saved decision (`duiding:applied`) and a new
      // codebook version (`duiding:codebook`) as events on the document.
      window.duidingPage = {
        refreshCodebook: () => refreshCodebook(), showUnit: (id) => showUnit(id),
        decide: (body) => decide(body), highlight: (text, suggestions, learned, passages) => highlight(text, suggestions, learned, passages),
        colour: (code) => colour(code), say: (text) => say(text), show: (index) => show(index), select: (index) => select(index),
        ids: (from, to) => ids(from, to),
      };
      const announce = (name, detail) => document.dispatchEvent(new CustomEvent(name, { detail: detail }));

      async function api(path, body) {
        const init = { headers: { "X-Duiding-Token": token, "Accept": "application/json" }, cache: "no-store", credentials: "same-origin" };
        if (body !== undefined) {
          init.method = "POST";
          init.headers["Content-Type"] = "application/json";
          init.body = JSON.stringify(body);
        }
        const response = await fetch(path, init);
        // A team server's session ran out (or the coder was removed): sign in again.
        if (response.status === 401) location.replace("/signin");
        let data = null;
        try { data = await response.json(); } catch (e) { data = null; }
        if (!response.ok) {
          const error = new Error((data && data.error) || ("HTTP " + response.status));
          error.column = data && data.column;
          error.status = response.status;
          throw error;
        }
        return data;
      }
      window.duidingPage.api = api;

      function fold(text) { return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); }
      function label(code) { const c = s.codeIndex.get(code); return c ? c.label : code; }
      function colour(code) { const c = s.codeIndex.get(code); return "c" + ((c ? c.number - 1 : 7) % 8); }
      function say(text) { el.message.textContent = text || ""; }
      function node(tag, className, text) {
        const n = document.createElement(tag);
        if (className) n.className = className;
        if (text !== undefined) n.textContent = text;
        return n;
      }

      // ---- Saving -------------------------------------------------------------

      function showSave() {
        if (s.pending > 0) { el.save.dataset.state = "saving"; el.save.textContent = "opslaan…"; }
        else if (s.failed) { el.save.dataset.state = "error"; el.save.textContent = "NIET opgeslagen: " + s.failed; }
        else { el.save.dataset.state = "saved"; el.save.textContent = "✓ opgeslagen"; }
      }

      // Decisions go to the server one after another, in the order they were made.
      function decide(body, remember) {
        if (!body.unit) return Promise.resolve(null);
        s.pending += 1;
        showSave();
        const sent = s.queue.then(() => api("/api/decision", body));
        s.queue = sent.then(() => undefined, () => undefined);
        return sent.then((result) => {
          s.failed = null;
          applied(result, remember !== false && body.action !== "undo");
          return result;
        }, (error) => {
          s.failed = error.message;
          if (s.unit && s.unit.id === body.unit) loadUnit(body.unit);
          return null;
        }).finally(() => { s.pending -= 1; showSave(); });
      }

      function applied(result, remember) {
        if (remember && result.recorded.length > 0) s.undo.push({ unit: result.unit, count: result.recorded.length });
        if (s.undo.length > 200) s.undo.shift();
        s.reviewedTotal += (result.state.reviewed ? 1 : 0) - (result.wasReviewed ? 1 : 0);
        const i = s.indexOf.get(result.unit);
        if (i !== undefined) s.reviewed[i] = result.state.reviewed ? 1 : 0;
        showProgress();
        if (s.unit && s.unit.id === result.unit) {
          s.unit.state = result.state;
          renderState();
        }
        announce("duiding:applied", result);
      }

      // ---- Navigation -----------------------------------------------------------

      function showProgress() {
        const pct = s.total ? (100 * s.reviewedTotal / s.total) : 0;
        el.fill.style.width = pct.toFixed(2) + "%";
        el.progress.textContent = s.reviewedTotal.toLocaleString("nl-NL") + " / " + s.total.toLocaleString("nl-NL") + " beoordeeld";
        el.position.textContent = s.ids.length ? ((s.index + 1).toLocaleString("nl-NL") + " van " + s.ids.length.toLocaleString("nl-NL")) : "0 van 0";
      }

      // Percent-encoded, not form-encoded: URLSearchParams writes a space as "+", which the
      // server reads as a plus, so a group value with a space would match nothing.
      function filterQuery() {
        const q = [];
        if (el.status.value !== "all") q.push("status=" + encodeURIComponent(el.status.value));
        if (el.code.value) q.push("code=" + encodeURIComponent(el.code.value));
        if (el.group.value) q.push("group=" + encodeURIComponent(el.group.value));
        if (el.search.value.trim()) q.push("q=" + encodeURIComponent(el.search.value.trim()));
        if (el.sort.value) q.push("sort=" + encodeURIComponent(el.sort.value));
        return q.join("&");
      }

      // ---- Bulk: one decision for every answer the filter shows ---------------------

      function narrowed() { return el.status.value !== "all" || el.code.value || el.group.value || el.search.value.trim(); }

      function showBulk() {
        el.bulk.hidden = !(narrowed() && s.ids.length > 0);
        el.bulkConfirm.hidden = true;
        el.bulkCount.textContent = "Alle " + s.ids.length.toLocaleString("nl-NL") + " antwoorden bij dit filter:";
      }

      function askBulk(applies) {
        const code = el.bulkCode.value;
        if (!code) return;
        s.bulkAsk = { applies: applies, target: code, expected: s.ids.length };
        el.bulkQuestion.textContent = (applies ? "‘" + label(code) + "’ geven aan " : "‘" + label(code) + "’ weghalen bij ")
          + s.ids.length.toLocaleString("nl-NL") + " antwoorden?";
        el.bulkConfirm.hidden = false;
        $("bulk-yes").focus();
      }

      async function bulk() {
        const ask = s.bulkAsk;
        el.bulkConfirm.hidden = true;
        if (!ask) return;
        s.bulkAsk = null;
        const body = { target: ask.target, applies: ask.applies, expected: ask.expected,
                       status: el.status.value, code: el.code.value, group: el.group.value, q: el.search.value.trim() };
        s.pending += 1; showSave();
        try {
          const sent = s.queue.then(() => api("/api/bulk", body));
          s.queue = sent.then(() => undefined, () => undefined);
          const result = await sent;
          s.failed = null;
          if (result.batch !== null && result.batch !== undefined) s.undo.push({ batch: result.batch, count: result.recorded });
          await loadList(s.unit ? s.unit.id : undefined);
          await s.loaded;
          say(result.recorded.toLocaleString("nl-NL") + " beslissingen vastgelegd"
            + (result.unchanged ? " (" + result.unchanged.toLocaleString("nl-NL") + " waren al zo)" : "") + "; u maakt ze samen ongedaan.");
        } catch (error) {
          s.failed = null;
          say("Niet vastgelegd: " + error.message);
        } finally { s.pending -= 1; showSave(); }
      }

      // The filter's list comes in pages of PAGE ids (a million ids would take seconds to send
      // and read): s.ids has a place for every answer of the list and holds the ids of the
      // pages fetched so far; the server keeps the list (s.list) they are cut from, so that they
      // fit together while decisions change what the filter would show now.
      const PAGE = 1000, AHEAD = 100;

      function addPage(data) {
        data.ids.forEach((id, k) => {
          s.ids[data.from + k] = id;
          s.reviewed[data.from + k] = data.reviewed[k] ? 1 : 0;
          s.indexOf.set(id, data.from + k);
        });
      }

      // The page with answer `index`, fetched once; a list the server no longer keeps is asked for again.
      function fetchPage(index) {
        const p = Math.floor(index / PAGE);
        if (index < 0 || index >= s.ids.length || s.ids[index] !== undefined) return Promise.resolve();
        if (!s.pages.has(p)) {
          const list = s.list;
          s.pages.set(p, api("/api/units/page?list=" + list + "&from=" + (p * PAGE) + "&limit=" + PAGE).then((data) => {
            if (list === s.list) addPage(data);
          }, (error) => {
            s.pages.delete(p);
            if (list === s.list && error.status === 410) return loadList(s.unit ? s.unit.id : undefined).then(() => undefined);
            throw error;
          }));
        }
        return s.pages.get(p);
      }

      // The ids of answers from..to-1 of the list, fetching the pages they are on.
      async function ids(from, to) {
        const list = s.list;
        for (let i = Math.max(0, from); i < Math.min(to, s.ids.length); i += PAGE - (i % PAGE)) await fetchPage(i);
        return list === s.list ? s.ids.slice(from, to) : [];
      }

      // The list of the filter, showing `startAt` if it is in it (else the first answer not
      // reviewed yet); resolves to whether `startAt` was in it.
      async function loadList(startAt) {
        const seq = ++s.listSeq;
        el.position.textContent = "lijst laden…";
        const query = [filterQuery(), "limit=" + PAGE].concat(startAt !== undefined ? ["at=" + encodeURIComponent(startAt)] : []);
        const list = await api("/api/units?" + query.filter((q) => q).join("&"));
        if (seq !== s.listSeq) return false;
        s.list = list.list;
        s.pages = new Map([[list.from / PAGE, Promise.resolve()]]);
        s.ids = new Array(list.count);
        s.reviewed = new Uint8Array(list.count);
        s.indexOf = new Map();
        addPage(list);
        s.total = list.total;
        s.reviewedTotal = list.reviewedTotal;
        if (s.ids.length === 0) {
          showBulk();
          s.index = -1; s.unit = null;
          el.unit.hidden = true; el.empty.hidden = false;
          document.body.dataset.unit = "";
          showProgress();
          announce("duiding:list");
          return false;
        }
        el.empty.hidden = true;
        showBulk();
        show(list.start);
        announce("duiding:list");
        return list.at >= 0;
      }

      function show(index) {
        if (index < 0 || index >= s.ids.length) {
          say(index < 0 ? "Dit is het eerste antwoord." : "Dit is het laatste antwoord bij dit filter.");
          return;
        }
        s.index = index;
        showProgress();
        const list = s.list;
        s.loaded = fetchPage(index).then(() => {
          if (list === s.list && s.index === index) return loadUnit(s.ids[index]);
        }, (error) => say("Kon de lijst niet laden: " + error.message));
        // The pages next to it, before j or k gets there.
        fetchPage(index + AHEAD).catch(() => {});
        fetchPage(index - AHEAD).catch(() => {});
      }

      // The list view's selection: the current answer, loaded when the one-answer view shows it.
      function select(index) {
        s.index = index;
        showProgress();
      }

      function go(step) { closeAdd(); saveMemo(); show(s.index + step); }

      // An answer by id: in the current list if it is there, else in the list of all answers.
      async function showUnit(id) {
        closeAdd();
        saveMemo();
        if (window.duidingPage.setListing) window.duidingPage.setListing(false);
        const i = s.indexOf.get(id);
        if (i !== undefined) { show(i); return; }
        if (await loadList(id)) return;
        el.status.value = "all"; el.code.value = ""; el.group.value = ""; el.search.value = "";
        await loadList(id);
      }

      async function loadUnit(id) {
        const seq = ++s.loadSeq;
        const started = performance.now();
        let unit;
        try { unit = await api("/api/unit?id=" + encodeURIComponent(id)); } catch (error) {
          if (seq === s.loadSeq) say("Kon " + id + " niet laden: " + error.message);
          return;
        }
        if (seq !== s.loadSeq) return;
        s.unit = unit;
        render(unit);
        history.replaceState(null, "", location.search + "#" + encodeURIComponent(id));
        document.body.dataset.unit = id;
        document.body.dataset.loadMs = (performance.now() - started).toFixed(1);
      }

      // ---- Rendering (respondent text only through textContent and text nodes) ----

      function render(unit) {
        say("");
        el.unit.hidden = false;
        el.unitId.textContent = unit.id;
        el.source.textContent = unit.file + ":" + unit.line + (unit.kind === "interview" ? " (interview)" : "");
        el.groups.replaceChildren(...unit.groups.map((g) => {
          const div = node("div");
          div.append(node("dt", "", (g.label || g.variable) + ":"), node("dd", "", g.valueLabel));
          return div;
        }));
        el.prompt.hidden = !unit.prompt;
        el.prompt.textContent = unit.prompt ? "Interviewer: " + unit.prompt : "";
        renderState();
      }

      function renderText(unit) {
        el.text.replaceChildren(...highlight(unit.text, unit.suggestions, unit.learned || [], unit.state.passages));
      }

      // The UTF-16 index (JavaScript's) of a code point offset (Duiding's unit for passages), and back.
      function utf16Index(text, points) {
        let i = 0, n = 0;
        for (const ch of text) { if (n >= points) break; i += ch.length; n += 1; }
        return i;
      }
      function codePoints(text, index) { return [...text.slice(0, index)].length; }

      // The selected part of the answer's text, in code points; null when nothing of it is selected.
      function selectedPassage() {
        const sel = window.getSelection();
        if (!s.unit || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
        const r = sel.getRangeAt(0);
        if (!el.text.contains(r.startContainer) || !el.text.contains(r.endContainer)) return null;
        const at = (container, offset) => {
          const before = document.createRange();
          before.selectNodeContents(el.text);
          before.setEnd(container, offset);
          return before.toString().length;
        };
        const a = at(r.startContainer, r.startOffset), b = at(r.endContainer, r.endOffset);
        if (b <= a) return null;
        return { start: codePoints(s.unit.text, a), end: codePoints(s.unit.text, b) };
      }

      function showPassageHint() {
        const p = selectedPassage();
        el.passageHint.hidden = !p;
        el.passageHint.textContent = p ? "Passage " + p.start + "–" + p.end + " geselecteerd: een cijfer of code geeft die code aan de passage." : "";
      }
      document.addEventListener("selectionchange", showPassageHint);

      // The text as text nodes, with the evidence of suggestions (and learned words) and the
      // coded passages (code points, per code) marked.
      function highlight(text, suggestions, learned, passages) {
        const n = text.length;
        const ranges = [];
        const cuts = new Set([0, n]);
        const vetoed = new Set(learned.filter((l) => l.source === "vetoed").map((l) => l.code));
        const add = (start, end, r) => {
          start = Math.max(0, Math.min(n, start)); end = Math.max(start, Math.min(n, end));
          if (end <= start) return;
          ranges.push(Object.assign({ start, end }, r));
          cuts.add(start); cuts.add(end);
        };
        for (const sug of suggestions) {
          if (vetoed.has(sug.code)) continue;
          for (const e of sug.evidence) add(e.start, e.end, { code: sug.code, pattern: e.pattern });
        }
        for (const l of learned) {
          if (l.source !== "learned") continue;
          for (const w of l.words) add(w[0], w[1], { code: l.code, learned: l.explanation });
        }
        for (const [code, list] of Object.entries(passages || {})) {
          for (const [a, b] of list) add(utf16Index(text, a), utf16Index(text, b), { code, passage: [a, b] });
        }
        const points = [...cuts].sort((a, b) => a - b);
        const parts = [];
        for (let i = 0; i + 1 < points.length; i++) {
          const a = points[i], b = points[i + 1];
          const piece = text.slice(a, b);
          const covering = ranges.filter((r) => r.start <= a && r.end >= b);
          if (covering.length === 0) { parts.push(document.createTextNode(piece)); continue; }
          const codes = [...new Set(covering.map((r) => r.code))];
          const onlyLearned = covering.every((r) => r.learned);
          const passage = covering.some((r) => r.passage);
          const mark = node("mark", colour(codes[0]) + (codes.length > 1 ? " multi" : "") + (onlyLearned ? " learned" : "") + (passage ? " passage" : ""), piece);
          mark.dataset.codes = codes.join(" ");
          mark.title = covering.map((r) => label(r.code) + " — "
            + (r.passage ? "passage " + r.passage[0] + "–" + r.passage[1] : r.learned ? r.learned : "patroon " + r.pattern)).join("\n");
          parts.push(mark);
        }
        return parts;
      }

      // For every code the answer has: keep it as a quote for that theme, or never quote it.
      function renderQuoteChoices() {
        const unit = s.unit;
        const box = $("quote-choices");
        const codes = unit.state.codes.filter((c) => s.codeIndex.has(c));
        box.replaceChildren();
        if (codes.length === 0) return;
        box.append(node("span", "qc-title", "Citaat:"));
        for (const code of codes) {
          const current = (unit.quotes || {})[code];
          const group = node("span", "qc");
          group.append(node("span", "", label(code)));
          for (const [choice, text, hint] of [["pin", "vastzetten", "altijd als citaat bij dit thema"], ["ban", "nooit", "nooit als citaat bij dit thema"]]) {
            const button = node("button", current === choice ? "on" : "", text);
            button.type = "button";
            button.dataset.code = code;
            button.dataset.choice = choice;
            button.title = hint;
            button.addEventListener("click", () => { button.blur(); chooseQuote(code, current === choice ? "clear" : choice); });
            group.append(button);
          }
          box.append(group);
        }
      }

      async function chooseQuote(code, choice) {
        const unitId = s.unit.id;
        try {
          const result = await api("/api/quote", { unit: unitId, code: code, choice: choice });
          if (s.unit && s.unit.id === unitId) { s.unit.quotes = result.quotes; renderQuoteChoices(); }
        } catch (error) { say("Citaatkeuze niet bewaard: " + error.message); }
      }

      function renderState() {
        const unit = s.unit;
        if (!unit) return;
        const st = unit.state;
        renderText(unit);
        const on = new Set(st.codes), suggested = new Set(st.suggested);
        const chips = unit.codes.map((c) => {
          const decision = st.decided[c.id];
          const chip = node("button", "chip");
          chip.type = "button";
          chip.dataset.code = c.id;
          if (on.has(c.id)) chip.classList.add("on");
          if (suggested.has(c.id)) chip.classList.add("suggested");
          if (decision) chip.classList.add("decided", decision);
          chip.append(node("span", "num", c.number <= 9 ? String(c.number) : "·"), node("span", "swatch " + colour(c.id)), node("span", "label", c.label));
          let status = "";
          if (decision === "accept") status = "✓ geaccepteerd";
          else if (decision === "add") status = "+ toegevoegd";
          else if (decision === "reject") status = "✗ afgewezen";
          else if (suggested.has(c.id)) status = "voorgesteld";
          if (status) chip.append(node("span", "status", status));
          chip.title = c.id;
          chip.addEventListener("mousedown", (e) => e.preventDefault());   // keeps a selected passage selected
          chip.addEventListener("click", () => { chip.blur(); toggle(c.id); });
          return chip;
        });
        for (const code of st.codes) {
          if (!s.codeIndex.has(code)) chips.push(node("span", "chip on", code + " (oud codeboek)"));
        }
        el.chips.replaceChildren(...chips);
        renderQuoteChoices();
        if (document.activeElement !== el.memo) {
          el.memo.value = st.memo || "";
          el.memo.dataset.saved = st.memo || "";
        }
        el.badge.textContent = st.reviewed ? "✓ beoordeeld door jou" : "nog niet beoordeeld";
        el.badge.className = st.reviewed ? "done" : "";
        el.others.replaceChildren(...unit.others.map((o) => {
          const differs = o.codes.join() !== st.codes.join();
          const line = node("div", differs ? "differs" : "", o.coder + ": " + (o.codes.map(label).join(", ") || "geen code") + (differs ? " (anders dan jij)" : ""));
          if (o.memo) line.title = o.memo;
          return line;
        }));
      }

      // ---- Actions --------------------------------------------------------------

      // With a passage of the text selected, the code goes to that passage; else it toggles on the whole unit.
      function toggle(code) {
        if (!s.unit) return;
        const passage = selectedPassage();
        if (!passage) { decide({ action: "toggle", unit: s.unit.id, code }); return; }
        window.getSelection().removeAllRanges();
        decide({ action: "add", unit: s.unit.id, code, start: passage.start, end: passage.end }).then((result) => {
          if (result) say("Passage " + passage.start + "–" + passage.end + " gecodeerd als " + label(code) + ".");
        });
      }

      function acceptAllAndNext() {
        if (!s.unit) return;
        saveMemo();
        decide({ action: "acceptAll", unit: s.unit.id });
        go(1);
      }

      function undo() {
        const entry = s.undo.pop();
        if (entry && entry.batch !== undefined) {
          s.pending += 1; showSave();
          s.queue = s.queue.then(() => api("/api/bulk/undo", { batch: entry.batch })).then(async (result) => {
            await loadList(s.unit ? s.unit.id : undefined);
            await s.loaded;
            say(result.undone.toLocaleString("nl-NL") + " beslissingen ongedaan gemaakt.");
          }, (error) => say("Niet ongedaan gemaakt: " + error.message)).finally(() => { s.pending -= 1; showSave(); });
          return;
        }
        const unitId = entry ? entry.unit : (s.unit && s.unit.id);
        if (!unitId) return;
        if (!s.unit || s.unit.id !== unitId) {
          const i = s.indexOf.get(unitId);
          if (i !== undefined) { s.index = i; showProgress(); }
          loadUnit(unitId);
        }
        decide({ action: "undo", unit: unitId, count: entry ? entry.count : 1 }).then((result) => {
          if (result) say(result.undone > 0 ? "Ongedaan gemaakt." : "Niets om ongedaan te maken.");
        });
      }

      function saveMemo() {
        if (!s.unit) return;
        const value = el.memo.value;
        if (value === (el.memo.dataset.saved || "")) return;
        el.memo.dataset.saved = value;
        decide({ action: "memo", unit: s.unit.id, memo: value });
      }

      // ---- Adding a code by label -------------------------------------------------

      function openAdd() {
        if (!s.unit) return;
        el.addBox.hidden = false;
        el.addInput.value = "";
        updateAdd();
        el.addInput.focus();
      }

      function closeAdd() { el.addBox.hidden = true; if (document.activeElement === el.addInput) el.addInput.blur(); }

      function updateAdd() {
        const q = fold(el.addInput.value.trim());
        s.addMatches = s.codes.filter((c) => !q || fold(c.label).includes(q) || fold(c.id).includes(q)).slice(0, 8);
        s.addActive = 0;
        drawAdd();
      }

      function drawAdd() {
        el.addList.replaceChildren(...s.addMatches.map((c, i) => {
          const li = node("li", i === s.addActive ? "active" : "", c.label);
          li.append(node("small", "", c.id));
          li.addEventListener("mousedown", (e) => { e.preventDefault(); pickAdd(i); });
          return li;
        }));
        if (s.addMatches.length === 0) el.addList.replaceChildren(node("li", "", "geen code gevonden"));
      }

      function pickAdd(i) {
        const code = s.addMatches[i];
        closeAdd();
        if (code && s.unit) {
          decide({ action: "add", unit: s.unit.id, code: code.id }).then((result) => {
            if (result && result.recorded.length === 0) say(code.label + " staat er al.");
          });
        }
      }

      el.addInput.addEventListener("input", updateAdd);
      el.addInput.addEventListener("blur", () => { el.addBox.hidden = true; });
      el.addInput.addEventListener("keydown", (e) => {
        if (e.key === "Escape") { e.preventDefault(); closeAdd(); }
        else if (e.key === "Enter") { e.preventDefault(); pickAdd(s.addActive); }
        else if (e.key === "ArrowDown") { e.preventDefault(); s.addActive = Math.min(s.addActive + 1, s.addMatches.length - 1); drawAdd(); }
        else if (e.key === "ArrowUp") { e.preventDefault(); s.addActive = Math.max(s.addActive - 1, 0); drawAdd(); }
        e.stopPropagation();
      });

      // ---- Keys -------------------------------------------------------------------

      el.memo.addEventListener("keydown", (e) => {
        if (e.key === "Escape" || (e.key === "Enter" && (e.ctrlKey || e.metaKey))) { e.preventDefault(); el.memo.blur(); }
        e.stopPropagation();
      });
      el.memo.addEventListener("blur", saveMemo);

      document.addEventListener("keydown", (e) => {
        if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
        const t = e.target;
        if (t instanceof HTMLSelectElement || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) {
          if (e.key === "Escape") t.blur();
          return;
        }
        const k = e.key;
        if (k === "Enter") acceptAllAndNext();
        else if (k === "j" || k === "ArrowRight") go(1);
        else if (k === "k" || k === "ArrowLeft") go(-1);
        else if (k === "u") undo();
        else if (k === "m") el.memo.focus();
        else if (k === "a") openAdd();
        else if (k === "/") el.search.focus();
        else if (k >= "1" && k <= "9") {
          const code = s.codes[Number(k) - 1];
          if (code) toggle(code.id);
        } else return;
        e.preventDefault();
      });

      el.prev.addEventListener("click", () => { el.prev.blur(); go(-1); });
      el.next.addEventListener("click", () => { el.next.blur(); go(1); });
      for (const select of [el.status, el.code, el.group, el.sort]) {
        select.addEventListener("change", () => { select.blur(); loadList().catch((e) => say(e.message)); });
      }
      let searchTimer = 0;
      el.search.addEventListener("input", () => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => loadList().catch((e) => say(e.message)), 250);
      });
      el.search.addEventListener("keydown", (e) => {
        if (e.key === "Enter") { clearTimeout(searchTimer); el.search.blur(); loadList().catch((err) => say(err.message)); }
      });
      $("bulk-apply").addEventListener("click", () => askBulk(true));
      $("bulk-remove").addEventListener("click", () => askBulk(false));
      $("bulk-yes").addEventListener("click", () => bulk());
      $("bulk-no").addEventListener("click", () => { s.bulkAsk = null; el.bulkConfirm.hidden = true; });

      // ---- Start ------------------------------------------------------------------

      async function start() {
        const meta = await api("/api/meta");
        s.meta = meta;
        s.codes = meta.codes;
        s.codeIndex = new Map(meta.codes.map((c) => [c.id, c]));
        el.project.textContent = meta.project + " · codeur " + meta.coder + (meta.codebook ? " · codeboek " + meta.codebook.name : "")
          + (meta.selection ? " · " + meta.selection : "") + (meta.blind ? " · blind" : "");
        if (meta.blind) el.status.querySelector('option[value="conflict"]').remove();
        for (const c of meta.codes) {
          const option = node("option", "", c.label);
          option.value = c.id;
          el.code.append(option);
          el.bulkCode.append(option.cloneNode(true));
        }
        for (const g of meta.groups) {
          const optgroup = document.createElement("optgroup");
          optgroup.label = g.label || g.variable;
          for (const v of g.values) {
            const option = node("option", "", v.label + " (" + v.count + ")");
            option.value = g.variable + "=" + v.value;
            optgroup.append(option);
          }
          el.group.append(optgroup);
        }
        for (const variable of meta.variables) {
          const option = node("option", "", variable.label || variable.name);
          option.value = variable.name;
          el.sort.append(option);
        }
        const wanted = location.hash ? decodeURIComponent(location.hash.slice(1)) : undefined;
        await loadList(wanted);
        el.save.textContent = "niets te bewaren";
      }

      // A new codebook version: codes, the code filter and the answer's suggestions again.
      async function refreshCodebook() {
        const meta = await api("/api/meta");
        s.meta = meta;
        s.codes = meta.codes;
        s.codeIndex = new Map(meta.codes.map((c) => [c.id, c]));
        el.project.textContent = meta.project + " · codeur " + meta.coder + (meta.codebook ? " · codeboek " + meta.codebook.name : "")
          + (meta.selection ? " · " + meta.selection : "");
        const chosen = el.code.value;
        el.code.replaceChildren(node("option", "", "alle codes"));
        el.code.firstChild.value = "";
        el.bulkCode.replaceChildren();
        for (const c of meta.codes) {
          const option = node("option", "", c.label);
          option.value = c.id;
          el.code.append(option);
          el.bulkCode.append(option.cloneNode(true));
        }
        el.code.value = s.codeIndex.has(chosen) ? chosen : "";
        announce("duiding:codebook");
        if (s.unit) await loadUnit(s.unit.id);
      }

      start().catch((error) => { say("De pagina kon niet starten: " + error.message); });
    })();
    """#
}
