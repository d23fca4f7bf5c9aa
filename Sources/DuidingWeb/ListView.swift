// The review page's list view: a table of the answers the filter shows, one row per answer,
// drawn only where it is visible (rows of a fixed height), its data fetched in pages from
// `/api/rows`. Served as /list.js and /list.css beside the page's own script, and working
// through the page's hooks (`window.duidingPage`): decisions go through the page's queue, so
// saving status and `u` work as in the one-answer view. Respondent text only through
// `textContent` and text nodes.

enum ListView {
    static let css = #"""
    body.listing main { max-width: 96rem; }
    body.listing #unit { display: none !important; }
    body.listing footer#keys > span:not(.list-key), body:not(.listing) footer#keys > span.list-only { display: none; }
    #list { background: #fff; border: 1px solid var(--line); border-radius: .5rem; overflow: hidden; }
    #list-tools { display: flex; gap: 1rem; align-items: center; padding: .35rem .8rem; border-bottom: 1px solid var(--line); font-size: .85rem; color: var(--muted); }
    #list-tools details { position: relative; }
    #list-tools summary { cursor: pointer; }
    #list-columns-box { position: absolute; z-index: 5; top: 1.6rem; left: 0; background: #fff; border: 1px solid var(--line); border-radius: .3rem;
      padding: .4rem .7rem; display: flex; flex-direction: column; gap: .2rem; white-space: nowrap; color: var(--fg); box-shadow: 0 .2rem .6rem rgba(0,0,0,.12); }
    .list-grid { display: grid; grid-template-columns: var(--list-columns); gap: .8rem; align-items: start; padding: 0 .8rem; }
    #list-head { font-size: .8rem; font-weight: 600; color: var(--muted); padding-top: .35rem; padding-bottom: .35rem; border-bottom: 1px solid var(--line); }
    #list-viewport { overflow-y: auto; position: relative; outline: none; }
    #list-canvas { position: relative; }
    .list-row { position: absolute; left: 0; right: 0; overflow: hidden; padding-top: .45rem; border-bottom: 1px solid #ecece6; cursor: default; font-size: .9rem; }
    .list-row.selected { background: #eef4fb; box-shadow: inset .25rem 0 0 var(--accent); }
    .list-row .id { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .list-row .value { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .list-row .text { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; line-height: 1.35; overflow-wrap: anywhere; }
    .list-row .codes { display: flex; flex-wrap: wrap; gap: .25rem; max-height: 3.6rem; overflow: hidden; }
    .list-chip { display: inline-flex; align-items: center; gap: .25rem; max-width: 100%; min-width: 0; font-size: .78rem; padding: 0 .45rem 0 .2rem;
      border: 1.5px solid var(--fg); border-radius: .8rem; white-space: nowrap; }
    .list-chip .label { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
    .list-chip .swatch { flex: none; }
    .list-chip .swatch { width: .65rem; height: .65rem; border-radius: .15rem; }
    .list-chip.suggested { border-style: dashed; color: var(--muted); }
    .list-chip.reject { text-decoration: line-through; border-color: var(--line); color: var(--muted); }
    .list-row .status { font-size: .8rem; color: var(--muted); white-space: nowrap; }
    .list-row .status.done { color: var(--ok); }
    .list-row.loading .text { color: var(--muted); }
    """#

    static let javascript = #"""
    "use strict";
    (function () {
      const ROW = 78;          // px, fixed: row i is at i * ROW
      const PAGE = 50;         // rows per /api/rows request
      const OVERSCAN = 6;      // rows drawn above and below the visible ones
      const KEEP = 3000;       // rows kept in memory before the cache starts again
      const COLUMNS_KEY = "duiding.list.columns";
      const $ = (id) => document.getElementById(id);
      const page = window.duidingPage;
      const s = window.duiding;
      const el = { list: $("list"), head: $("list-head"), viewport: $("list-viewport"), canvas: $("list-canvas"),
                   columnsBox: $("list-columns-box"), count: $("list-count") };
      const v = { on: false, rows: new Map(), pending: new Set(), generation: 0, frame: 0, fetchTimer: 0, columns: null };
      window.duidingList = v; // for tests

      function node(tag, className, text) {
        const n = document.createElement(tag);
        if (className) n.className = className;
        if (text !== undefined) n.textContent = text;
        return n;
      }

      // ---- Columns: which group variables to show, remembered in this browser --------

      function variables() { return (s.meta && s.meta.variables) || []; }

      function chosenColumns() {
        if (v.columns) return v.columns;
        let saved = null;
        try { saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) || "null"); } catch (e) { saved = null; }
        const known = new Set(variables().map((x) => x.name));
        v.columns = Array.isArray(saved) ? saved.filter((name) => known.has(name))
          : ((s.meta && s.meta.groups) || []).slice(0, 3).map((g) => g.variable);
        return v.columns;
      }

      function setColumns(names) {
        v.columns = names;
        try { localStorage.setItem(COLUMNS_KEY, JSON.stringify(names)); } catch (e) { /* private mode: not remembered */ }
        drawHead();
        draw();
      }

      function drawColumnChoice() {
        const chosen = new Set(chosenColumns());
        el.columnsBox.replaceChildren(...variables().map((x) => {
          const box = node("input");
          box.type = "checkbox";
          box.value = x.name;
          box.checked = chosen.has(x.name);
          box.addEventListener("change", () => {
            const names = variables().map((y) => y.name).filter((name) => name === x.name ? box.checked : chosenColumns().includes(name));
            setColumns(names);
          });
          const label = node("label");
          label.append(box, " " + (x.label || x.name));
          return label;
        }));
      }

      function drawHead() {
        const columns = chosenColumns();
        const labels = new Map(variables().map((x) => [x.name, x.label || x.name]));
        el.list.style.setProperty("--list-columns", "7rem" + " minmax(5rem, 9rem)".repeat(columns.length) + " minmax(0, 1fr) 15rem 6.5rem");
        el.head.replaceChildren(node("span", "", "id"), ...columns.map((name) => node("span", "", labels.get(name) || name)),
                                node("span", "", "tekst"), node("span", "", "codes"), node("span", "", "status"));
      }

      // ---- Rows ----------------------------------------------------------------------

      function chips(row) {
        const st = row.state;
        const on = new Set(st.codes), suggested = new Set(st.suggested);
        const list = [];
        for (const c of s.codes) {
          const decision = st.decided[c.id];
          if (!on.has(c.id) && decision !== "reject") continue;
          const chip = node("span", "list-chip" + (decision ? " " + decision : (suggested.has(c.id) ? " suggested" : "")));
          chip.dataset.code = c.id;
          chip.title = c.label + (decision === "reject" ? " (afgewezen)" : decision ? "" : " (voorgesteld)");
          chip.append(node("span", "swatch " + page.colour(c.id)), node("span", "label", (c.number <= 9 ? c.number + " " : "") + c.label));
          list.push(chip);
        }
        for (const code of st.codes) if (!s.codeIndex.has(code)) list.push(node("span", "list-chip", code));
        return list;
      }

      function rowNode(i) {
        const id = s.ids[i];
        const row = v.rows.get(id);
        const div = node("div", "list-row list-grid" + (i === s.index ? " selected" : "") + (row ? "" : " loading"));
        div.style.top = (i * ROW) + "px";
        div.style.height = ROW + "px";
        div.dataset.index = String(i);
        div.dataset.id = id || "";
        const text = node("div", "text");
        const codes = node("div", "codes");
        const status = node("div", "status");
        if (row) {
          text.replaceChildren(...page.highlight(row.text, row.suggestions, row.learned, row.state.passages));
          codes.replaceChildren(...chips(row));
          status.textContent = row.state.reviewed ? "✓ beoordeeld" : "nog niet";
          if (row.state.reviewed) status.classList.add("done");
        } else {
          text.textContent = row === null ? "(niet gevonden)" : "…";
        }
        div.append(node("div", "id", id || ""), ...chosenColumns().map((name) => node("div", "value", row ? (row.values[name] || "") : "")),
                   text, codes, status);
        div.addEventListener("click", () => select(i));
        div.addEventListener("dblclick", () => open());
        return div;
      }

      function visibleRange() {
        const n = s.ids.length;
        const first = Math.max(0, Math.floor(el.viewport.scrollTop / ROW) - OVERSCAN);
        const last = Math.min(n, Math.ceil((el.viewport.scrollTop + el.viewport.clientHeight) / ROW) + OVERSCAN);
        return [first, last];
      }

      function draw() {
        if (!v.on) return;
        const [first, last] = visibleRange();
        el.canvas.style.height = (s.ids.length * ROW) + "px";
        const rows = [];
        for (let i = first; i < last; i++) rows.push(rowNode(i));
        el.canvas.replaceChildren(...rows);
        el.count.textContent = s.ids.length.toLocaleString("nl-NL") + " antwoorden";
        document.body.dataset.selected = s.ids[s.index] || "";
        fetchSoon(first, last);
      }

      function schedule() {
        if (v.frame) return;
        v.frame = requestAnimationFrame(() => { v.frame = 0; draw(); });
      }

      // ---- Fetching rows in pages --------------------------------------------------------

      function fetchSoon(first, last) {
        clearTimeout(v.fetchTimer);
        v.fetchTimer = setTimeout(() => {
          for (let p = Math.floor(first / PAGE); p * PAGE < last; p++) fetchPage(p);
        }, 40);
      }

      // A page of rows; its ids first, when the page's list has not fetched them yet.
      async function fetchPage(p) {
        if (v.pending.has(p)) return;
        const generation = v.generation;
        v.pending.add(p);
        try {
          const ids = (await page.ids(p * PAGE, (p + 1) * PAGE)).filter((id) => !v.rows.has(id));
          if (generation !== v.generation || ids.length === 0) return;
          const result = await page.api("/api/rows", { ids: ids });
          if (generation !== v.generation) return;
          if (v.rows.size > KEEP) v.rows.clear();
          for (const id of ids) v.rows.set(id, null);
          for (const row of result.rows) v.rows.set(row.id, row);
          schedule();
        } catch (error) {
          page.say("Kon de lijst niet laden: " + error.message);
        } finally {
          if (generation === v.generation) v.pending.delete(p);
        }
      }

      // A new list (filter, search, order, bulk decision, codebook): rows are fetched again.
      function reset() {
        v.generation += 1;
        v.rows.clear();
        v.pending.clear();
        if (v.on) { fit(); ensureVisible(s.index); draw(); }
      }

      // ---- Selection and keys -------------------------------------------------------------

      function ensureVisible(i) {
        if (i < 0) return;
        const top = i * ROW, vp = el.viewport;
        if (top < vp.scrollTop) vp.scrollTop = top;
        else if (top + ROW > vp.scrollTop + vp.clientHeight) vp.scrollTop = top + ROW - vp.clientHeight;
      }

      function select(i) {
        if (s.ids.length === 0) return;
        i = Math.max(0, Math.min(s.ids.length - 1, i));
        page.select(i);
        ensureVisible(i);
        draw();
      }

      function open() {
        if (s.ids.length === 0) return;
        setListing(false);
      }

      function toggleCode(number) {
        const code = s.codes[number - 1];
        const id = s.ids[s.index];
        if (code && id) page.decide({ action: "toggle", unit: id, code: code.id });
      }

      function fit() {
        const top = el.viewport.getBoundingClientRect().top;
        const footer = $("keys").offsetHeight;
        el.viewport.style.height = Math.max(4 * ROW, window.innerHeight - top - footer - 16) + "px";
      }

      function setListing(on) {
        v.on = on;
        document.body.classList.toggle("listing", on);
        el.list.hidden = !on;
        if (on) {
          drawColumnChoice();
          drawHead();
          fit();
          ensureVisible(s.index);
          draw();
        } else {
          el.canvas.replaceChildren();
          if (s.index >= 0) page.show(s.index);
        }
      }

      document.addEventListener("keydown", (e) => {
        if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
        const t = e.target;
        if (t instanceof HTMLSelectElement || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) return;
        const k = e.key;
        const rows = Math.max(1, Math.floor(el.viewport.clientHeight / ROW) - 1);
        if (k === "l") setListing(!v.on);
        else if (!v.on) return;
        else if (k === "ArrowDown" || k === "j") select(s.index + 1);
        else if (k === "ArrowUp" || k === "k") select(s.index - 1);
        else if (k === "PageDown") select(s.index + rows);
        else if (k === "PageUp") select(s.index - rows);
        else if (k === "Home") select(0);
        else if (k === "End") select(s.ids.length - 1);
        else if (k === "Enter") open();
        else if (k >= "1" && k <= "9") toggleCode(Number(k));
        else if (k === "u" && s.undo.length === 0) page.decide({ action: "undo", unit: s.ids[s.index] });   // this answer's last decision
        else if (k === "u" || k === "/" || k === "c" || k === "v" || k === "Escape") return;   // as in the one-answer view
        else if (k.length !== 1 && k !== "ArrowLeft" && k !== "ArrowRight") return;
        e.preventDefault();
        e.stopImmediatePropagation();   // the one-answer view's keys do not act on a hidden answer
      }, true);

      el.viewport.addEventListener("scroll", schedule, { passive: true });
      window.addEventListener("resize", () => { if (v.on) { fit(); schedule(); } });
      document.addEventListener("duiding:list", reset);
      document.addEventListener("duiding:codebook", reset);
      document.addEventListener("duiding:applied", (e) => {
        const result = e.detail;
        const row = v.rows.get(result.unit);
        if (row) row.state = result.state;
        if (v.on) { ensureVisible(s.index); schedule(); }
      });
      window.duidingPage.setListing = setListing;
    })();
    """#
}
