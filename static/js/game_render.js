// Rendering of the game page's parts from a view (game_view.js): line score, diamond, situation, dice,
// matchup cards, play-by-play and presence. The live page and the replay use the same functions.

import { battingSide, cardHtml, readCard } from "./game_cards.js";
import { esc, formatRoll, shortName } from "./game_dom.js";
import { lastRoll, ordinal } from "./game_view.js";
import { DISPUTE, HALF, HAND, LEAGUE, PHASE, POSITION, nameOf } from "./game_vocab.js";

const BASE_POINTS = [
  [215, 165],
  [150, 100],
  [85, 165],
];
const HOME = [150, 230];
// By the server's position names (game_vocab.js).
const FIELDER_POINTS = {
  P: [150, 170],
  C: [150, 258],
  FIRST_BASE: [232, 140],
  SECOND_BASE: [192, 104],
  SHORTSTOP: [108, 104],
  THIRD_BASE: [68, 140],
  LEFT_FIELD: [62, 52],
  CENTER_FIELD: [150, 26],
  RIGHT_FIELD: [238, 52],
};

export function sideName(config, side) {
  return config.teams[side].abbreviation;
}

export function renderLinescore(table, summary, config) {
  const innings = Math.max(config.innings, summary.runs_by_inning.away.length, summary.runs_by_inning.home.length);
  const current = summary.phase && summary.phase !== PHASE.GAME_OVER ? summary.inning : null;
  const headCells = Array.from({ length: innings }, (_, i) => `<th scope="col">${i + 1}</th>`).join("");
  table.tHead.innerHTML = `<tr><th scope="col">Team</th>${headCells}<th scope="col" class="total">R</th><th scope="col" class="total">H</th><th scope="col" class="total">E</th></tr>`;
  const rows = ["away", "home"].map((side) => {
    const runs = summary.runs_by_inning[side] || [];
    const cells = Array.from({ length: innings }, (_, i) => {
      const isCurrent = current === i + 1 && (summary.half === HALF.TOP) === (side === "away");
      const value = runs[i] ?? (isCurrent ? 0 : "");
      return `<td${isCurrent ? ' class="current"' : ""}>${value}</td>`;
    }).join("");
    const batting = current !== null && (summary.half === HALF.TOP) === (side === "away");
    return `<tr data-side="${side}"${batting ? ' class="batting"' : ""}><th scope="row">${esc(sideName(config, side))}</th>${cells}<td class="total ls-runs">${summary.score[side]}</td><td class="total ls-hits">${summary.hits[side]}</td><td class="total ls-errors">${summary.errors[side]}</td></tr>`;
  });
  table.tBodies[0].innerHTML = rows.join("");
}

function fielders(summary, config) {
  const fielding = summary.half === HALF.TOP ? "home" : "away";
  const list = Object.values(config.players).filter(
    (p) => p.side === fielding && p.starter && p.position !== POSITION.DH && p.position !== POSITION.P,
  );
  const pitcher = config.players[summary.pitcher];
  if (pitcher) list.push({ ...pitcher, position: POSITION.P });
  return list;
}

