// Card faces (players/card_face.py data): which line the dice read, and the card as HTML.

import { esc } from "./game_dom.js";
import { HAND } from "./game_vocab.js";

const GROUP_TITLES = {
  homerun: "Home runs",
  triple: "Triples",
  double: "Doubles",
  single: "Singles",
  on_base: "On base",
  strikeout: "Strikeouts",
  air_out: "Outs in the air",
  groundout: "Groundballs",
  xcheck: "X-checks",
};

/** A switch hitter bats from the side opposite the pitcher's throwing hand. */
export function battingSide(bats, pitcherThrows) {
  if (bats === HAND.SWITCH) return pitcherThrows === HAND.LEFT ? HAND.RIGHT : HAND.LEFT;
  return bats || HAND.RIGHT;
}

/** The sub-chance the dice read on `face`, laid out as the server's face data says (`face.dice`, the engine's
 *  dice index: players/card_face.py DICE_LAYOUT); null when the face carries no layout. */
export function faceIndex(face, column, row, split) {
  const layout = face && face.dice;
  if (!layout) return null;
  return (
    ((column - 1) % layout.columns) * layout.column +
    (row[0] - 1) * layout.die1 +
    (row[1] - 1) * layout.die2 +
    (split - 1) * layout.split
  );
}

export function lineForOutcome(column, outcome, fielder) {
  const same = column.lines.filter((line) => line.outcome === outcome);
  const exact = same.filter((line) => fielder && line.fielder === fielder);
  return exact[0] || same[0] || null;
}

function rollValue(dice, name) {
  const found = dice.find(([key]) => key === name);
  return found ? found[1] : undefined;
}

/** Which card and line a roll read: {playerId, kind: "batting"|"pitching", vs, line, index} or null.
 *  `outcome`/`fielder` (the play's) pick the line when the dice point elsewhere (manual result, fatigue). */
export function readCard(players, dice, batterId, pitcherId, outcome, fielder) {
  const column = rollValue(dice, "column");
  const row = rollValue(dice, "row");
  const split = rollValue(dice, "split");
  if (column === undefined || !Array.isArray(row) || split === undefined) return null;
  const batter = players[batterId];
  const pitcher = players[pitcherId];
  if (!batter || !pitcher) return null;
  const throws = pitcher.throws || HAND.RIGHT;
  const readsBatter = column <= 3;
  const player = readsBatter ? batter : pitcher;
  const kind = readsBatter ? "batting" : "pitching";
  const vs = readsBatter ? throws : battingSide(batter.bats, throws);
  const face = player[kind];
  const index = faceIndex(face, column, row, split);
  if (!face || index === null) return { playerId: player.id, kind, vs, line: null, index, column, row, split };
  const side = face.columns.find((c) => c.vs === vs) || face.columns[0];
  let line = side.lines.find((l) => l.start <= index && index < l.end) || null;
  if (outcome && (!line || line.outcome !== outcome)) line = lineForOutcome(side, outcome, fielder) || line;
  return { playerId: player.id, kind, vs, line, index, column, row, split };
}

function surname(name) {
  return name;
}

/** The card of `player` (`kind` batting/pitching) read against `vs`, with `highlight` (a line key) marked. */
export function cardHtml(player, kind, vs, highlight, { sba = false, role = "" } = {}) {
  if (!player) return `<p class="muted">${esc(role)}: —</p>`;
  const face = player[kind];
  const hand = kind === "batting" ? `bats ${player.bats || "?"}` : `throws ${player.throws || "?"}`;
  const vsLabel = kind === "batting" ? `vs ${vs}HP` : `vs ${vs}HB`;
  const head = `<header class="card-head"><span class="card-role">${esc(role)}</span>
    <h3 class="card-name">${esc(surname(player.name))}</h3>
    <span class="card-meta">${esc(player.position)} · ${esc(hand)} · ${esc(vsLabel)}</span></header>`;
  if (sba && player.image) {
    return `${head}<img class="card-image" src="${esc(player.image)}" alt="${esc(player.name)}'s ${kind} card" loading="lazy">`;
  }
  if (!face) return `${head}<p class="muted">No ${kind} card.</p>`;
  const column = face.columns.find((c) => c.vs === vs) || face.columns[0];
  const groups = [];
  for (const line of column.lines) {
    let group = groups[groups.length - 1];
    if (!group || group.key !== line.group) {
      group = { key: line.group, lines: [] };
      groups.push(group);
    }
    group.lines.push(line);
  }
  const body = groups
    .map((group) => {
      const total = group.lines.reduce((sum, line) => sum + line.chances, 0);
      const items = group.lines
        .map((line) => {
          const read = line.key === highlight;
          const width = Math.min(100, (line.chances / 30) * 100).toFixed(1);
          return `<li class="card-line${read ? " read" : ""}" data-key="${esc(line.key)}" data-outcome="${esc(line.outcome)}"${read ? ' aria-current="true"' : ""}>
            <span class="line-label" title="${esc(line.label)}">${esc(line.label)}</span>
            <span class="line-bar" style="--w:${width}%"></span>
            <span class="line-chances">${formatChances(line.chances)}</span></li>`;
        })
        .join("");
      return `<li class="card-group group-${esc(group.key)}"><div class="group-title"><span>${esc(GROUP_TITLES[group.key] || group.key)}</span><span>${formatChances(total)}</span></div><ul>${items}</ul></li>`;
    })
    .join("");
  return `${head}<ul class="card-groups" aria-label="${esc(player.name)}'s ${kind} card ${esc(vsLabel)}, chances out of 108">${body}</ul>
    <p class="card-total muted">${formatChances(column.total)} of 108 chances</p>`;
}

export function formatChances(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, "");
}
