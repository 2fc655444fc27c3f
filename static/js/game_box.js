// The box score (games.selectors.game_box_score_data's dict) as tables.

import { esc } from "./game_dom.js";

function lineTable(box, config) {
  const teams = ["away", "home"].map((side) => ({ side, line: box.teams[side].line }));
  const innings = Math.max(config.innings, ...teams.map((t) => t.line.innings.length));
  const head = Array.from({ length: innings }, (_, i) => `<th scope="col">${i + 1}</th>`).join("");
  const rows = teams
    .map(({ side, line }) => {
      const cells = Array.from({ length: innings }, (_, i) => `<td>${line.innings[i] ?? ""}</td>`).join("");
      return `<tr class="box-line" data-side="${side}"><th scope="row">${esc(line.name)}</th>${cells}<td class="total ls-runs">${line.runs}</td><td class="total ls-hits">${line.hits}</td><td class="total ls-errors">${line.errors}</td><td class="total ls-lob">${line.left_on_base}</td></tr>`;
    })
    .join("");
  return `<div class="table-scroll"><table class="box-linescore"><caption class="sr-only">Line score</caption><thead><tr><th scope="col">Team</th>${head}<th scope="col">R</th><th scope="col">H</th><th scope="col">E</th><th scope="col">LOB</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** A box-score name linked to the player's page (leagues.urls `league_player`). */
function playerName(line, config) {
  return `<a href="/leagues/${encodeURIComponent(config.league.code)}/players/${encodeURIComponent(line.player)}/">${esc(line.name)}</a>`;
}

function battingTable(side, team, config) {
  const rows = team.batting
    .map(
      (b) => `<tr${b.substitute ? ' class="sub"' : ""}><th scope="row">${playerName(b, config)} <span class="pos">${esc(b.position)}</span></th><td>${b.ab}</td><td>${b.r}</td><td>${b.h}</td><td>${b.rbi}</td><td>${b.bb}</td><td>${b.so}</td><td>${b.hr}</td></tr>`,
    )
    .join("");
  const totals = ["ab", "r", "h", "rbi", "bb", "so", "hr"].map((k) => `<td>${team.batting.reduce((s, b) => s + (b[k] || 0), 0)}</td>`).join("");
  return `<div class="table-scroll"><table class="box-batting" data-side="${side}"><caption>${esc(config.teams[side].name)} batting</caption>
    <thead><tr><th scope="col">Batter</th><th scope="col">AB</th><th scope="col">R</th><th scope="col">H</th><th scope="col">RBI</th><th scope="col">BB</th><th scope="col">SO</th><th scope="col">HR</th></tr></thead>
    <tbody>${rows}</tbody><tfoot><tr><th scope="row">Totals</th>${totals}</tr></tfoot></table></div>`;
}

function pitchingTable(side, team, config) {
  const rows = team.pitching
    .map(
      (p) => `<tr><th scope="row">${playerName(p, config)}${p.decision ? ` <span class="decision">(${esc(p.decision)})</span>` : ""}</th><td>${esc(p.ip)}</td><td>${p.h}</td><td>${p.r}</td><td>${p.er}</td><td>${p.bb}</td><td>${p.so}</td><td>${p.hr}</td></tr>`,
    )
    .join("");
  return `<div class="table-scroll"><table class="box-pitching" data-side="${side}"><caption>${esc(config.teams[side].name)} pitching</caption>
    <thead><tr><th scope="col">Pitcher</th><th scope="col">IP</th><th scope="col">H</th><th scope="col">R</th><th scope="col">ER</th><th scope="col">BB</th><th scope="col">SO</th><th scope="col">HR</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

function decisions(box) {
  const d = box.decisions || {};
  const parts = [["W", d.win], ["L", d.loss], ["S", d.save]].filter(([, who]) => who);
  if (!parts.length) return "";
  const pitchers = ["away", "home"].flatMap((side) => box.teams[side].pitching);
  const name = (who) => (typeof who === "object" ? who.name : pitchers.find((p) => p.player === who)?.name || who);
  return `<p class="box-decisions">${parts.map(([k, who]) => `<span><strong>${k}</strong> ${esc(name(who))}</span>`).join(" · ")}</p>`;
}

export function renderBox(el, box, config) {
  if (!box || !box.teams) {
    el.innerHTML = '<p class="muted">No box score yet.</p>';
    return;
  }
  el.innerHTML = `${lineTable(box, config)}${decisions(box)}<div class="box-teams">${["away", "home"]
    .map((side) => `<div class="box-team">${battingTable(side, box.teams[side], config)}${pitchingTable(side, box.teams[side], config)}</div>`)
    .join("")}</div>`;
}