export function renderDiamond(svg, summary, config) {
  const parts = [];
  parts.push('<path class="grass" d="M150 8 L292 150 L150 268 L8 150 Z"/>');
  parts.push(`<path class="infield" d="M${HOME} L${BASE_POINTS[0]} L${BASE_POINTS[1]} L${BASE_POINTS[2]} Z"/>`);
  parts.push(`<rect class="plate" x="${HOME[0] - 6}" y="${HOME[1] - 6}" width="12" height="12" transform="rotate(45 ${HOME[0]} ${HOME[1]})"/>`);
  const labels = [];
  summary.bases.forEach((runner, i) => {
    const [x, y] = BASE_POINTS[i];
    parts.push(`<rect class="base${runner ? " occupied" : ""}" data-base="${i + 1}" x="${x - 9}" y="${y - 9}" width="18" height="18" transform="rotate(45 ${x} ${y})"><title>${runner ? esc(config.players[runner]?.name || "runner") + " on " + ordinal(i + 1) : ordinal(i + 1) + " base empty"}</title></rect>`);
    if (runner) {
      const name = shortName(config.players[runner]?.name || "R");
      const dy = i === 1 ? -16 : 24;
      labels.push(`<text class="runner-label" x="${x}" y="${y + dy}" text-anchor="middle">${esc(name)}</text>`);
    }
  });
  if (summary.phase !== null && summary.phase !== PHASE.GAME_OVER) {
    for (const player of fielders(summary, config)) {
      const point = FIELDER_POINTS[nameOf(POSITION, player.position)];
      if (!point) continue;
      parts.push(`<g class="fielder"><circle cx="${point[0]}" cy="${point[1]}" r="9"/><text x="${point[0]}" y="${point[1] + 3.5}" text-anchor="middle" class="fielder-pos">${esc(player.position)}</text><title>${esc(player.name)} (${esc(player.position)})</title></g>`);
    }
    const batter = config.players[summary.batter];
    if (batter) labels.push(`<text class="batter-label" x="${HOME[0] + 16}" y="${HOME[1] + 4}">${esc(shortName(batter.name))}</text>`);
  }
  const outs = [0, 1, 2].map((i) => `<circle class="out${i < summary.outs ? " on" : ""}" cx="${22 + i * 16}" cy="252" r="6"/>`).join("");
  parts.push(`<g class="outs" aria-hidden="true">${outs}</g>`);
  svg.innerHTML = `<title id="diamond-title">${esc(situationText(summary, config))}</title>${parts.join("")}${labels.join("")}`;
}

export function situationText(summary, config) {
  if (summary.phase === null) return "The game has not started.";
  const score = `${sideName(config, "away")} ${summary.score.away}, ${sideName(config, "home")} ${summary.score.home}`;
  if (summary.phase === PHASE.GAME_OVER) {
    const winner = summary.winner ? `${config.teams[summary.winner].name} win` : "Final";
    return `Final · ${score} · ${winner}`;
  }
  const occupied = summary.bases.map((r, i) => (r ? ordinal(i + 1) : null)).filter(Boolean);
  const bases = occupied.length === 0 ? "bases empty" : occupied.length === 3 ? "bases loaded" : `on ${occupied.join(" & ")}`;
  const half = summary.half === HALF.TOP ? "Top" : "Bottom";
  return `${half} ${ordinal(summary.inning)} · ${summary.outs} out${summary.outs === 1 ? "" : "s"} · ${bases} · ${score}`;
}

export function renderSituation(el, view, config) {
  const wp = view.wp;
  const wpText =
    wp === null || wp === undefined ? "" : ` · ${sideName(config, wp >= 0.5 ? "home" : "away")} ${Math.round(100 * Math.max(wp, 1 - wp))}% to win`;
  el.textContent = situationText(view.summary, config) + wpText;
}

/** The line read by the latest roll, or by the pending manual dice. */
function currentRead(view, events, config) {
  const pendingDice = view.pending && view.pending.dice;
  if (pendingDice) {
    const dice = [
      ["column", pendingDice.column],
      ["row", pendingDice.row],
      ["split", pendingDice.split],
    ];
    return { dice, read: readCard(config.players, dice, view.summary.batter, view.summary.pitcher), pending: true };
  }
  const roll = lastRoll(events);
  if (!roll) return null;
  if (roll.play) {
    const p = roll.play;
    return { dice: roll.dice, play: p, read: readCard(config.players, roll.dice, p.batter, p.pitcher, p.outcome, p.fielder) };
  }
  return { dice: roll.dice, notice: roll.notice, read: readCard(config.players, roll.dice, view.summary.batter, view.summary.pitcher) };
}

