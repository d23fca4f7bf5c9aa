import DuidingProject
import DuidingStore
import Foundation
import Hummingbird

/// The review page's team panel (`t`, "Team"): every coder's progress (counts, never codes, so
/// blind coding stays blind); for a lead also the agreement so far per code, the length of the
/// reconcile queue, and the reconcile view: the units where coders differ, their judgements
/// side by side, and the lead's final decision on each. Behind the same guard as the rest of
/// the API; refreshed while open.
///
/// Routes: `GET /api/team`; `GET /api/reconcile?offset=&limit=` (leads only); final decisions
/// go through `POST /api/decision` `{action: "final", unit, code, applies}`; the panel's
/// script and style, `/team.js` and `/team.css`.
struct TeamRoutes: Sendable {
    let controller: ReviewController

    /// Rows a page of the reconcile view shows at most.
    static let maxRows = 100

    func addRoutes(to router: Router<ReviewRequestContext>) {
        router.get("/team.js") { _, _ in ReviewController.asset(TeamPanel.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/team.css") { _, _ in ReviewController.asset(TeamPanel.css, type: "text/css; charset=utf-8") }
        router.get("/api/team") { _, context in try self.team(try context.signedIn()) }
        router.get("/api/reconcile") { request, context in try self.reconcile(request, try context.signedIn()) }
    }

    var store: ProjectStore { controller.store }
    var scope: Set<String>? { controller.scope?.ids }

    /// Progress of every coder with an account or a decision; for a lead, agreement and the queue.
    /// All from the controller's kept comparison: what changed since the last request is read, not the project.
    func team(_ who: ReviewIdentity) throws -> TeamJSON {
        let accounts = try store.coders()
        let leads = Set(accounts.filter(\.lead).map(\.name))
        let figures = try controller.comparison.figures()
        let names = Set(accounts.map(\.name)).union(figures.coders).union([who.coder]).sorted()
        let coders = names.map { CoderProgressJSON(name: $0, reviewed: figures.reviewed[$0] ?? 0, lead: leads.contains($0)) }
        let total = try scope?.count ?? store.unitCount()
        let isTeam = if case .team = controller.access { true } else { false }
        guard who.lead else {
            return TeamJSON(you: who.coder, lead: false, team: isTeam, total: total, coders: coders, reconcile: nil, sharedUnits: nil, agreement: nil)
        }
        guard let agreement = figures.agreement, let reconciliation = figures.reconciliation else { throw TeamComparison.noCodebook }
        let codebooks = try store.latestCodebooks()
        let codes = (codebooks.map { [$0.standard] + $0.own.values } ?? []).flatMap(\.codes)
        let labels = Dictionary(codes.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        return TeamJSON(you: who.coder, lead: true, team: isTeam, total: total, coders: coders,
                        reconcile: reconciliation.disagreements.count, sharedUnits: agreement.sharedUnits,
                        agreement: agreement.perCode.map { CodeAgreementJSON(code: $0.code, label: labels[$0.code] ?? $0.code, kappa: $0.kappa, alpha: $0.alpha) })
    }

    /// A page of the units and codes where coders differ, with the units' texts.
    func reconcile(_ request: Request, _ who: ReviewIdentity) throws -> ReconcileJSON {
        guard who.lead else {
            throw APIError(.forbidden, "the reconcile view is for a lead; \(who.coder) is not one (`duiding coder add --lead`)")
        }
        let query = request.uri.queryParameters
        let offset = max(0, query.get("offset").flatMap { Int($0) } ?? 0)
        let limit = min(Self.maxRows, max(1, query.get("limit").flatMap { Int($0) } ?? 50))
        guard let reconciliation = try controller.comparison.figures().reconciliation else {
            throw APIError(.conflict, TeamComparison.noCodebook.description)
        }
        let page = Array(reconciliation.disagreements.dropFirst(offset).prefix(limit))
        var seen: Set<String> = []
        let ids = page.map(\.unitID).filter { seen.insert($0).inserted }
        let rows = Dictionary(try store.reviewRows(ids: ids, coder: who.coder).map { ($0.unit.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ReconcileJSON(coders: reconciliation.coders, total: reconciliation.disagreements.count, offset: offset, rows: page.map { d in
            let row = rows[d.unitID]
            return ReconcileRowJSON(unit: d.unitID, text: row?.unit.text ?? "", code: d.code,
                                    label: row?.codebook?.codes.first { $0.id == d.code }?.label ?? d.code,
                                    suggested: row?.state.suggested.contains(d.code) ?? false, judgements: d.judgements)
        })
    }
}

struct TeamJSON: Codable, Sendable {
    let you: String
    let lead: Bool
    /// A team server (accounts): the panel offers to sign out.
    let team: Bool
    /// Units in the review's scope.
    let total: Int
    let coders: [CoderProgressJSON]
    /// For a lead: the reconcile queue's length, units reviewed by two coders or more, and
    /// agreement per code over those.
    let reconcile: Int?
    let sharedUnits: Int?
    let agreement: [CodeAgreementJSON]?
}

struct CoderProgressJSON: Codable, Sendable {
    let name: String
    let reviewed: Int
    let lead: Bool
}

struct CodeAgreementJSON: Codable, Sendable {
    let code: String
    let label: String
    let kappa: Double?
    let alpha: Double?
}

struct ReconcileJSON: Codable, Sendable {
    let coders: [String]
    let total: Int
    let offset: Int
    let rows: [ReconcileRowJSON]
}

struct ReconcileRowJSON: Codable, Sendable {
    let unit: String
    let text: String
    let code: String
    let label: String
    /// Whether the latest codebook suggests the code.
    let suggested: Bool
    /// Per coder (in `coders` order): applies, does not, or not reviewed (null).
    let judgements: [Bool?]
}

extension TeamJSON: ResponseEncodable {}
extension ReconcileJSON: ResponseEncodable {}

enum TeamPanel {
    static let css = #"""
    #team-panel { max-width: 64rem; margin: 1rem auto 0; padding: .8rem 1.2rem 1rem; background: #fff;
      border: 2px solid var(--accent); border-radius: .5rem; font-size: .95rem; }
    #team-panel .tm-head { display: flex; align-items: baseline; gap: 1rem; }
    #team-panel h2 { margin: 0 0 .5rem; flex: 1; }
    #team-panel h3 { margin: .8rem 0 .3rem; font-size: 1rem; }
    #tm-close, #tm-signout { font: inherit; border: none; background: none; cursor: pointer; color: var(--muted); }
    #team-panel table { border-collapse: collapse; font-size: .9rem; }
    #team-panel th, #team-panel td { padding: .2rem .6rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
    #team-panel td.num { text-align: right; font-variant-numeric: tabular-nums; }
    #team-panel .tm-top { display: flex; flex-wrap: wrap; gap: .5rem 3rem; align-items: flex-start; }
    #team-panel .tm-top h3 { margin-top: 0; }
    #tm-queue { font-weight: 600; }
    #tm-reconcile td.decide { white-space: nowrap; }
    #tm-reconcile td.text { max-width: 28rem; }
    #tm-reconcile td.yes { color: var(--ok); font-weight: 700; text-align: center; }
    #tm-reconcile td.no { color: var(--bad); font-weight: 700; text-align: center; }
    #tm-reconcile td.none { color: var(--muted); text-align: center; }
    #tm-reconcile button { font: inherit; font-size: .85rem; margin-right: .3rem; cursor: pointer; }
    #tm-note { color: var(--muted); }
    """#

    static let javascript = #"""
    "use strict";
    (function () {
      const page = window.duidingPage;
      const node = (tag, className, text) => {
        const n = document.createElement(tag);
        if (className) n.className = className;
        if (text !== undefined) n.textContent = text;
        return n;
      };
      const open = node("button", "", "team");
      open.id = "team-open";
      open.type = "button";
      open.title = "voortgang van het team; voor de leider ook overeenstemming en verschillen (t)";
      const nav = document.getElementById("filters");
      nav.insertBefore(open, nav.querySelector(".spacer"));
      const panel = node("aside");
      panel.id = "team-panel";
      panel.hidden = true;
      panel.setAttribute("aria-label", "Team");
      const head = node("div", "tm-head");
      const signout = node("button", "", "afmelden");
      signout.id = "tm-signout";
      signout.type = "button";
      signout.hidden = true;
      const close = node("button", "", "✕");
      close.id = "tm-close";
      close.type = "button";
      close.title = "sluiten (Esc)";
      head.append(node("h2", "", "Team"), signout, close);
      const progress = node("table");
      progress.id = "tm-progress";
      const lead = node("div");
      lead.id = "tm-lead";
      lead.hidden = true;
      const queue = node("p");
      queue.id = "tm-queue";
      const agreement = node("table");
      agreement.id = "tm-agreement";
      const reconcile = node("table");
      reconcile.id = "tm-reconcile";
      const more = node("button", "", "meer verschillen");
      more.id = "tm-more";
      more.type = "button";
      more.hidden = true;
      const note = node("p");
      note.id = "tm-note";
      const agreementBox = node("div");
      agreementBox.id = "tm-agreement-box";
      agreementBox.hidden = true;
      agreementBox.append(node("h3", "", "Overeenstemming per code"), agreement);
      const summary = node("div", "tm-top");
      const progressBox = node("div");
      progressBox.append(node("h3", "", "Voortgang"), progress);
      summary.append(progressBox, agreementBox);
      lead.append(node("h3", "", "Verschillen tussen codeurs"), queue, reconcile, more);
      panel.append(head, summary, note, lead);
      document.getElementById("bulk").after(panel);

      const tm = { team: null, rows: [], coders: [], total: 0, timer: 0 };
      window.duidingTeam = tm; // for tests

      function cells(row, values, className) {
        for (const v of values) row.append(node(className || "td", typeof v === "number" ? "num" : "", String(v)));
        return row;
      }
      const figure = (x) => x === null || x === undefined || x === "NaN" ? "–" : Number(x).toFixed(2);

      async function loadTeam() {
        const team = await page.api("/api/team");
        tm.team = team;
        signout.hidden = !team.team;
        progress.replaceChildren(cells(node("tr"), ["codeur", "beoordeeld", "van"], "th"));
        for (const c of team.coders) {
          progress.append(cells(node("tr"), [c.name + (c.lead ? " (leider)" : "") + (c.name === team.you ? " — jij" : ""), c.reviewed, team.total]));
        }
        lead.hidden = !team.lead;
        agreementBox.hidden = !team.lead;
        if (!team.lead) {
          note.textContent = "Je ziet hoeveel ieder beoordeelde, niet welke codes.";
          return;
        }
        note.textContent = team.sharedUnits + (team.sharedUnits === 1 ? " antwoord" : " antwoorden") + " door twee of meer codeurs beoordeeld.";
        queue.textContent = team.reconcile === 1 ? "1 verschil te beslechten" : team.reconcile + " verschillen te beslechten";
        agreement.replaceChildren(cells(node("tr"), ["code", "kappa", "alfa"], "th"));
        for (const a of team.agreement) agreement.append(cells(node("tr"), [a.label, figure(a.kappa), figure(a.alpha)]));
      }

      async function loadReconcile(append) {
        const data = await page.api("/api/reconcile?offset=" + (append ? tm.rows.length : 0) + "&limit=100");
        tm.rows = append ? tm.rows.concat(data.rows) : data.rows;
        tm.coders = data.coders;
        tm.total = data.total;
        reconcile.replaceChildren(cells(node("tr"), ["antwoord", "code"].concat(data.coders, ["beslissing"]), "th"));
        for (const r of tm.rows) reconcile.append(reconcileRow(r));
        more.hidden = tm.rows.length >= data.total;
        queue.textContent = data.total === 1 ? "1 verschil te beslechten" : data.total + " verschillen te beslechten";
      }

      function reconcileRow(r) {
        const row = node("tr");
        row.dataset.unit = r.unit;
        row.dataset.code = r.code;
        const text = node("td", "text");
        text.append(node("strong", "", r.unit + " "), document.createTextNode(r.text));
        row.append(text, node("td", "", r.label + (r.suggested ? " (voorgesteld)" : "")));
        for (const j of r.judgements) row.append(node("td", j === null ? "none" : (j ? "yes" : "no"), j === null ? "·" : (j ? "+" : "−")));
        const decide = node("td", "decide");
        for (const [applies, label] of [[true, "geldt"], [false, "geldt niet"]]) {
          const button = node("button", applies ? "final-yes" : "final-no", label);
          button.type = "button";
          button.addEventListener("click", () => settle(r, applies).catch((e) => page.say(e.message)));
          decide.append(button);
        }
        row.append(decide);
        return row;
      }

      async function settle(r, applies) {
        await page.api("/api/decision", { action: "final", unit: r.unit, code: r.code, applies: applies });
        page.say("Definitief: " + r.unit + " " + r.code + (applies ? " geldt" : " geldt niet"));
        await loadReconcile(false);
        await loadTeam();
      }

      async function refresh() {
        clearTimeout(tm.timer);
        if (panel.hidden) return;
        try { await loadTeam(); } catch (e) { page.say(e.message); }
        tm.timer = setTimeout(refresh, 5000);
      }

      // The reconcile view does not wait for the team's figures, which take longer.
      async function show() {
        panel.hidden = false;
        const leads = !!(window.duiding.meta && window.duiding.meta.lead);
        if (leads) lead.hidden = false;
        await Promise.all([refresh(), leads ? loadReconcile(false) : null]);
      }
      function hide() { panel.hidden = true; clearTimeout(tm.timer); }

      open.addEventListener("click", () => { open.blur(); if (panel.hidden) show().catch((e) => page.say(e.message)); else hide(); });
      close.addEventListener("click", hide);
      more.addEventListener("click", () => loadReconcile(true).catch((e) => page.say(e.message)));
      signout.addEventListener("click", async () => {
        await page.api("/api/signout", {}).catch(() => null);
        location.replace("/signin");
      });
      document.addEventListener("keydown", (e) => {
        if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
        const t = e.target;
        if (t instanceof HTMLSelectElement || t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) return;
        if (e.key === "t") { e.preventDefault(); if (panel.hidden) show().catch((err) => page.say(err.message)); else hide(); }
        else if (e.key === "Escape" && !panel.hidden) hide();
      });
    })();
    """#
}
