// Reports the first paint, as Followthrough's page does after its dashboard.
window.addEventListener("DOMContentLoaded", () => {
  requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI__.core.invoke("ready")));
});
