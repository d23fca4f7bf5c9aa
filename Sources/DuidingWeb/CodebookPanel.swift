// The review page's codebook panel (`c`): choose a code or a new one, type a pattern, see at
// once how many answers it matches, how many are new and examples with the match marked;
// "Opslaan" stores it in a new codebook version, "Ongedaan maken" goes back with another.
// Served as /codebook.js and /codebook.css beside the page's own script; respondent text only
// through text nodes, as in the rest of the page.

enum CodebookPanel {
    static let css = #"""
    #codebook-panel { max-width: 60rem; margin: 1rem auto 0; padding: .8rem 1.2rem 1rem; background: #fff;
      border: 2px solid var(--accent); border-radius: .5rem; font-size: .95rem; }
    #codebook-panel .cb-head { display: flex; align-items: baseline; justify-content: space-between; }
    #codebook-panel h2 { margin: 0 0 .5rem; }
    #codebook-panel h2 small { font-weight: 400; color: var(--muted); }
    #cb-close { font: inherit; border: none; background: none; cursor: pointer; color: var(--muted); }
    .cb-row { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin: .4rem 0; }
    .cb-row select, .cb-row input { font: inherit; padding: .2rem .4rem; }
    .cb-pattern { display: flex; align-items: center; gap: .5rem; flex: 1; min-width: 20rem; }
    #cb-pattern { flex: 1; font-family: ui-monospace, monospace; border: 2px solid var(--line); border-radius: .3rem; }
    #cb-pattern.bad { border-color: var(--bad); }
    #cb-error { color: var(--bad); font-size: .9rem; }
    #cb-includes-box { margin-top: .6rem; color: var(--muted); font-size: .85rem; }
    #cb-includes-box summary { cursor: pointer; }
    #cb-includes { margin: .3rem 0 0; font-family: ui-monospace, monospace; overflow-wrap: anywhere; max-height: 8rem; overflow: auto; }
    #cb-result { font-weight: 600; margin: .5rem 0 .2rem; min-height: 1.4rem; }
    #cb-examples { margin: 0; padding-left: 1.4rem; max-height: 16rem; overflow: auto; }
    #cb-examples li { margin: .25rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
    #cb-examples .unit { color: var(--muted); font-size: .85rem; margin-right: .4rem; }
    #cb-examples .new { color: var(--ok); font-size: .8rem; margin-left: .4rem; }
    #cb-examples mark { background: var(--c0); }
    #codebook-panel button:not(#cb-close) { font: inherit; padding: .25rem .9rem; border: 1px solid var(--line); background: #fff; border-radius: .3rem; cursor: pointer; }
    #cb-save:not([disabled]) { border-color: var(--accent); color: var(--accent); font-weight: 600; }
    #cb-status { color: var(--muted); }
    #cb-status.error { color: var(--bad); font-weight: 600; }
    """#

    static let javascript = #"""
    "use strict";
    (function () {
      const token = document.querySelector('meta[name="duiding-token"]').content;
      const $ = (id) => document.getElementById(id);
      const el = {
        panel: $("codebook-panel"), open: $("codebook-open"), close: $("cb-close"), version: $("cb-version"),
        code: $("cb-code"), newBox: $("cb-new"), newId: $("cb-new-id"), newLabel: $("cb-new-label"),
        pattern: $("cb-pattern"), error: $("cb-error"), includes: $("cb-includes"), includesBox: $("cb-includes-box"),
        includesSummary: $("cb-includes-summary"), result: $("cb-result"),
        examples: $("cb-examples"), save: $("cb-save"), undo: $("cb-undo"), status: $("cb-status"),
      };
      const NEW = "__new__";
      const cb = { info: null, seq: 0, timer: null, result: null, pending: 0, saved: [], busy: false };
      window.duidingCodebook = cb; // for tests and the curious

      // The page's own request helper (token, errors with their column).
      const api = (path, body) => window.duidingPage.api(path, body);

      function node(tag, className, text) {
        const n = document.createElement(tag);
        if (className) n.className = className;
        if (text !== undefined) n.textContent = text;
        return n;
      }

      function status(text, isError) {
        el.status.textContent = text || "";
        el.status.className = isError ? "error" : "";
      }

      // ---- The codebook ----------------------------------------------------------

      async function loadInfo() {
        const info = await api("/api/codebook");
        cb.info = info;
        el.version.textContent = "codeboekversie " + info.version.id + " · " + info.version.name;
        const chosen = el.code.value;
        const options = [node("option", "", "geen code (alleen proberen)")];
        options[0].value = "";
        for (const c of info.codes) {
          const option = node("option", "", c.label + " (" + c.id + ")");
          option.value = c.id;
          options.push(option);
        }
        const fresh = node("option", "", "+ nieuwe code…");
        fresh.value = NEW;
        options.push(fresh);
        el.code.replaceChildren(...options);
        el.code.value = [...el.code.options].some((o) => o.value === chosen) ? chosen : (info.codes.length ? info.codes[0].id : "");
        chooseCode();
      }

      function chooseCode() {
        const isNew = el.code.value === NEW;
        el.newBox.hidden = !isNew;
        const code = cb.info && cb.info.codes.find((c) => c.id === el.code.value);
        el.includesBox.hidden = !code;
        el.includesSummary.textContent = code ? code.include.length + (code.include.length === 1 ? " patroon" : " patronen") + " van " + code.label : "";
        el.includes.textContent = code ? (code.include.join("  ·  ") || "geen") : "";
      }

      function target() {
        if (el.code.value === NEW) return { newCode: { id: el.newId.value.trim(), label: el.newLabel.value.trim() } };
        if (el.code.value) return { code: el.code.value };
        return {};
      }

      function codeName() {
        if (el.code.value === NEW) return el.newId.value.trim() || "de nieuwe code";
        const code = cb.info && cb.info.codes.find((c) => c.id === el.code.value);
        return code ? code.label : "";
      }

      // ---- Trying, debounced ---------------------------------------------------------

      function schedule(delay) {
        clearTimeout(cb.timer);
        cb.timer = setTimeout(run, delay === undefined ? 200 : delay);
        el.save.disabled = true;
      }

      async function run() {
        const pattern = el.pattern.value;
        const seq = ++cb.seq;
        if (!pattern.trim()) { show(null); return; }
        if (el.code.value === NEW && !el.newId.value.trim()) { show(null); showError("Geef de nieuwe code een id (a–z, 0–9, _ en -)."); return; }
        cb.pending += 1;
        try {
          const result = await api("/api/codebook/try", Object.assign({ pattern, examples: 8 }, target()));
          if (seq === cb.seq) show(result);
        } catch (error) {
          if (seq === cb.seq) { show(null); showError(error.message, error.column); }
        } finally { cb.pending -= 1; }
      }

      function showError(message, column) {
        el.error.textContent = message;
        el.pattern.classList.toggle("bad", !!column);
        if (column && document.activeElement !== el.pattern) el.pattern.setSelectionRange(column - 1, column);
      }

      function show(result) {
        cb.result = result;
        el.error.textContent = "";
        el.pattern.classList.remove("bad");
        if (!result) {
          el.result.textContent = "";
          el.result.removeAttribute("data-matched");
          el.examples.replaceChildren();
          el.save.disabled = true;
          return;
        }
        const n = (x) => x.toLocaleString("nl-NL");
        const without = el.code.value ? "nog zonder " + codeName() : "nog zonder code";
        el.result.textContent = n(result.matched) + (result.matched === 1 ? " antwoord" : " antwoorden") + ", waarvan " + n(result.new) + " nieuw (" + without + ")";
        el.result.dataset.matched = String(result.matched);
        el.result.dataset.new = String(result.new);
        el.examples.replaceChildren(...result.examples.map((e) => {
          const li = node("li");
          li.dataset.unit = e.unit;
          li.append(node("span", "unit", e.unit));
          if (e.before) li.append(document.createTextNode("… "));
          let at = 0;
          for (const [start, end] of e.ranges) {
            if (start < at) continue;
            li.append(document.createTextNode(e.text.slice(at, start)), node("mark", "", e.text.slice(start, end)));
            at = end;
          }
          li.append(document.createTextNode(e.text.slice(at) + (e.after ? " …" : "")));
          if (e.new) li.append(node("span", "new", "nieuw"));
          return li;
        }));
        el.save.disabled = cb.busy || !el.code.value || result.matched === 0;
      }

      // ---- Saving and undoing ----------------------------------------------------------

      async function save() {
        if (el.save.disabled || cb.busy) return;
        cb.busy = true;
        el.save.disabled = true;
        status("opslaan: alle antwoorden opnieuw coderen…");
        try {
          const body = Object.assign({ pattern: el.pattern.value }, target());
          const revision = await api("/api/codebook/save", body);
          cb.saved.push(revision.version.id);
          el.undo.hidden = false;
          status("✓ opgeslagen als codeboekversie " + revision.version.id + ": " + revision.matched + " antwoorden, " + revision.new + " nieuw");
          await afterChange(body.newCode ? body.newCode.id : undefined);
        } catch (error) {
          status("NIET opgeslagen: " + error.message, true);
        } finally { cb.busy = false; schedule(0); }
      }

      async function undo() {
        const version = cb.saved[cb.saved.length - 1];
        if (version === undefined || cb.busy) return;
        cb.busy = true;
        status("ongedaan maken…");
        try {
          const revision = await api("/api/codebook/undo", { version });
          cb.saved.pop();
          el.undo.hidden = cb.saved.length === 0;
          status("✓ ongedaan gemaakt: codeboekversie " + revision.version.id + " is gelijk aan versie " + revision.restored);
          await afterChange();
        } catch (error) {
          status("NIET ongedaan gemaakt: " + error.message, true);
        } finally { cb.busy = false; schedule(0); }
      }

      async function afterChange(chooseId) {
        await loadInfo();
        if (chooseId && cb.info.codes.some((c) => c.id === chooseId)) { el.code.value = chooseId; chooseCode(); }
        if (window.duidingPage) await window.duidingPage.refreshCodebook();
      }

      // ---- Opening and keys --------------------------------------------------------------

      async function open() {
        el.panel.hidden = false;
        el.pattern.focus();
        try { await loadInfo(); } catch (error) { status("Kon het codeboek niet laden: " + error.message, true); }
        if (el.pattern.value.trim()) schedule(0);
      }

      function close() {
        el.panel.hidden = true;
        if (el.panel.contains(document.activeElement)) document.activeElement.blur();
      }
      cb.open = open;
      cb.close = close;

      el.open.addEventListener("click", () => { el.open.blur(); if (el.panel.hidden) open(); else close(); });
      el.close.addEventListener("click", close);
      el.code.addEventListener("change", () => { chooseCode(); schedule(0); if (el.code.value === NEW) el.newId.focus(); });
      el.pattern.addEventListener("input", () => schedule());
      el.newId.addEventListener("input", () => schedule());
      el.save.addEventListener("click", save);
      el.undo.addEventListener("click", undo);
      el.panel.addEventListener("keydown", (e) => {
        if (e.key === "Escape") { e.preventDefault(); close(); }
        else if (e.key === "Enter" && e.target === el.pattern) { e.preventDefault(); if (e.ctrlKey || e.metaKey) save(); else schedule(0); }
        e.stopPropagation();
      });
      document.addEventListener("keydown", (e) => {
        if (e.key !== "c" || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
        const t = e.target;
        if (t instanceof HTMLSelectElement || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) return;
        e.preventDefault();
        open();
      });
    })();
    """#
}
