// The scoresheet's Print button: the browser's print dialog (the page's print CSS lays it out landscape).
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
