// The league scoreboard: one socket to /ws/leagues/<code>/scoreboard/ (GameSocket: reconnects by itself). On open
// it says hello and gets every live game ("scoreboard"); then each game's new row ("scoreboard_game") replaces its
// card. Rows are the server's (games.events.scoreboard_line); the markup is templates/leagues/_scoreboard_game.html.
import { GameSocket } from "./game_socket.js";

const list = document.querySelector("ul.league-scoreboard");
const empty = document.querySelector(".scoreboard-empty");
const status = document.querySelector(".scoreboard-status");
const BASES = ["1st", "2nd", "3rd"];
const PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

function text(tag, className, value) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = value;
  return node;
}

function teamLine(side, abbr, score) {
  const line = text("span", `sb-${side}`, `${abbr} `);
  line.append(text("strong", `sb-${side}-score`, String(score)));
  return line;
}

function basesSvg(bases) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "sb-bases");
  svg.setAttribute("viewBox", "0 0 40 28");
  svg.setAttribute("role", "img");
  const on = BASES.filter((_, index) => bases[index]);
  svg.setAttribute("aria-label", `Runners: ${on.length ? on.join(" ") : "none"}`);
  for (const [base, x, y] of [[2, 15, 2], [3, 3, 14], [1, 27, 14]]) {
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("class", bases[base - 1] ? "sb-base on" : "sb-base");
    rect.setAttribute("data-base", String(base));
    for (const [name, value] of [["x", x], ["y", y], ["width", 10], ["height", 10]]) rect.setAttribute(name, String(value));
    rect.setAttribute("transform", `rotate(45 ${x + 5} ${y + 5})`);
    svg.append(rect);
  }
  return svg;
}

function card(row) {
  const item = document.createElement("li");
  item.className = "card scoreboard-game";
  item.dataset.game = row.game;
  const link = document.createElement("a");
  link.className = "scoreboard-link";
  link.href = list.dataset.gameUrl.replace(PLACEHOLDER, row.game);
  const teams = document.createElement("span");
  teams.className = "scoreboard-teams";
  teams.append(teamLine("away", row.away, row.score.away), teamLine("home", row.home, row.score.home));
  const state = document.createElement("span");
  state.className = "scoreboard-state";
  state.append(text("span", "sb-inning", row.state), text("span", "sb-outs", `${row.outs} out${row.outs === 1 ? "" : "s"}`));
  state.append(basesSvg(row.bases));
  link.append(teams, state);
  item.append(link);
  return item;
}

function show(row) {
  const node = card(row);
  const old = list.querySelector(`[data-game="${CSS.escape(row.game)}"]`);
  if (old) old.replaceWith(node);
  else list.append(node);
  empty.hidden = true;
}

function showAll(rows) {
  list.replaceChildren(...rows.map(card));
  empty.hidden = rows.length > 0;
}

const scheme = window.location.protocol === "https:" ? "wss" : "ws";
const socket = new GameSocket(`${scheme}://${window.location.host}/ws/leagues/${list.dataset.league}/scoreboard/`, {
  open() {
    status.textContent = status.dataset.live;
    socket.send({ type: "hello" });
  },
  message(message) {
    if (message.type === "scoreboard") showAll(message.games);
    else if (message.type === "scoreboard_game") show(message.game);
  },
  closed() {
    status.textContent = status.dataset.offline;
  },
  fatal() {
    status.textContent = status.dataset.offline;
  },
});
status.textContent = status.dataset.connecting;
socket.connect();
