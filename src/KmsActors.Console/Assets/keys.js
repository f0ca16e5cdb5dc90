// Key pages (docs/console.md): conveniences only — every form works without script.
// The deletion confirmation names the waiting period as typed ("… for deletion in 7 days.").
for (const span of document.querySelectorAll("[data-days-of]")) {
  const input = document.getElementById(span.dataset.daysOf);
  input?.addEventListener("input", () => { span.textContent = input.value; });
}
