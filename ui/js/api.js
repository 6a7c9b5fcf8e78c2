// The one way out of the page: the Tauri commands granted to this window.

export function invoke(command, args) {
  return window.__TAURI__.core.invoke(command, args);
}
