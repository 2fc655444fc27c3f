// The game's chat: `chat {text}` over the game socket (signed-in users; the server limits it to a message every
// two seconds, burst 5, 500 characters) and the `chat {user, role, text}` broadcasts, listed in arrival order.

import { esc } from "./game_dom.js";

const ROLE_LABELS = { home: "home manager", away: "away manager", both: "manager", commissioner: "commissioner", spectator: "watching" };
const MAX_MESSAGES = 200;
const MAX_LENGTH = 500;
const REPLY_WINDOW_MS = 4000;

export class ChatPanel {
  /** `send(text)` returns whether the message went out on the socket. */
  constructor(root, { config, send }) {
    this.root = root;
    this.config = config;
    this.sendText = send;
    this.list = root.querySelector("#chat-messages");
    this.form = root.querySelector("#chat-form");
    this.input = root.querySelector("#chat-input");
    this.error = root.querySelector("#chat-error");
    this.sentAt = 0;
    this.count = 0;
    if (config.signed_in) this.form.addEventListener("submit", (event) => this.submit(event));
    else this.form.addEventListener("submit", (event) => event.preventDefault());
  }

  submit(event) {
    event.preventDefault();
    const text = this.input.value.trim().slice(0, MAX_LENGTH);
    if (!text) return;
    if (!this.sendText(text)) {
      this.showError("Not connected — your message was not sent.");
      return;
    }
    this.sentAt = Date.now();
    this.showError("");
    this.input.value = "";
    this.input.focus();
  }

  /** Whether an error without an action id is likely the answer to a message just sent. */
  expectsReply() {
    return Date.now() - this.sentAt < REPLY_WINDOW_MS;
  }

  showError(text) {
    if (!this.error) return;
    this.error.textContent = text;
    this.error.hidden = !text;
  }

  add(message) {
    const empty = this.list.querySelector(".chat-empty");
    if (empty) empty.remove();
    const role = message.role || "spectator";
    const item = document.createElement("li");
    item.className = "chat-message";
    item.dataset.role = role;
    item.innerHTML = `<span class="chat-who"><span class="chat-user">${esc(message.user)}</span> <span class="chat-role">${esc(ROLE_LABELS[role] || role)}</span></span> <span class="chat-text">${esc(message.text)}</span>`;
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    this.list.append(item);
    this.count += 1;
    while (this.list.children.length > MAX_MESSAGES) this.list.firstElementChild.remove();
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }
}
