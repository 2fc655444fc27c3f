// The decision panel: what the side to act may do now (pending.choices from the server), a countdown to
// pending.deadline with the default that applies when it runs out, and the between-plays moves
// (pitching change, substitution, forfeit). Every control is a real <button>/<select>.

import { readCard } from "./game_cards.js";
import { esc } from "./game_dom.js";
import { availableReserves, currentRoster } from "./game_roster.js";
import { isOver } from "./game_view.js";
import { HALF, INFIELD, PHASE, POSITION, RESOLUTION, nameOf } from "./game_vocab.js";

// By the server's names (game_vocab.js): phases and infield depths.
const PHASE_LABELS = {
  DEFENSE: "defensive decision",
  OFFENSE: "offensive decision",
  ROLL: "roll",
  SUBMIT_OUTCOME: "card result",
  SEND: "send runners?",
  THROW: "throw?",
};

const DEFAULTS = {
  DEFENSE: "normal depth, no holds, pitch to the batter",
  OFFENSE: "no steal, swing away",
  ROLL: "the dice are rolled for you",
  SUBMIT_OUTCOME: "the result printed under the dice is entered",
  SEND: "runners hold",
  THROW: "the defense throws at the lead runner",
};

const DEPTH_LABELS = { NORMAL: "Normal", CORNERS_IN: "Corners in", IN: "Infield in" };

const phaseLabel = (phase) => PHASE_LABELS[nameOf(PHASE, phase)];
const depthLabel = (depth) => DEPTH_LABELS[nameOf(INFIELD, depth)];
const BASE_NAMES = { R1: "runner on 1st", R2: "runner on 2nd", R3: "runner on 3rd" };

/** `body` with the optional defensive-move fields that are set (a position, a non-empty `moves`). */
function withMoves(body, extra) {
  const out = { ...body };
  for (const [key, value] of Object.entries(extra)) {
    if (value && (typeof value !== "object" || Object.keys(value).length)) out[key] = value;
  }
  return out;
}

/** A result as the cards print it (the server's `printed` table): `gb(ss)A` with its fielder, `gb A` without. */
export function printedLabel(printed, outcome, fielder) {
  const entry = printed[outcome];
  if (!entry) return outcome || "";
  return (fielder && entry.fielders[fielder]) || entry.label;
}

function stealLabel(call) {
  if (call.length === 2) return "Double steal";
  return call[0] === "R1" ? "Steal 2nd" : call[0] === "R2" ? "Steal 3rd" : `Steal (${call.join(", ")})`;
}

/** Seconds left until `deadline` (ISO string) or null. */
export function secondsLeft(deadline, now = Date.now()) {
  if (!deadline) return null;
  return Math.max(0, Math.round((Date.parse(deadline) - now) / 1000));
}

export function countdownText(pending, now = Date.now()) {
  if (!pending) return "";
  if (pending.ai) return "The AI is deciding…";
  const left = secondsLeft(pending.deadline, now);
  const fallback = DEFAULTS[nameOf(PHASE, pending.phase)] || "the default applies";
  if (left === null) return `No time limit. Default: ${fallback}.`;
  const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  return `${clock} left · then ${fallback}`;
}

export class DecisionPanel {
  constructor(el, { config, send }) {
    this.el = el;
    this.config = config;
    this.send = send;
    this.key = null;
    this.choice = {};
    this.busy = false;
    this.error = "";
    this.more = false;
    this.confirmForfeit = false;
    this.refocus = false;
    this.warning = null;
    // Sides whose routine decisions the server plays (pending.auto_sides is the truth once a later version arrives).
    this.auto = new Set(config.auto_sides || []);
    this.autoVersion = -1;
    el.addEventListener("click", (event) => this.onClick(event));
    el.addEventListener("change", (event) => this.onChange(event));
  }

  get mySides() {
    return this.config.sides;
  }

  setBusy(busy) {
    this.busy = busy;
    for (const button of this.el.querySelectorAll("button[data-act]")) button.disabled = busy;
  }

  showError(message) {
    this.error = message;
    this.busy = false;
    this.render(this.view);
  }

