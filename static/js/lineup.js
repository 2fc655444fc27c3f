// Lineup builder enhancements. Without this file the page is a plain form: the arrow buttons post `move` and the
// server swaps the slots. With it, the arrows and drag (mouse or touch, by the handle) reorder in place.
const form = document.getElementById("lineup-form");
const list = form?.querySelector(".lineup-slots");

if (form && list) {
  const slots = () => [...list.querySelectorAll(".slot")];
  const fieldsOf = (slot) => [...slot.querySelectorAll(".slot-fields select")];
  const live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  form.append(live);

  function values() {
    return slots().map((slot) => fieldsOf(slot).map((select) => select.value));
  }

  function apply(rows) {
    slots().forEach((slot, index) => {
      fieldsOf(slot).forEach((select, i) => { select.value = rows[index][i]; });
    });
  }

  function clearStaleErrors() {
    for (const error of list.querySelectorAll(".slot-error")) error.remove();
    for (const slot of list.querySelectorAll(".slot.has-error")) slot.classList.remove("has-error");
  }

  function move(from, to) {
    const rows = values();
    if (to < 0 || to >= rows.length || from === to) return false;
    const [row] = rows.splice(from, 1);
    rows.splice(to, 0, row);
    apply(rows);
    clearStaleErrors();
    const name = fieldsOf(slots()[to])[0].selectedOptions[0]?.text.split(" · ")[0] || "Empty slot";
    live.textContent = `${name} now bats ${to + 1}.`;
    flash(slots()[to]);
    return true;
  }

  function flash(slot) {
    slot.classList.remove("moved");
    void slot.offsetWidth; // restart the highlight
    slot.classList.add("moved");
  }

  // Arrow buttons: move one place; keep focus on the same arrow of the slot the batter moved to.
  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[name=move]");
    if (!button) return;
    event.preventDefault();
    const [slot, direction] = button.value.split(":");
    const from = Number(slot) - 1;
    const to = direction === "up" ? from - 1 : from + 1;
    if (move(from, to)) {
      const target = slots()[to].querySelector(`button[value$=":${direction}"]`);
      (target && !target.disabled ? target : slots()[to].querySelector("button[name=move]:not([disabled])"))?.focus();
    }
  });

  // Drag by the handle with pointer events (works for mouse, pen and touch).
  let dragging = null;
  list.addEventListener("pointerdown", (event) => {
    const handle = event.target.closest(".slot-handle");
    if (!handle) return;
    event.preventDefault();
    const slot = handle.closest(".slot");
    dragging = { from: slots().indexOf(slot), over: null, pointer: event.pointerId };
    handle.setPointerCapture(event.pointerId);
    slot.classList.add("dragging");
    list.classList.add("is-dragging");
  });
  list.addEventListener("pointermove", (event) => {
    if (!dragging || event.pointerId !== dragging.pointer) return;
    const index = slots().findIndex((slot) => {
      const box = slot.getBoundingClientRect();
      return event.clientY >= box.top && event.clientY <= box.bottom;
    });
    if (index === -1 || index === dragging.over) return;
    slots().forEach((slot, i) => slot.classList.toggle("drop-target", i === index && i !== dragging.from));
    dragging.over = index;
  });
  const finish = (event) => {
    if (!dragging || event.pointerId !== dragging.pointer) return;
    const { from, over } = dragging;
    dragging = null;
    list.classList.remove("is-dragging");
    slots().forEach((slot) => slot.classList.remove("dragging", "drop-target"));
    if (event.type === "pointerup" && over !== null) move(from, over);
  };
  list.addEventListener("pointerup", finish);
  list.addEventListener("pointercancel", finish);

  // The handles only make sense with this script running.
  list.classList.add("can-drag");
}
