// Empties the pickers two or more levels below the one that changed; the level right
// below is refilled by htmx with the new options.
function simpulResetPickers(changed) {
  const form = changed.form || document;
  const depth = Number(changed.dataset.picker);
  form.querySelectorAll("select[data-picker]").forEach((el) => {
    if (Number(el.dataset.picker) > depth + 1) { el.length = 1; }
  });
}