export function renderDice(el, current, config) {
  if (!current) {
    el.innerHTML = '<p class="muted">No dice rolled yet.</p>';
    return;
  }
  const legend = current.play && current.play.legend;
  // A recorded play: its dice in the order rolled, each labelled, and why its secondary checks came out so.
  const chips = legend
    ? `<ol class="dice-legend">${legend.map((d) => `<li><span class="die">${esc(d.value)}</span> <span class="die-label">${esc(d.label)}</span></li>`).join("")}</ol>`
    : current.dice.map((roll) => `<span class="die">${esc(formatRoll(roll))}</span>`).join("");
  const why = current.play && current.play.why && current.play.why.length
    ? `<ul class="dice-why">${current.play.why.map((line) => `<li>${esc(line)}</li>`).join("")}</ul>`
    : "";
  let read = "";
  if (current.read && current.read.line) {
    const owner = config.players[current.read.playerId];
    read = `<p class="dice-read">${current.pending ? "The dice point at" : "Read"} <strong>${esc(current.read.line.label)}</strong> on ${esc(owner ? owner.name : "")}'s ${current.read.kind} card</p>`;
  } else if (current.read) {
    const owner = config.players[current.read.playerId];
    read = `<p class="dice-read">Column ${current.read.column}: ${esc(owner ? owner.name : "")}'s ${current.read.kind} card</p>`;
  }
  el.innerHTML = `<div class="dice-chips" aria-label="Dice">${chips}</div>${why}${read}`;
}

export function renderMatchup(section, view, events, config, replay = false) {
  const batterEl = section.querySelector("#batter-card");
  const pitcherEl = section.querySelector("#pitcher-card");
  const current = currentRead(view, events, config);
  const play = replay && current && current.play ? current.play : null;
  const batter = config.players[play ? play.batter : view.summary.batter];
  const pitcher = config.players[play ? play.pitcher : view.summary.pitcher];
  const sba = config.league.code === LEAGUE.SBA;
  const throws = (pitcher && pitcher.throws) || HAND.RIGHT;
  const batSide = batter ? battingSide(batter.bats, throws) : HAND.RIGHT;
  const read = current && current.read && current.read.line ? current.read : null;
  const mark = (id, kind) => (read && read.playerId === id && read.kind === kind ? read.line.key : null);
  const over = !play && (view.summary.phase === PHASE.GAME_OVER || view.summary.phase === null);
  batterEl.innerHTML = over ? "" : cardHtml(batter, "batting", throws, batter && mark(batter.id, "batting"), { sba, role: play ? "Batter" : "At bat" });
  pitcherEl.innerHTML = over ? "" : cardHtml(pitcher, "pitching", batSide, pitcher && mark(pitcher.id, "pitching"), { sba, role: "Pitching" });
  section.hidden = over;
  return current;
}

function halfTitle(play) {
  return `${play.half === HALF.TOP ? "Top" : "Bottom"} ${ordinal(play.inning)}`;
}

/** Play-by-play, newest first, in half-inning groups; the AI's reasons go with the play that followed them.
 *  `currentVersion` (replay) marks the event shown. */
/** The mark on a play whose entered result differs from the card (the server's `mismatch` note), with its dispute:
 *  its status, or a Dispute button for a manager of the other side only. */
function mismatchNote(play, config) {
  const mark = play.mismatch;
  const dispute = (config.disputes || {})[String(play.number)];
  if (!mark && !dispute) return "";
  const sides = config.sides || [];
  const text = mark ? mark.text : `entered ${dispute.entered}`;
  let state = "";
  if (dispute && dispute.status === DISPUTE.OPEN) {
    state = '<span class="dispute-state open">Disputed · waiting for the commissioner</span>';
  } else if (dispute && dispute.status === DISPUTE.CORRECTED) {
    state = `<span class="dispute-state corrected">Corrected to ${esc(dispute.corrected_to)}</span>`;
  } else if (dispute) {
    state = `<span class="dispute-state dismissed">Dispute dismissed: ${esc(dispute.resolution)}</span>`;
  } else if (mark && sides.length === 1 && sides[0] !== mark.side) {
    state = `<button type="button" class="secondary small dispute-button" data-dispute="${play.number}">Dispute</button>`;
  }
  return `<p class="mismatch" role="note"><span class="mismatch-flag" aria-hidden="true">⚠</span> <span class="mismatch-text">${esc(text)}</span> ${state}</p>`;
}

