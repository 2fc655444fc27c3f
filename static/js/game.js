// The game page: one WebSocket (game_socket.js) feeding a view (game_view.js) rendered by game_render.js,
// the decision panel (game_decision.js), the chat (game_chat.js), the win-probability chart (wpchart.js) and the box score (game_box.js).
// A finished game loads its events from events.json and replays them through the same renderer.

import { renderBox } from "./game_box.js";
import { ChatPanel } from "./game_chat.js";
import { DecisionPanel } from "./game_decision.js";
import { $ } from "./game_dom.js";
import { renderDice, renderDiamond, renderLinescore, renderMatchup, renderPlays, renderPresence, renderSituation } from "./game_render.js";
import { GameSocket, uuid4 } from "./game_socket.js";
import { addHistory, applyEvent, applyState, createView, historyComplete, isOver, sortedEvents, viewAt } from "./game_view.js";
import { STATUS, isFinishedStatus, useVocabulary } from "./game_vocab.js";
import { renderWpChart } from "./wpchart.js";

const config = JSON.parse($("#game-config").textContent);
useVocabulary(config.vocabulary);
let box = JSON.parse($("#game-box").textContent);
const view = createView(config.status);
const els = {
  page: $("#game"),
  status: $("#status-text"),
  connection: $("#connection"),
  presence: $("#presence"),
  linescore: $("#linescore"),
  diamond: $("#diamond"),
  situation: $("#situation"),
  dice: $("#dice"),
  matchup: $("#matchup"),
  plays: $("#plays"),
  wp: $("#wpchart"),
  box: $("#box-body"),
  log: $("#log-link"),
  rematch: $("#rematch"),
  replay: $("#replay"),
  replayStep: $("#replay-step"),
};
let socket = null;
let replayIndex = null; // null: live / final position; else index into the replay's events
let replayTimer = null;
let boxHalf = null;
let syncing = false;

function setConnection(text, kind) {
  els.connection.textContent = text;
  els.connection.dataset.kind = kind;
}

const panel = new DecisionPanel($("#decision"), {
  config,
  send(body) {
    if (!socket || !socket.send({ type: "action", action_id: uuid4(), expected_version: view.version, action: body })) {
      panel.showError("Not connected — your move was not sent. Reconnecting…");
      return false;
    }
    return true;
  },
});

const chat = new ChatPanel($("#chat"), {
  config,
  send(text) {
    return Boolean(socket && socket.send({ type: "chat", text }));
  },
});

function replayEvents() {
  return sortedEvents(view).filter((e) => e.plays.length || e.notices.some((n) => n.kind !== "dice"));
}

function render() {
  let shown = view;
  let events = sortedEvents(view);
  let marker = null;
  if (replayIndex !== null) {
    const steps = replayEvents();
    shown = viewAt(events, events.indexOf(steps[replayIndex]), view.status);
    events = sortedEvents(shown);
    marker = shown.version;
    els.replayStep.textContent = `Play ${replayIndex + 1} of ${steps.length}`;
  }
  renderLinescore(els.linescore, shown.summary, config);
  renderDiamond(els.diamond, shown.summary, config);
  renderSituation(els.situation, shown, config);
  const current = renderMatchup(els.matchup, shown, events, config, replayIndex !== null);
  renderDice(els.dice, current, config);
  renderPlays(els.plays, events, config, marker);
  renderWpChart(els.wp, events, { away: config.teams.away.abbreviation, home: config.teams.home.abbreviation, marker });
  if (replayIndex === null) panel.render(view);
  const over = isOver(view);
  if (over && ["live", "synced"].includes(els.connection.dataset.kind)) setConnection("Final", "final");
  els.page.dataset.status = over ? view.status : STATUS.ACTIVE;
  els.page.dataset.version = String(view.version);
  const ending = { [STATUS.FORFEITED]: "Forfeited", [STATUS.ABANDONED]: "Abandoned" }[view.status] || "Final";
  els.status.textContent = over ? ending : view.summary.phase ? "Live" : "Not started";
  els.log.hidden = !over;
  if (els.rematch) els.rematch.hidden = !over;
  els.replay.hidden = !over || replayEvents().length === 0;
}

async function fetchJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

let boxRequest = 0;

async function refreshBox() {
  const request = ++boxRequest;
  try {
    const fresh = await fetchJson(config.urls.box);
    if (request !== boxRequest) return; // a later refresh is on its way
    box = fresh;
    renderBox(els.box, box, config);
  } catch {
    /* the next half-inning refreshes it again */
  }
}

/** Loads the events between what the view holds and `upto` (history after a snapshot). */
async function fillHistory(upto) {
  const after = historyComplete(view);
  if (after >= upto) return;
  const data = await fetchJson(`${config.urls.events}?after=${after}&upto=${upto}`);
  addHistory(view, data.events);
  render();
}

/** After a correction: every event again from events.json, then a fresh `state`. */
async function reloadHistory() {
  const data = await fetchJson(config.urls.events);
  view.events.clear();
  addHistory(view, data.events);
  socket.send({ type: "hello", last_version: null });
  maybeRefreshBox(true);
  render();
}

let boxTimer = null;

/** Refreshes the box score shortly after plays land (one fetch for a burst of events) and at a new half-inning or
 *  the end of the game. */
function maybeRefreshBox(hadPlays = false) {
  const key = `${view.summary.inning}:${view.summary.half}:${isOver(view)}`;
  const changed = boxHalf !== null && key !== boxHalf;
  boxHalf = key;
  if (!hadPlays && !changed) return;
  clearTimeout(boxTimer);
  boxTimer = setTimeout(refreshBox, 300);
}

