// Roll-call: "mark everyone present" ticks 出席 for every card not yet marked (a static file: the
// Content-Security-Policy allows no inline script).
(() => {
  const button = document.querySelector("[data-mark-all]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    document.querySelectorAll(".rc-card").forEach((card) => {
      if (card.querySelector("input[type=radio]:checked")) return;
      const present = card.querySelector('input[type=radio][value="present"]');
      if (!present) return;
      present.checked = true;
      present.dispatchEvent(new Event("change", { bubbles: true })); // kept in the form's draft too
    });
  });
})();