function checks(play) {
  if (!play.why || !play.why.length) return "";
  return `<ul class="play-why">${play.why.map((line) => `<li>${esc(line)}</li>`).join("")}</ul>`;
}

export function renderPlays(list, events, config, currentVersion = null) {
  const groups = [];
  let reasons = [];
  for (const event of events) {
    const action = event.action || {};
    if (action.source === "ai" && action.reason && action.kind !== "roll") {
      reasons.push({ side: action.side, kind: action.kind, reason: action.reason, tag: "AI" });
    } else if (action.source === "timeout" && action.reason) {
      reasons.push({ side: action.side, kind: action.kind, reason: action.reason, tag: "Clock" });
    }
    const entries = [];
    for (const play of event.plays) entries.push({ play, half: halfTitle(play) });
    for (const notice of event.notices) {
      if (notice.kind !== "dice") entries.push({ notice, half: null });
    }
    if (!entries.length) continue;
    for (const entry of entries) {
      const title = entry.half || (groups.length ? groups[groups.length - 1].title : "Pregame");
      if (!groups.length || groups[groups.length - 1].title !== title) groups.push({ title, items: [] });
      groups[groups.length - 1].items.push({ ...entry, version: event.version, reasons });
      reasons = [];
    }
  }
  const item = (entry) => {
    const marked = currentVersion !== null && entry.version === currentVersion ? " current" : "";
    const why = entry.reasons.length
      ? `<ul class="ai-reasons">${entry.reasons.map((r) => `<li class="${r.tag === "Clock" ? "timeout-reason" : "ai-reason"}"><span class="ai-tag">${r.tag} ${esc(sideName(config, r.side))} ${esc(r.kind)}</span> ${esc(r.reason)}</li>`).join("")}</ul>`
      : "";
    if (entry.notice) {
      return `<li class="notice${marked}" data-version="${entry.version}"><span class="play-desc">${esc(entry.notice.text)}</span>${why}</li>`;
    }
    const play = entry.play;
    const dice = (play.dice || []).map((roll) => `<span class="die small">${esc(formatRoll(roll))}</span>`).join("");
    const flagged = play.mismatch ? " mismatched" : "";
    return `<li class="play${marked}${flagged}" data-version="${entry.version}" data-number="${play.number}">
        <span class="play-desc">${esc(play.description)}</span>
        <span class="play-meta"><span class="play-score">${esc(sideName(config, "away"))} ${play.score.away}–${play.score.home} ${esc(sideName(config, "home"))}</span> ${dice}</span>${mismatchNote(play, config)}${checks(play)}${why}</li>`;
  };
  const html = groups
    .reverse()
    .map((group) => `<li class="half-heading" aria-hidden="true">${esc(group.title)}</li>${group.items.reverse().map(item).join("")}`)
    .join("");
  list.innerHTML = html || '<li class="muted">No plays yet.</li>';
  const current = list.querySelector(".current");
  if (current && list.scrollHeight > list.clientHeight) {
    const top = current.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + current.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = Math.max(0, top - list.clientHeight / 3);
    }
  }
}

export function renderPresence(list, message, config) {
  const items = [];
  for (const side of ["away", "home"]) {
    const team = config.teams[side];
    if (team.ai) {
      items.push(`<li class="here ai"><span class="dot" aria-hidden="true"></span>${esc(team.abbreviation)}: AI manager</li>`);
      continue;
    }
    const managers = (message ? message.users : []).filter((u) => u.role === side || u.role === "both");
    const here = managers.length > 0;
    items.push(
      `<li class="${here ? "here" : "away"}" data-side="${side}"><span class="dot" aria-hidden="true"></span>${esc(team.abbreviation)}: ${here ? esc(managers.map((u) => u.name).join(", ")) + " online" : "manager not connected"}</li>`,
    );
  }
  if (message) {
    const watchers = message.users.filter((u) => u.role === "spectator" || u.role === "commissioner").length + message.anonymous;
    items.push(`<li class="watchers">${watchers} watching</li>`);
  }
  list.innerHTML = items.join("");
}