  reset(view) {
    const pending = view.pending || {};
    const key = `${view.version}:${view.summary.phase}`;
    if (key === this.key) return;
    this.key = key;
    this.error = "";
    if (this.warning && this.warning.version !== view.version) this.warning = null;
    if (Array.isArray(pending.auto_sides) && view.version > this.autoVersion) this.auto = new Set(pending.auto_sides);
    this.busy = false;
    this.confirmForfeit = false;
    const choices = pending.choices || {};
    this.choice = {
      infield: INFIELD.NORMAL,
      hold: new Set(),
      steal: null,
      bunt: false,
      hitAndRun: false,
      send: new Set(),
      outcome: "",
      fielder: "",
      pitcher: (choices.pitchers || [])[0] || "",
    };
    const fallback = pending.default;
    if (fallback && fallback.kind === "submit_outcome") {
      this.choice.outcome = fallback.outcome;
      this.choice.fielder = fallback.location || "";
    } else if (pending.dice) {
      const dice = [["column", pending.dice.column], ["row", pending.dice.row], ["split", pending.dice.split]];
      const read = readCard(this.config.players, dice, view.summary.batter, view.summary.pitcher);
      if (read && read.line) {
        this.choice.outcome = read.line.outcome;
        this.choice.fielder = read.line.fielder || "";
      }
    }
  }

  render(view) {
    this.view = view;
    const hadFocus = this.el.contains(document.activeElement) || this.refocus;
    const focused = hadFocus ? document.activeElement.dataset : {};
    const focusedAct = focused.act
      ? `[data-act="${focused.act}"]${focused.value ? `[data-value="${CSS.escape(focused.value)}"]` : ""}`
      : null;
    this.reset(view);
    const summary = view.summary;
    const pending = view.pending;
    if (isOver(view)) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    if (summary.phase === null) {
      this.el.innerHTML = this.pregame();
      return;
    }
    const actor = summary.actor;
    const mine = actor && this.mySides.includes(actor);
    const team = actor ? this.config.teams[actor] : null;
    let body = "";
    let title = "";
    if (mine && pending && !pending.ai) {
      title = `Your ${phaseLabel(summary.phase) || "turn"}`;
      const asked = this.auto.has(actor) && pending.asked ? `<p class="asked">Your call — the AI manager would: ${esc(pending.asked)}</p>` : "";
      body = asked + this.controls(summary, pending);
    } else if (actor) {
      title = `Waiting for ${esc(team.name)}`;
      body = `<p class="waiting">${esc(team.abbreviation)} ${team.ai ? "(AI)" : ""} — ${esc(phaseLabel(summary.phase) || summary.phase)}</p>`;
    }
    const countdown = pending ? `<p id="countdown" class="countdown${pending.ai ? " ai" : ""}" role="timer" aria-live="off">${esc(countdownText(pending))}</p>` : "";
    const error = this.error ? `<p class="panel-error" role="alert">${esc(this.error)}</p>` : "";
    const warning = this.warningHtml(view, mine);
    this.el.innerHTML = `<h2 class="panel-title">${title}</h2>${countdown}${warning}${error}${body}${this.autoToggles()}${this.extras(summary, pending)}`;
    this.setBusy(this.busy);
    if (hadFocus) {
      const again = focusedAct && this.el.querySelector(`${focusedAct}:not([disabled])`);
      const target = again || this.el.querySelector(".primary:not([disabled])");
      if (target) {
        target.focus();
        this.refocus = false;
      }
    }
  }

  /** One toggle per human side I manage: the server plays its routine decisions (the roll, and every decision
   *  where the AI manager would take the default) and asks me only when a decision matters. */
  autoToggles() {
    const sides = this.mySides.filter((side) => !this.config.teams[side].ai);
    if (!sides.length) return "";
    const label = (side) => (sides.length > 1 ? `Auto-play routine decisions (${this.config.teams[side].abbreviation})` : "Auto-play routine decisions");
    const toggles = sides.map((side) => this.toggle("auto_sides", side, this.auto.has(side), label(side), ' data-keep="1"')).join("");
    const orders = (this.config.urls && this.config.urls.orders) || {};
    const links = sides
      .filter((side) => orders[side])
      .map((side) => `<a class="orders-link" href="${esc(orders[side])}">Standing orders${sides.length > 1 ? ` (${esc(this.config.teams[side].abbreviation)})` : ""}</a>`)
      .join(" ");
    return `<div class="auto-row">${toggles}<span class="muted auto-hint">You are asked only when a decision matters.</span>${links}</div>`;
  }

  /** A server `warning`: the side to act is about to run out of time (shown while the game stays at its version). */
  warn(message) {
    if (!this.view || message.version !== this.view.version) return;
    this.warning = message;
    this.render(this.view);
  }

