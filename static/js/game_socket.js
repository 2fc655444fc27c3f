// One WebSocket to /ws/games/<id>/ that reconnects by itself with exponential backoff (0.5 s doubling to 10 s,
// jittered). Handlers: open(reconnected), message(msg), closed(attempt, delayMs), fatal(code).

const FATAL_CODES = new Set([4403, 4404]);
const MAX_DELAY_MS = 10000;

export class GameSocket {
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.ws = null;
    this.attempt = 0;
    this.opened = false;
    this.timer = null;
    window.addEventListener("offline", () => this.drop());
    window.addEventListener("online", () => this.retryNow());
  }

  connect() {
    clearTimeout(this.timer);
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.addEventListener("open", () => {
      const reconnected = this.opened;
      this.opened = true;
      this.attempt = 0;
      this.handlers.open(reconnected);
    });
    ws.addEventListener("message", (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      this.handlers.message(message);
    });
    ws.addEventListener("close", (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (FATAL_CODES.has(event.code)) {
        this.handlers.fatal(event.code);
        return;
      }
      this.attempt += 1;
      const base = Math.min(MAX_DELAY_MS, 500 * 2 ** (this.attempt - 1));
      const delay = Math.round(base * (0.75 + Math.random() * 0.5));
      this.handlers.closed(this.attempt, delay);
      this.timer = setTimeout(() => this.connect(), delay);
    });
  }

  /** Closes the current socket as if the network dropped it (it reconnects by itself). */
  drop() {
    if (this.ws) this.ws.close();
  }

  retryNow() {
    if (!this.ws) this.connect();
  }

  get isOpen() {
    return Boolean(this.ws && this.ws.readyState === WebSocket.OPEN);
  }

  send(message) {
    if (!this.isOpen) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }
}

/** A random UUID (v4), also outside secure contexts. */
export function uuid4() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
