// The review page's explore panel (`v`, "Verkennen"): the analyses of `duiding explore` on the
// project — frequent words and phrases, a pattern in context, collocations, keyness of a group —
// as tables, optionally over the answers without a code; and the learning curve of the
// decisions so far. A term opens its keyword-in-context; a context row opens its answer.
// Served as /explore.js and /explore.css beside the page's own script; respondent text only
// through text nodes, as in the rest of the page; the chart is the report's SVG (numbers and
// fixed labels only), parsed as SVG, never as HTML.

enum ExplorePanel {
    static let css = #"""
    #explore-panel { max-width: 60rem; margin: 1rem auto 0; padding: .8rem 1.2rem 1rem; background: #fff;
      border: 2px solid var(--accent); border-radius: .5rem; font-size: .95rem; }
    #explore-panel .ex-head { display: flex; align-items: baseline; justify-content: space-between; }
    #explore-panel h2 { margin: 0 0 .5rem; }
    #explore-panel h2 small { font-weight: 400; color: var(--muted); }
    #ex-close { font: inherit; border: none; background: none; cursor: pointer; color: var(--muted); }
    .ex-tabs { display: flex; flex-wrap: wrap; gap: .3rem; border-bottom: 1px solid var(--line); margin-bottom: .5rem; }
    .ex-tabs button { font: inherit; padding: .25rem .8rem; border: 1px solid var(--line); border-bottom: none; background: #f3f3ef;
      border-radius: .3rem .3rem 0 0; cursor: pointer; }
    .ex-tabs button[aria-selected="true"] { background: #fff; border-color: var(--accent); color: var(--accent); font-weight: 600; }
    .ex-row { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin: .4rem 0; }
    .ex-row select, .ex-row input[type=text], .ex-row input[type=number] { font: inherit; padding: .2rem .4rem; }
    .ex-row input[type=number] { width: 4.5rem; }
    .ex-pattern { display: flex; align-items: center; gap: .5rem; flex: 1; min-width: 18rem; }
    #ex-pattern { flex: 1; font-family: ui-monospace, monospace; border: 2px solid var(--line); border-radius: .3rem; }
    #ex-pattern.bad { border-color: var(--bad); }
    #ex-error { color: var(--bad); font-size: .9rem; }
    #ex-summary { color: var(--muted); margin: .5rem 0 .3rem; min-height: 1.4rem; }
    #ex-table-box { max-height: 24rem; overflow: auto; }
    #ex-table { border-collapse: collapse; width: 100%; font-size: .9rem; }
    #ex-table th, #ex-table td { padding: .2rem .5rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
    #ex-table th { position: sticky; top: 0; background: #fff; font-weight: 600; }
    #ex-table td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    #ex-table td.pre { text-align: right; color: var(--muted); }
    #ex-table td.post { color: var(--muted); }
    #ex-table td.kw { white-space: nowrap; }
    #ex-table mark { background: var(--c0); }
    #ex-table .term, #ex-table tr.unit-row { cursor: pointer; }
    #ex-table .term:hover, #ex-table tr.unit-row:hover td { text-decoration: underline; }
    #ex-table .unit { font-weight: 600; white-space: nowrap; }
    #ex-curve svg text { font-size: 12px; fill: #333; }
    #ex-curve table { border-collapse: collapse; font-size: .85rem; margin-top: .4rem; }
    #ex-curve th, #ex-curve td { padding: .15rem .5rem; border-bottom: 1px solid #eee; text-align: right; }
    #ex-curve-note { color: var(--muted); }
    """#

    static let javascript = #"""
    "use strict";
    (function () {
      const $ = (id) => document.getElementById(id);
      const el = {
        panel: $("explore-panel"), open: $("explore-open"), close: $("ex-close"), scope: $("ex-scope"),
        pattern: $("ex-pattern"), error: $("ex-error"), window: $("ex-window"), fuzzy: $("ex-fuzzy"), by: $("ex-by"),
        measure: $("ex-measure"), ngrams: $("ex-ngrams"), stems: $("ex-stems"), stopwords: $("ex-stopwords"),
        min: $("ex-min"), uncoded: $("ex-uncoded"), summary: $("ex-summary"), tableBox: $("ex-table-box"),
        table: $("ex-table"), curve: $("ex-curve"), curveChart: $("ex-curve-chart"), curveNote: $("ex-curve-note"),
        curvePoints: $("ex-curve-points"),
      };
      const tabs = [...document.querySelectorAll("#explore-panel .ex-tabs button")];
      const ex = { mode: "frequency", info: null, seq: 0, timer: null, result: null, pending: 0, curve: null, curveTimer: null };
      window.duidingExplore = ex; // for tests and the curious

      const api = (path) => window.duidingPage.api(path);
      const n = (x) => Number(x).toLocaleString("nl-NL");
      const fixed = (x, d) => (typeof x === "number" ? x.toFixed(d) : String(x));
      const pValue = (p) => (typeof p === "number" && p < 0.001 ? "<0,001" : fixed(p, 3));

      // Which inputs each question takes, and the columns of its table.
      const modes = {
        frequency: { options: ["ngrams", "stems", "stopwords", "uncoded"] },
        kwic: { options: ["pattern", "window", "fuzzy", "uncoded"] },
        collocations: { options: ["stems", "stopwords", "min", "uncoded"] },
        keyness: { options: ["by", "measure", "ngrams", "stems", "stopwords", "uncoded"] },
        curve: { options: [] },
      };
      const flags = new Set(["fuzzy", "stems", "stopwords", "uncoded"]);

      function node(tag, className, text) {
        const x = document.createElement(tag);
        if (className) x.className = className;
        if (text !== undefined) x.textContent = text;
        return x;
      }

      // ---- Choosing a question -----------------------------------------------------

      function choose(mode) {
        ex.mode = mode;
        for (const tab of tabs) tab.setAttribute("aria-selected", String(tab.dataset.mode === mode));
        const wanted = new Set(modes[mode].options);
        for (const box of el.panel.querySelectorAll("[data-option]")) box.hidden = !wanted.has(box.dataset.option);
        el.tableBox.hidden = mode === "curve";
        el.curve.hidden = mode !== "curve";
        el.summary.hidden = mode === "curve";
        if (mode === "kwic") el.pattern.focus();
        schedule(0);
      }

      function query() {
        const parts = [];
        const add = (name, value) => parts.push(name + "=" + encodeURIComponent(value));
        for (const option of modes[ex.mode].options) {
          if (flags.has(option)) { if (el[option].checked) add(option, "1"); }
          else add(option, el[option].value);
        }
        add("top", "200");
        return "/api/explore/" + ex.mode + "?" + parts.join("&");
      }

      function schedule(delay) {
        clearTimeout(ex.timer);
        ex.timer = setTimeout(run, delay === undefined ? 250 : delay);
      }

      async function run() {
        const seq = ++ex.seq;
        if (ex.mode === "curve") { loadCurve(); return; }
        showError("");
        if (ex.mode === "kwic" && !el.pattern.value.trim()) { show(null, "Typ een patroon, bijv. aangifte* of denk * keer na."); return; }
        if (ex.mode === "keyness" && !el.by.value) { show(null, ex.info && ex.info.variables.length ? "Kies een groep." : "Dit project heeft geen groepsvariabelen."); return; }
        ex.pending += 1;
        el.summary.textContent = "bezig…";
        try {
          const result = await api(query());
          if (seq === ex.seq) show(result);
        } catch (error) {
          if (seq === ex.seq) { show(null, ""); showError(error.message, error.column); }
        } finally { ex.pending -= 1; }
      }

      function showError(message, column) {
        el.error.textContent = message || "";
        el.pattern.classList.toggle("bad", !!column);
        if (!message) return;
        if (ex.mode !== "kwic") el.summary.textContent = message;
        if (column && document.activeElement !== el.pattern) el.pattern.setSelectionRange(column - 1, column);
      }

      // ---- Tables ------------------------------------------------------------------------

      function show(result, note) {
        ex.result = result;
        el.table.removeAttribute("data-total");
        if (!result) {
          el.table.replaceChildren();
          el.summary.textContent = note || "";
          return;
        }
        const draw = { frequency: frequencyTable, kwic: kwicTable, collocations: collocationTable, keyness: keynessTable }[ex.mode];
        const [header, rows] = draw(result);
        const head = node("thead"), tr = node("tr");
        for (const h of header) tr.append(node("th", "", h));
        head.append(tr);
        const body = node("tbody");
        body.append(...rows);
        el.table.replaceChildren(head, body);
        el.table.dataset.total = String(result.total);
        el.summary.textContent = summary(result);
      }

      function scopeText(result) {
        return el.uncoded.checked ? n(result.texts) + " antwoorden zonder code (van " + n(result.allTexts) + ")" : n(result.texts) + " antwoorden";
      }

      function shown(result, what) {
        return (result.rows.length < result.total ? "de eerste " + n(result.rows.length) + " van " : "") + n(result.total) + " " + what;
      }

      function summary(result) {
        switch (ex.mode) {
          case "frequency": {
            const unit = el.ngrams.value === "1" ? (el.stems.checked ? "stammen" : "woorden") : el.ngrams.value + "-grammen";
            return shown(result, unit) + " in " + scopeText(result) + (el.stopwords.checked ? "" : ", zonder stopwoorden") + ". Klik een kenmerk voor de context.";
          }
          case "kwic":
            return "`" + result.pattern + "`: " + n(result.total) + " keer in " + n(result.matchedTexts) + " van " + scopeText(result)
              + (result.rows.length < result.total ? "; de eerste " + n(result.rows.length) + " staan hier" : "") + ". Klik een regel om het antwoord te openen.";
          case "collocations":
            return shown(result, "woordparen") + " die minstens " + el.min.value + " keer naast elkaar staan, in " + scopeText(result) + ". z = lambda / standaardfout.";
          case "keyness":
            return result.variable + " = " + result.value + ": " + n(result.targetTexts) + " antwoorden tegen " + n(result.referenceTexts)
              + " met een andere waarde" + (el.uncoded.checked ? " (alleen zonder code)" : "") + "; "
              + shown(result, "kenmerken") + ". " + (result.measure === "lr" ? "G²" : "chi² met Yates-correctie") + ", negatief = minder dan verwacht.";
        }
        return "";
      }

      // A term cell: clicking it shows the term in context (phrases are patterns too).
      function termCell(text) {
        const td = node("td", "", text);
        if (!el.stems.checked) {
          td.className = "term";
          td.title = "in context tonen";
          td.addEventListener("click", () => { el.pattern.value = text; choose("kwic"); });
        }
        return td;
      }

      function row(...cells) {
        const tr = node("tr");
        tr.append(...cells);
        return tr;
      }
      const num = (text) => node("td", "num", text);

      function frequencyTable(result) {
        return [["kenmerk", "frequentie", "rang", "antwoorden"],
                result.rows.map((r) => row(termCell(r.feature), num(n(r.frequency)), num(String(r.rank)), num(n(r.docfreq))))];
      }

      function collocationTable(result) {
        return [["woordpaar", "aantal", "lambda", "z"],
                result.rows.map((r) => row(termCell(r.collocation), num(n(r.count)), num(fixed(r.lambda, 3)), num(fixed(r.z, 3))))];
      }

      function keynessTable(result) {
        return [["kenmerk", result.measure === "lr" ? "G²" : "chi²", "p", "in groep", "in rest"],
                result.rows.map((r) => row(termCell(r.feature), num(fixed(r.statistic, 3)), num(pValue(r.p)), num(n(r.nTarget)), num(n(r.nReference))))];
      }

      function kwicTable(result) {
        return [["antwoord", "woord", "", "treffer", ""], result.rows.map((r) => {
          const keyword = node("td", "kw");
          keyword.append(node("mark", "", r.keyword));
          const tr = row(node("td", "unit", r.docname), num(r.from === r.to ? String(r.from) : r.from + "–" + r.to),
                         node("td", "pre", r.pre), keyword, node("td", "post", r.post));
          tr.className = "unit-row";
          tr.dataset.unit = r.docname;
          tr.title = "antwoord " + r.docname + " openen";
          tr.addEventListener("click", () => { close(); window.duidingPage.showUnit(r.docname); });
          return tr;
        })];
      }

      // ---- Learning curve ----------------------------------------------------------------

      async function loadCurve() {
        clearTimeout(ex.curveTimer);
        let curve;
        try { curve = await api("/api/learning/curve"); } catch (error) {
          el.curveNote.textContent = "Kon de leercurve niet laden: " + error.message;
          return;
        }
        ex.curve = curve;
        el.curve.dataset.state = curve.state;
        drawCurve(curve);
        if (curve.computing && !el.panel.hidden && ex.mode === "curve") ex.curveTimer = setTimeout(loadCurve, 1000);
      }

      function drawCurve(curve) {
        const busy = curve.computing ? " De leercurve wordt bijgewerkt…" : "";
        if (curve.state !== "ready") {
          el.curveChart.replaceChildren();
          el.curvePoints.replaceChildren();
          el.curveNote.textContent = (curve.reason || (curve.state === "computing" ? "" : "Geen leercurve.")) + busy;
          return;
        }
        const svg = new DOMParser().parseFromString(curve.svg, "image/svg+xml").documentElement;
        if (svg && svg.nodeName === "svg") el.curveChart.replaceChildren(document.importNode(svg, true));
        else el.curveChart.replaceChildren();
        const head = row(...["beoordeeld", "codes met model", "patronen F1", "samen F1"].map((h) => node("th", "", h)));
        const body = curve.points.map((p) => row(num(n(p.decisions)), num(String(p.codesWithModel)), num(fixed(p.pattern, 2)), num(fixed(p.combined, 2))));
        el.curvePoints.replaceChildren(head, ...body);
        el.curveNote.textContent = "F1 (micro) van de voorstellen, getoetst op " + n(curve.decidedAnswers)
          + " beoordeelde antwoorden (5-voudige kruisvalidatie), voor modellen die van de eerste n leerden. "
          + "Zolang 'samen' nog stijgt, helpt verder beoordelen." + busy;
      }

      // ---- Opening and keys --------------------------------------------------------------

      async function loadInfo() {
        const info = await api("/api/explore");
        ex.info = info;
        el.scope.textContent = n(info.units) + " antwoorden";
        const chosen = el.by.value;
        const options = [node("option", "", "kies een groep…")];
        options[0].value = "";
        for (const v of info.variables) {
          const group = document.createElement("optgroup");
          group.label = v.name;
          for (const value of v.values) {
            const option = node("option", "", value.value + " (" + n(value.count) + ")");
            option.value = v.name + "=" + value.value;
            group.append(option);
          }
          options.push(group);
        }
        el.by.replaceChildren(...options);
        if ([...el.by.options].some((o) => o.value === chosen)) el.by.value = chosen;
      }

      async function open(mode) {
        el.panel.hidden = false;
        if (!ex.info) {
          el.summary.textContent = "de antwoorden worden voorbereid…";
          try { await loadInfo(); } catch (error) { el.summary.textContent = "Kon niet verkennen: " + error.message; return; }
        }
        choose(mode || ex.mode);
      }

      function close() {
        el.panel.hidden = true;
        clearTimeout(ex.curveTimer);
        if (el.panel.contains(document.activeElement)) document.activeElement.blur();
      }
      ex.open = open;
      ex.close = close;

      el.open.addEventListener("click", () => { el.open.blur(); if (el.panel.hidden) open(); else close(); });
      el.close.addEventListener("click", close);
      for (const tab of tabs) tab.addEventListener("click", () => { tab.blur(); choose(tab.dataset.mode); });
      el.pattern.addEventListener("input", () => schedule());
      for (const input of [el.window, el.min]) input.addEventListener("input", () => schedule());
      for (const input of [el.fuzzy, el.by, el.measure, el.ngrams, el.stems, el.stopwords, el.uncoded]) {
        input.addEventListener("change", () => schedule(0));
      }
      el.panel.addEventListener("keydown", (e) => {
        if (e.key === "Escape") { e.preventDefault(); close(); }
        else if (e.key === "Enter" && e.target === el.pattern) { e.preventDefault(); schedule(0); }
        e.stopPropagation();
      });
      document.addEventListener("keydown", (e) => {
        if (e.key !== "v" || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
        const t = e.target;
        if (t instanceof HTMLSelectElement || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) return;
        e.preventDefault();
        open();
      });
    })();
    """#
}
