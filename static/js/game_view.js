// The page's model of a game: the latest summary, pending decision and every event seen, by version.
// `state` and `event` messages are folded in here; the replay builds views of earlier moments from the same events.

import { HALF, PHASE, STATUS, isFinishedStatus } from "./game_vocab.js";

export function blankSummary() {
  return {
    inning: 1,
    half: HALF.TOP,
    outs: 0,
    bases: [null, null, null],
    score: { away: 0, home: 0 },
    hits: { away: 0, home: 0 },
    errors: { away: 0, home: 0 },
    runs_by_inning: { away: [], home: [] },
    batter: null,
    pitcher: null,
    phase: null,
    actor: null,
    winner: null,
  };
}

export function createView(status) {
  return { version: 0, summary: blankSummary(), status, pending: null, decisions: {}, events: new Map(), wp: null, bench: null };
}

export function isOver(view) {
  return view.summary.phase === PHASE.GAME_OVER || isFinishedStatus(view.status);
}

/** Folds a `state` message in (it is authoritative for its version). */
export function applyState(view, message) {
  if (message.version < view.version) return false;
  view.version = message.version;
  view.status = message.game.status;
  if (message.game.inning !== undefined) view.summary = message.game;
  view.pending = message.pending;
  view.decisions = message.decisions || {};
  view.wp = message.game.win_probability ?? view.wp;
  view.bench = message.game.bench ?? view.bench;
  return true;
}

/** Files an event in the history; when it is the next version it also moves the view on. */
export function applyEvent(view, event) {
  view.events.set(event.version, event);
  if (event.version <= view.version) return false;
  view.version = event.version;
  view.summary = event.game;
  view.pending = event.pending ?? null;
  view.decisions = {};
  view.wp = event.win_probability ?? view.wp;
  if (event.game.phase === PHASE.GAME_OVER) {
    const forfeit = event.action && event.action.kind === "forfeit";
    view.status = forfeit ? STATUS.FORFEITED : STATUS.COMPLETED;
  }
  return true;
}

/** Adds past events (from events.json) without moving the view. */
export function addHistory(view, events) {
  for (const event of events) {
    if (!view.events.has(event.version)) view.events.set(event.version, event);
  }
}

/** The highest version up to which every event is known. */
export function historyComplete(view) {
  let version = 0;
  while (view.events.has(version + 1)) version += 1;
  return version;
}

export function sortedEvents(view, upto = Infinity) {
  return [...view.events.values()].filter((e) => e.version <= upto).sort((a, b) => a.version - b.version);
}

/** The dice of the latest roll at or before `upto`: {version, dice, play, notice}. */
export function lastRoll(events) {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i];
    for (let j = event.plays.length - 1; j >= 0; j -= 1) {
      if (event.plays[j].dice && event.plays[j].dice.length) return { version: event.version, dice: event.plays[j].dice, play: event.plays[j] };
    }
    for (let j = event.notices.length - 1; j >= 0; j -= 1) {
      if (event.notices[j].dice && event.notices[j].dice.length) return { version: event.version, dice: event.notices[j].dice, notice: event.notices[j] };
    }
  }
  return null;
}

/** The view as it stood after event `index` of `events` (replay); index -1 is before the first. */
export function viewAt(events, index, status) {
  const view = createView(status);
  for (const event of events.slice(0, index + 1)) view.events.set(event.version, event);
  const event = events[index];
  if (event) {
    view.version = event.version;
    view.summary = event.game;
    view.wp = event.win_probability;
  }
  return view;
}

export function ordinal(n) {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : { 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th";
  return `${n}${suffix}`;
}