  warningHtml(view, mine) {
    const w = this.warning;
    if (!w || w.version !== view.version || !view.pending) return "";
    const fallback = DEFAULTS[view.pending.phase] || "the default applies";
    const who = mine ? "You have" : `${esc(this.config.teams[w.side].abbreviation)} has`;
    return `<p class="time-warning" role="alert">${who} ${w.seconds_left} s left — then ${esc(fallback)}.</p>`;
  }

  /** Before the start: who still has to set a lineup, with the lineup builder's link for a manager who does. */
  pregame() {
    const set = this.config.lineups_set || { away: true, home: true };
    const missing = ["away", "home"].filter((side) => !set[side]);
    if (!missing.length) return '<h2 class="panel-title">Waiting for the game to start</h2>';
    const names = missing.map((side) => esc(this.config.teams[side].name)).join(" and ");
    const mine = missing.filter((side) => this.mySides.includes(side));
    const links = mine
      .map((side) => `<a class="button primary-link" href="${esc(this.config.urls.lineup)}?team=${this.config.teams[side].id}">Set the ${esc(this.config.teams[side].abbreviation)} lineup</a>`)
      .join(" ");
    return `<h2 class="panel-title">Waiting for lineups</h2><p class="waiting">Still to set: ${names}.</p>${links ? `<div class="actions">${links}</div>` : ""}`;
  }

  tick() {
    const el = this.el.querySelector("#countdown");
    if (el && this.view) el.textContent = countdownText(this.view.pending);
  }

  toggle(act, value, pressed, label, extra = "") {
    return `<button type="button" class="toggle" data-act="${act}" data-value="${esc(value)}" aria-pressed="${pressed}"${extra}>${esc(label)}</button>`;
  }

  /** The engine's odds per runner the offense may send (`pending.choices.steal_odds`): the chance of a good
   * lead ("jump"), of the steal roll once he has one, and of the whole call; a held runner's jump when it differs. */
  stealOdds(rows) {
    const pct = (x) => `${Math.round(x * 100)}%`;
    const items = rows.map((o) => {
      const name = this.config.players[o.runner]?.name || o.runner;
      const held = o.held && o.held.jump !== o.jump ? ` (${pct(o.held.jump)} if held)` : "";
      return `<li data-runner="${esc(o.base)}"><strong>${esc(name)}</strong> (${esc(o.base)}): jump ${pct(o.jump)}${held}, safe ${pct(o.roll)} with a jump; steals ${pct(o.safe)}, out ${pct(o.out)}</li>`;
    });
    return items.length ? `<ul class="steal-odds">${items.join("")}</ul>` : "";
  }