function onMessage(message) {
  switch (message.type) {
    case "state":
      if (config.status === STATUS.PENDING && message.game.status !== STATUS.PENDING) {
        // The game started after this page was built: reload for its lineups and cards.
        window.location.reload();
        return;
      }
      applyState(view, message);
      if (syncing) {
        syncing = false;
        setConnection("Back in sync", "synced");
      } else if (els.connection.dataset.kind !== "synced") {
        setConnection("Live", "live");
      }
      fillHistory(message.version).catch(() => {});
      maybeRefreshBox();
      render();
      if (message.game.status === STATUS.PENDING) {
        // A start without AI moves makes no event: ask again until the game is on.
        setTimeout(() => socket.send({ type: "hello", last_version: null }), 5000);
      }
      break;
    case "event":
      if (message.version > view.version + 1 && view.version > 0) {
        socket.send({ type: "hello", last_version: view.version });
        return;
      }
      applyEvent(view, message);
      maybeRefreshBox(message.plays.length > 0);
      render();
      break;
    case "error":
      if (!message.action_id && chat.expectsReply() && ["rate_limited", "forbidden", "too_large", "bad_message"].includes(message.code)) {
        chat.showError(message.message || message.code);
        break;
      }
      if (message.code === "version_conflict") socket.send({ type: "hello", last_version: view.version });
      panel.showError(message.message || message.code);
      break;
    case "warning":
      panel.warn(message);
      break;
    case "dispute":
      config.disputes = { ...(config.disputes || {}), [String(message.dispute.play)]: message.dispute };
      render();
      break;
    case "correction":
      // A commissioner rewrote the versions from `from_version` on: reload them and take a fresh snapshot.
      reloadHistory().catch(() => {});
      break;
    case "chat":
      chat.add(message);
      break;
    case "presence":
      renderPresence(els.presence, message, config);
      break;
    default:
      break;
  }
}

function connect() {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  socket = new GameSocket(`${scheme}://${window.location.host}${config.ws_path}`, {
    open(reconnected) {
      if (reconnected) {
        // Missed events first (the socket replays them in order), then a fresh snapshot that confirms the sync.
        syncing = true;
        setConnection("Catching up…", "syncing");
        socket.send({ type: "hello", last_version: view.version });
      } else {
        setConnection("Live", "live");
      }
      socket.send({ type: "hello", last_version: null });
    },
    message: onMessage,
    closed(attempt, delay) {
      setConnection(`Reconnecting… (try ${attempt}, in ${Math.ceil(delay / 1000)} s)`, "reconnecting");
      panel.setBusy(false);
    },
    fatal(code) {
      setConnection(code === 4404 ? "This game does not exist." : "You cannot watch this private game.", "fatal");
    },
  });
  socket.connect();
  window.gamePage = { socket, view };
}

function stepReplay(to) {
  const steps = replayEvents();
  if (!steps.length) return;
  replayIndex = Math.max(0, Math.min(steps.length - 1, to));
  render();
}

function toggleReplay() {
  const button = els.replay.querySelector('[data-replay="play"]');
  if (replayTimer) {
    clearInterval(replayTimer);
    replayTimer = null;
    button.textContent = "▶ Play";
    button.setAttribute("aria-label", "Play the replay");
    return;
  }
  const steps = replayEvents();
  if (replayIndex === null || replayIndex >= steps.length - 1) stepReplay(0);
  button.textContent = "⏸ Pause";
  button.setAttribute("aria-label", "Pause the replay");
  replayTimer = setInterval(() => {
    if (replayIndex >= replayEvents().length - 1) return toggleReplay();
    stepReplay(replayIndex + 1);
  }, 900);
}

function setupDisputes() {
  els.plays.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-dispute]");
    if (!button) return;
    if (!socket || !socket.send({ type: "dispute", play: Number(button.dataset.dispute) })) {
      panel.showError("Not connected — the dispute was not sent.");
      return;
    }
    button.disabled = true;
    button.textContent = "Disputing…";
  });
}

function setupReplay() {
  els.replay.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-replay]");
    if (!button) return;
    const last = replayEvents().length - 1;
    const at = replayIndex ?? last;
    ({
      first: () => stepReplay(0),
      prev: () => stepReplay(at - 1),
      next: () => stepReplay(replayIndex === null ? 0 : at + 1),
      last: () => stepReplay(last),
      play: toggleReplay,
    })[button.dataset.replay]();
  });
  document.addEventListener("keydown", (event) => {
    if (els.replay.hidden || event.target.closest("input, select, textarea")) return;
    const last = replayEvents().length - 1;
    const at = replayIndex ?? last;
    const moves = { ArrowLeft: at - 1, ArrowRight: replayIndex === null ? 0 : at + 1, Home: 0, End: last };
    if (event.key in moves) {
      event.preventDefault();
      stepReplay(moves[event.key]);
    }
  });
}

async function start() {
  renderBox(els.box, box, config);
  renderPresence(els.presence, null, config);
  setupReplay();
  setupDisputes();
  render();
  setInterval(() => panel.tick(), 1000);
  if (isFinishedStatus(config.status)) {
    setConnection("Final", "final");
    chat.root.hidden = true; // no socket for a finished game
    els.presence.hidden = true; // nobody is "connected" to a finished game, yourself included
    const data = await fetchJson(config.urls.events);
    addHistory(view, data.events);
    const events = sortedEvents(view);
    const lastEvent = events[events.length - 1];
    if (lastEvent) {
      view.version = lastEvent.version;
      view.summary = lastEvent.game;
      view.wp = lastEvent.win_probability;
    }
    render();
    return;
  }
  connect();
}

start();
