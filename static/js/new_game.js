// New game form: list only the chosen league's teams in "My team" and "Opponent" (the server checks anyway).
const form = document.getElementById("new-game-form");
if (form) {
  const league = form.elements.namedItem("league");
  const selects = ["my_team", "opponent"].map((name) => form.elements.namedItem(name));

  function filterTeams() {
    for (const select of selects) {
      for (const option of select.options) {
        const other = option.dataset.league && option.dataset.league !== league.value;
        option.hidden = Boolean(other);
        option.disabled = Boolean(other);
      }
      if (select.selectedOptions[0]?.disabled) select.value = "";
    }
    const [mine, opponent] = selects;
    if (!mine.value) {
      const first = [...mine.options].find((o) => !o.disabled && o.value);
      if (first) mine.value = first.value;
    }
    for (const option of opponent.options) {
      if (option.value && option.value === mine.value) option.disabled = true;
    }
    if (opponent.selectedOptions[0]?.disabled) opponent.value = "";
  }

  league.addEventListener("change", filterTeams);
  selects[0].addEventListener("change", filterTeams);
  filterTeams();
}
