// Key material countdown (docs/console.md): the page renders the seconds left at render time; this counts them down
// every second from the data-seconds-left attribute (relative to page load, so the browser's clock does not matter).
(() => {
  const format = (seconds) => {
    const days = Math.floor(seconds / 86400);
    const rest = seconds % 86400;
    const pad = (n) => String(n).padStart(2, "0");
    const clock = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
    return days === 0 ? clock : days === 1 ? `1 day ${clock}` : `${days} days ${clock}`;
  };
  for (const element of document.querySelectorAll(".countdown[data-seconds-left]")) {
    const end = Date.now() + Number(element.dataset.secondsLeft) * 1000;
    const note = document.getElementById("seconds-left");
    const tick = () => {
      const left = Math.max(0, Math.floor((end - Date.now()) / 1000));
      element.textContent = left > 0 ? format(left) : "Expired (reload to see the key's state)";
      element.dataset.secondsNow = String(left);
      if (note) note.hidden = true;
      if (left === 0) clearInterval(timer);
    };
    const timer = setInterval(tick, 1000);
    tick();
  }
})();
