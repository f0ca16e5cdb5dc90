// The console works without JavaScript; this only adds conveniences and the live parts (docs/console.md).
document.documentElement.classList.add("js");
for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.submit());
}