  controls(summary, pending) {
    const c = pending.choices || {};
    const ch = this.choice;
    switch (summary.phase) {
      case PHASE.DEFENSE: {
        if (c.must_change) {
          return `<p class="must">${esc(c.must_change)}</p>${this.pitcherPicker(c.pitchers || [], true)}`;
        }
        const depths = (c.depths || [INFIELD.NORMAL]).map((d) => this.toggle("infield", d, ch.infield === d, depthLabel(d) || d)).join("");
        const holds = (c.holds || []).map((b) => this.toggle("hold", b, ch.hold.has(b), `Hold ${BASE_NAMES[b] || b}`)).join("");
        return `<fieldset class="choice-row"><legend>Infield</legend>${depths}</fieldset>
          ${holds ? `<fieldset class="choice-row"><legend>Hold runners</legend>${holds}</fieldset>` : ""}
          <div class="actions"><button type="button" class="primary" data-act="defense">Pitch</button>
          ${c.intentional_walk ? '<button type="button" class="secondary" data-act="ibb">Intentional walk</button>' : ""}</div>`;
      }
      case PHASE.OFFENSE: {
        const steals = (c.steals || []).map((call) => this.toggle("steal", call.join(","), ch.steal === call.join(","), stealLabel(call))).join("");
        const odds = this.stealOdds(c.steal_odds || []);
        const other = [
          c.bunt ? this.toggle("bunt", "1", ch.bunt, "Sacrifice bunt") : "",
          c.hit_and_run ? this.toggle("hitAndRun", "1", ch.hitAndRun, "Hit and run") : "",
        ].join("");
        const any = ch.steal || ch.bunt || ch.hitAndRun;
        return `${steals ? `<fieldset class="choice-row"><legend>Steal</legend>${steals}${odds}</fieldset>` : ""}
          ${other ? `<fieldset class="choice-row"><legend>Play</legend>${other}</fieldset>` : ""}
          <div class="actions"><button type="button" class="primary" data-act="offense">${any ? "Go" : "Swing away"}</button></div>`;
      }
      case PHASE.ROLL:
        return '<div class="actions"><button type="button" class="primary" data-act="roll">Roll the dice</button></div>';
      case PHASE.SUBMIT_OUTCOME: {
        const d = pending.dice || {};
        const whose = d.column <= 3 ? "batter's" : "pitcher's";
        const printed = this.config.printed || {};
        const outcomes = this.config.outcomes.map((o) => `<option value="${o}"${o === ch.outcome ? " selected" : ""}>${esc(printedLabel(printed, o, null))} · ${esc(printed[o]?.gloss || "")}</option>`).join("");
        const allowed = Object.keys(printed[ch.outcome]?.fielders || {});
        const fielders = allowed.length
          ? allowed.map((f) => `<option value="${f}"${f === ch.fielder ? " selected" : ""}>${f}</option>`).join("")
          : '<option value="">(none printed)</option>';
        const fallback = pending.default && pending.default.kind === "submit_outcome" ? pending.default : null;
        const reads = fallback ? ` The card under the dice reads <strong class="printed">${esc(printedLabel(printed, fallback.outcome, fallback.location))}</strong>.` : "";
        const fielder = allowed.includes(ch.fielder) ? ch.fielder : allowed[0] || null;
        return `<p>Read the ${whose} card: column ${d.column}, row ${(d.row || []).join("+")}, split ${d.split}.${reads}</p>
          <div class="picker"><label>Result <select data-field="outcome">${outcomes}</select></label>
          <label>Fielder <select data-field="fielder"${allowed.length ? "" : " disabled"}>${fielders}</select></label></div>
          <p class="entering">You enter <strong class="printed" data-printed>${esc(printedLabel(printed, ch.outcome, fielder))}</strong></p>
          <div class="actions"><button type="button" class="primary" data-act="submit">Submit result</button></div>`;
      }
      case PHASE.SEND: {
        const candidates = pending.candidates || c.send || [];
        const toggles = candidates.map((b) => this.toggle("send", b, ch.send.has(b), `Send ${BASE_NAMES[b] || b}`)).join("");
        return `<fieldset class="choice-row"><legend>Extra base</legend>${toggles}</fieldset>
          <div class="actions"><button type="button" class="primary" data-act="decide-send">${ch.send.size ? "Send" : "Hold runners"}</button></div>`;
      }
      case PHASE.THROW: {
        const targets = pending.sent || c.throw_at || [];
        const buttons = targets
          .map((b, i) => `<button type="button" class="${i === 0 ? "primary" : "secondary"}" data-act="throw" data-value="${b}">Throw at ${esc(BASE_NAMES[b] || b)}</button>`)
          .join("");
        return `<div class="actions">${buttons}<button type="button" class="secondary" data-act="no-throw">Let him go</button></div>`;
      }
      default:
        return "";
    }
  }

  pitcherPicker(pitchers, primary) {
    if (!pitchers.length) return '<p class="muted">No pitchers left in the bullpen.</p>';
    const options = pitchers.map((id) => `<option value="${id}"${id === this.choice.pitcher ? " selected" : ""}>${esc(this.config.players[id]?.name || id)}</option>`).join("");
    const to = ['<option value="">(leaves the game)</option>', ...this.fieldPositions().map((pos) => `<option value="${pos}">${pos}</option>`)].join("");
    return `<div class="picker"><label>New pitcher <select data-field="pitcher">${options}</select></label>
      <label>Old pitcher to <select data-field="pitcher_to">${to}</select></label>
      <button type="button" class="${primary ? "primary" : "secondary"}" data-act="pitching-change">Bring him in</button></div>`;
  }

  /** The eight fielding positions (RULES §12). */
  fieldPositions() {
    return (this.config.fielders || []).filter((pos) => pos !== POSITION.P && pos !== POSITION.DH);
  }

