// Win-probability chart: the home team's chance to win after every play, as an SVG line over the game.
// renderWpChart(container, events, {away, home, marker}) — `events` are `event` messages (with win_probability),
// in order; `marker` (a version) draws the replay's position.

import { HALF } from "./game_vocab.js";

const W = 600;
const H = 220;
const PAD = { left: 40, right: 12, top: 14, bottom: 26 };

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** Points of the chart: one per event with plays (and the last event), x = play count. */
export function wpPoints(events) {
  const points = [];
  let plays = 0;
  for (const [i, event] of events.entries()) {
    if (event.win_probability === null || event.win_probability === undefined) continue;
    const last = i === events.length - 1;
    if (!points.length) {
      points.push({ x: 0, wp: event.plays.length ? 0.5 : event.win_probability, version: 0, inning: 1, half: HALF.TOP });
      if (!event.plays.length) continue;
    }
    if (!event.plays.length && !last) continue;
    plays += event.plays.length;
    const play = event.plays[event.plays.length - 1];
    points.push({
      x: plays,
      wp: event.win_probability,
      version: event.version,
      inning: play ? play.inning : event.game.inning,
      half: play ? play.half : event.game.half,
      description: play ? play.description : "",
    });
  }
  return points;
}

export function renderWpChart(container, events, { away = "Away", home = "Home", marker = null } = {}) {
  const points = wpPoints(events);
  const maxX = Math.max(10, points.length ? points[points.length - 1].x : 0);
  const sx = (x) => PAD.left + (x / maxX) * (W - PAD.left - PAD.right);
  const sy = (wp) => PAD.top + (1 - wp) * (H - PAD.top - PAD.bottom);
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((v) => `<line class="grid${v === 0.5 ? " mid" : ""}" x1="${PAD.left}" x2="${W - PAD.right}" y1="${sy(v)}" y2="${sy(v)}"/>`)
    .join("");
  const yLabels = `<text class="axis" x="${PAD.left - 6}" y="${sy(1) + 4}" text-anchor="end">${esc(home)}</text>
    <text class="axis" x="${PAD.left - 6}" y="${sy(0.5) + 4}" text-anchor="end">50%</text>
    <text class="axis" x="${PAD.left - 6}" y="${sy(0) + 4}" text-anchor="end">${esc(away)}</text>`;
  const innings = [];
  let seen = null;
  for (const point of points) {
    if (point.half === HALF.TOP && point.inning !== seen && point.x > 0) {
      seen = point.inning;
      const x = sx(point.x - 0.5);
      innings.push(`<line class="inning" x1="${x}" x2="${x}" y1="${PAD.top}" y2="${H - PAD.bottom}"/><text class="axis" x="${x + 3}" y="${H - 8}">${point.inning}</text>`);
    }
  }
  let path = "";
  let area = "";
  if (points.length) {
    path = points.map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(1)} ${sy(p.wp).toFixed(1)}`).join(" ");
    area = `${path} L${sx(points[points.length - 1].x).toFixed(1)} ${sy(0.5)} L${sx(0)} ${sy(0.5)} Z`;
  }
  let mark = "";
  const shown = marker === null ? points[points.length - 1] : [...points].reverse().find((p) => p.version <= marker);
  if (shown) {
    mark = `<circle class="wp-marker" cx="${sx(shown.x)}" cy="${sy(shown.wp)}" r="4.5"/>`;
  }
  const current = shown ? shown.wp : 0.5;
  const leader = current >= 0.5 ? home : away;
  const pct = Math.round(100 * Math.max(current, 1 - current));
  const summary = points.length ? `${leader} ${pct}% to win` : "No plays yet";
  container.innerHTML = `<svg class="wp-svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="Win probability: ${esc(summary)}">
    ${grid}${innings.join("")}${yLabels}
    <path class="wp-area" d="${area}"/><path class="wp-line" d="${path}"/>${mark}
  </svg><p class="wp-now" data-points="${points.length}">${esc(summary)}</p>`;
}
