// Who is in the game now and who is still available, per side: the page-load lineups (config.players) moved on
// by the events' substitutions and pitching changes (their bodies are public), the reserves from the latest
// `state` message's `bench` (else the config's reserve rows), minus anyone who has entered.

import { POSITION } from "./game_vocab.js";

const CHANGES = new Set(["substitute", "pitching_change"]);

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
    if (body.kind === "substitute") {
      const slot = team.lineup.find((s) => s.id === body.player_out);
      if (slot) slot.id = body.player_in;
      if (team.pitcher === body.player_out) team.pitcher = body.player_in;
      team.entered.add(body.player_in);
      team.removed.add(body.player_out);
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