  /** The team in the field's alignment with a position picker per fielder (its defensive moves, RULES §12). */
  alignment(side, pending) {
    const c = (pending && pending.choices) || {};
    const summary = this.view && this.view.summary;
    if (!c.alignment || !c.alignment.length || !summary || summary.phase !== "defense" || summary.actor !== side) return "";
    const positions = this.fieldPositions();
    const rows = c.alignment
      .filter((slot) => slot.position !== POSITION.P && slot.position !== POSITION.DH)
      .map((slot) => {
        const options = positions.map((pos) => `<option value="${pos}"${pos === slot.position ? " selected" : ""}>${pos}</option>`).join("");
        const name = this.config.players[slot.player]?.name || slot.player;
        return `<label>${esc(name)} <select data-move="${esc(slot.player)}" data-current="${esc(slot.position)}">${options}</select></label>`;
      })
      .join("");
    const double = c.double_switch
      ? '<button type="button" class="secondary" data-act="double-switch">Double switch (new pitcher bats in the replaced fielder\'s slot)</button>'
      : "";
    return `<fieldset class="picker alignment"><legend>Positions</legend>${rows}
      <button type="button" class="secondary" data-act="swap-positions">Move fielders</button>${double}</fieldset>`;
  }

  /** The fielders moved in the position pickers: `{player: position}`. */
  moves() {
    const moved = {};
    for (const select of this.el.querySelectorAll("select[data-move]")) {
      if (select.value !== select.dataset.current) moved[select.dataset.move] = select.value;
    }
    return moved;
  }

  /** Who is in the game now and who may still come in, following the events' changes. */
  roster() {
    const view = this.view;
    const events = view ? [...view.events.values()].sort((a, b) => a.version - b.version) : [];
    return currentRoster(this.config, events, view ? view.version : 0);
  }

  reserves(side, roster) {
    const auto = this.config.league && this.config.league.resolution === RESOLUTION.AUTO;
    return availableReserves(this.config, this.view && this.view.bench, side, roster).filter((p) => {
      const card = this.config.players[p.id];
      if (p.position === POSITION.P) return !auto || !card || card.pitching;
      return !auto || !card || card.batting;
    });
  }

  myBench(side, roster) {
    return this.reserves(side, roster).filter((p) => p.position !== POSITION.P);
  }

  myBullpen(side, roster) {
    return this.reserves(side, roster).filter((p) => p.position === POSITION.P).map((p) => p.id);
  }

  myLineup(side, roster) {
    const team = roster[side];
    const fielding = this.view && this.view.summary.half === (side === "home" ? HALF.TOP : HALF.BOTTOM);
    return team.lineup
      .filter((slot) => !(fielding && slot.id === team.pitcher))
      .map((slot) => ({ id: slot.id, name: this.config.players[slot.id]?.name || slot.id, position: slot.position }));
  }

  extras(summary, pending) {
    if (!this.mySides.length) return "";
    const side = this.mySides.length === 1 ? this.mySides[0] : summary.actor || this.mySides[0];
    const roster = this.roster();
    const bullpen = pending && pending.choices && summary.actor === side && summary.phase === PHASE.DEFENSE ? pending.choices.pitchers || [] : this.myBullpen(side, roster);
    const bench = this.myBench(side, roster);
    const option = (p, chosen) => `<option value="${esc(p.id)}"${p.id === chosen ? " selected" : ""}>${esc(p.name)} (${esc(p.position)})</option>`;
    const out = this.myLineup(side, roster).map((p) => option(p, this.choice.player_out)).join("");
    const inn = bench.map((p) => option(p, this.choice.player_in)).join("");
    const subs = bench.length
      ? `<div class="picker"><label>Take out <select data-field="player_out">${out}</select></label>
         <label>Put in <select data-field="player_in">${inn}</select></label>
         <label>At <select data-field="sub_position"><option value="">(his position)</option>${this.fieldPositions().map((pos) => `<option value="${pos}">${pos}</option>`).join("")}</select></label>
         <button type="button" class="secondary" data-act="substitute">Substitute</button></div>`
      : "";
    const forfeit = this.confirmForfeit
      ? '<p class="must">Forfeit the game? This cannot be undone.</p><button type="button" class="danger" data-act="forfeit-yes">Yes, forfeit</button> <button type="button" class="secondary" data-act="forfeit-no">Keep playing</button>'
      : '<button type="button" class="danger-outline" data-act="forfeit">Forfeit…</button>';
    return `<details class="more"${this.more ? " open" : ""}><summary>Changes &amp; forfeit (${esc(this.config.teams[side].abbreviation)})</summary>
      ${this.pitcherPicker(bullpen, false)}${subs}${this.alignment(side, pending)}<div class="forfeit">${forfeit}</div></details>`;
  }

