// Progressive enhancement only: every page works without this file.
// A language <select> inside a form marked data-autosubmit sends the form on change.
document.addEventListener("change", (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement)) return;
  const form = select.closest("form[data-autosubmit]");
  if (form) form.requestSubmit();
});
