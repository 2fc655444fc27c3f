// Who is in the game now and who is still available, per side: the page-load lineups (config.players) moved on
// by the events' substitutions and pitching changes (their bodies are public), the reserves from the latest
// `state` message's `bench` (else the config's reserve rows), minus anyone who has entered.

import { POSITION } from "./game_vocab.js";

const CHANGES = new Set(["substitute", "pitching_change", "swap_positions", "double_switch"]);

/** Whether an event changes who is in the game (the page asks for a fresh `state` after one). */
export function changesRoster(event) {
  return Boolean(event && event.action && CHANGES.has(event.action.kind));
}

function startingSide(config, side) {
  const players = Object.values(config.players).filter((p) => p.side === side && p.starter);
  const lineup = players
    .filter((p) => p.order)
    .sort((a, b) => a.order - b.order)
    .map((p) => ({ id: p.id, position: p.position }));
  const pitcher = players.find((p) => p.position === POSITION.P);
  return { lineup, pitcher: pitcher ? pitcher.id : null, entered: new Set(), removed: new Set() };
}

/** `{away, home}`: `lineup` (batting order: `{id, position}`), `pitcher`, `entered` and `removed` (Sets of ids)
 *  after the events up to the view's version. */
export function currentRoster(config, events, version) {
  const roster = { away: startingSide(config, "away"), home: startingSide(config, "home") };
  for (const event of events) {
    if (event.version > version || !changesRoster(event)) continue;
    const body = event.action.body;
    const team = roster[event.action.side];
    if (!body || !team) continue;
    const slotOf = (id) => team.lineup.find((s) => s.id === id);
    const applyMoves = (moves) => {
      for (const [id, position] of Object.entries(moves || {})) {
        const slot = slotOf(id);
        if (slot) slot.position = position;
      }
    };
    if (body.kind === "substitute") {
      const slot = slotOf(body.player_out);
      if (slot) {
        slot.id = body.player_in;
        if (body.position) slot.position = body.position;
      }
      if (team.pitcher === body.player_out) team.pitcher = body.player_in;
      team.entered.add(body.player_in);
      team.removed.add(body.player_out);
      applyMoves(body.moves);
    } else if (body.kind === "swap_positions") {
      applyMoves(body.moves);
    } else if (body.kind === "double_switch") {
      const pitcherSlot = team.lineup.find((s) => s.position === POSITION.P);
      const out = slotOf(body.player_out);
      if (pitcherSlot && out) {
        team.removed.add(pitcherSlot.id);
        team.removed.add(out.id);
        pitcherSlot.id = body.player_in;
        pitcherSlot.position = body.position || out.position;
        out.id = body.pitcher;
        out.position = POSITION.P;
      }
      if (team.pitcher) team.removed.add(team.pitcher);
      team.pitcher = body.pitcher;
      team.entered.add(body.pitcher);
      team.entered.add(body.player_in);
      applyMoves(body.moves);
    } else if (body.kind === "pitching_change" && body.to) {
      const out = team.lineup.find((s) => s.position === body.to);
      const mound = team.lineup.find((s) => s.position === POSITION.P);
      if (out) {
        team.removed.add(out.id);
        if (mound) {
          mound.position = body.to;
          out.id = body.pitcher;
          out.position = POSITION.P;
        } else {
          out.id = team.pitcher;
        }
      }
      team.pitcher = body.pitcher;
      team.entered.add(body.pitcher);
    } else if (body.kind === "pitching_change") {
      for (const slot of team.lineup) {
        if (slot.position !== POSITION.P) continue;
        team.removed.add(slot.id);
        slot.id = body.pitcher;
      }
      if (team.pitcher) team.removed.add(team.pitcher);
      team.pitcher = body.pitcher;
      team.entered.add(body.pitcher);
    }
  }
  return roster;
}

/** The side's reserves not yet used: `{id, name, position}` from the state's `bench` (or the config). */
export function availableReserves(config, bench, side, roster) {
  const listed = bench && bench[side]
    ? bench[side]
    : Object.values(config.players).filter((p) => p.side === side && !p.starter).map((p) => ({ id: p.id, name: p.name, position: p.position }));
  const team = roster[side];
  return listed.filter((p) => !team.entered.has(p.id) && !team.removed.has(p.id));
}
