// The game's vocabularies as the server names them: the page config's `vocabulary` (games.selectors.page
// `page_vocabulary`: game statuses, the engine's phases, halves, positions, hands and infield depths, league
// codes, resolution modes, dispute statuses), `{NAME: value}` each. game.js fills them once with `useVocabulary`, before anything renders; the other
// modules compare against them instead of keeping their own copies.

export const STATUS = {};
export const PHASE = {};
export const HALF = {};
export const POSITION = {};
export const HAND = {};
export const INFIELD = {};
export const LEAGUE = {};
export const RESOLUTION = {};
export const DISPUTE = {};
const FINISHED = [];

export function useVocabulary(vocabulary) {
  Object.assign(STATUS, vocabulary.statuses);
  Object.assign(PHASE, vocabulary.phases);
  Object.assign(HALF, vocabulary.halves);
  Object.assign(POSITION, vocabulary.positions);
  Object.assign(HAND, vocabulary.hands);
  Object.assign(INFIELD, vocabulary.infield_depths);
  Object.assign(LEAGUE, vocabulary.league_codes);
  Object.assign(RESOLUTION, vocabulary.resolution_modes);
  Object.assign(DISPUTE, vocabulary.dispute_statuses);
  FINISHED.splice(0, FINISHED.length, ...vocabulary.finished_statuses);
}

/** Whether a game status is a finished one (the server's FINISHED_STATUSES). */
export function isFinishedStatus(status) {
  return FINISHED.includes(status);
}

/** The NAME of `value` in one of the vocabularies (e.g. nameOf(PHASE, "submit_outcome") is "SUBMIT_OUTCOME"). */
export function nameOf(vocabulary, value) {
  return Object.keys(vocabulary).find((name) => vocabulary[name] === value);
}