  onChange(event) {
    const field = event.target.dataset.field;
    if (!field) return;
    if (field === "outcome") {
      // The fielders offered are those the card may print with this result.
      this.choice.outcome = event.target.value;
      return this.render(this.view);
    }
    if (field === "fielder") {
      this.choice.fielder = event.target.value;
      return this.render(this.view);
    }
    if (field === "pitcher") this.choice.pitcher = event.target.value;
    if (field === "player_out") this.choice.player_out = event.target.value;
    if (field === "player_in") this.choice.player_in = event.target.value;
  }

  onClick(event) {
    const summaryEl = event.target.closest("summary");
    if (summaryEl) {
      this.more = !summaryEl.parentElement.open;
      return;
    }
    const button = event.target.closest("button[data-act]");
    if (!button || button.disabled) return;
    const act = button.dataset.act;
    const value = button.dataset.value;
    const ch = this.choice;
    const side = this.mySides.length === 1 ? this.mySides[0] : this.view.summary.actor || this.mySides[0];
    const select = (name) => this.el.querySelector(`select[data-field="${name}"]`)?.value;
    switch (act) {
      case "infield":
        ch.infield = value;
        return this.render(this.view);
      case "hold":
        ch.hold.has(value) ? ch.hold.delete(value) : ch.hold.add(value);
        return this.render(this.view);
      case "steal":
        ch.steal = ch.steal === value ? null : value;
        if (ch.steal) ch.bunt = ch.hitAndRun = false;
        return this.render(this.view);
      case "bunt":
        ch.bunt = !ch.bunt;
        if (ch.bunt) ch.steal = null, (ch.hitAndRun = false);
        return this.render(this.view);
      case "hitAndRun":
        ch.hitAndRun = !ch.hitAndRun;
        if (ch.hitAndRun) ch.steal = null, (ch.bunt = false);
        return this.render(this.view);
      case "send":
        ch.send.has(value) ? ch.send.delete(value) : ch.send.add(value);
        return this.render(this.view);
      case "forfeit":
        this.confirmForfeit = true;
        this.more = true;
        return this.render(this.view);
      case "forfeit-no":
        this.confirmForfeit = false;
        return this.render(this.view);
      case "auto_sides": {
        const on = !this.auto.has(value);
        if (!this.send({ kind: "auto_sides", side: value, on })) return;
        on ? this.auto.add(value) : this.auto.delete(value);
        this.autoVersion = this.view.version;
        return this.render(this.view);
      }
      default:
        break;
    }
    const bodies = {
      defense: () => ({ kind: "defense", infield: ch.infield, hold: [...ch.hold], intentional_walk: false }),
      ibb: () => ({ kind: "defense", infield: ch.infield, hold: [], intentional_walk: true }),
      offense: () => ({ kind: "offense", steal: ch.steal ? ch.steal.split(",") : [], bunt: ch.bunt, hit_and_run: ch.hitAndRun }),
      roll: () => ({ kind: "roll" }),
      submit: () => ({ kind: "submit_outcome", outcome: select("outcome") || ch.outcome, location: this.el.querySelector('[data-field="fielder"]:not([disabled])') ? select("fielder") || null : null }),
      "decide-send": () => ({ kind: "decide", send: [...ch.send] }),
      throw: () => ({ kind: "decide", throw: true, at: value }),
      "no-throw": () => ({ kind: "decide", throw: false }),
      "pitching-change": () => withMoves({ kind: "pitching_change", side, pitcher: select("pitcher") }, { to: select("pitcher_to") }),
      substitute: () => withMoves({ kind: "substitute", side, player_out: select("player_out"), player_in: select("player_in") }, { position: select("sub_position"), moves: this.moves() }),
      "swap-positions": () => ({ kind: "swap_positions", side, moves: this.moves() }),
      "double-switch": () => withMoves({ kind: "double_switch", side, pitcher: select("pitcher"), player_out: select("player_out"), player_in: select("player_in") }, { moves: this.moves() }),
      "forfeit-yes": () => ({ kind: "forfeit", side }),
    };
    const build = bodies[act];
    if (!build) return;
    this.error = "";
    // A keyboard player keeps the focus in the panel across the re-render the answer brings.
    this.refocus = this.el.contains(document.activeElement);
    const sent = this.send(build());
    if (sent) this.setBusy(true);
  }
}
