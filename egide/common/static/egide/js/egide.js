// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Time spent writing a note, from the first keystroke to the save (design.md §4b "Time is data").
  document.querySelectorAll("form[data-measure-writing]").forEach((form) => {
    let started = null;
    form.addEventListener("input", () => { if (started === null) started = Date.now(); }, { once: false });
    form.addEventListener("submit", () => {
      const field = form.querySelector("input[name=writing_seconds]");
      if (field && started !== null) field.value = Math.round((Date.now() - started) / 1000);
    });
  });
  // Confirmation for destructive buttons, without inline script (strict CSP).
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
});
