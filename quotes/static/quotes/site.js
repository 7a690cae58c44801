// Reader pages: a collapsible filter panel on narrow screens, and forms that leave empty fields out of URLs.
// Loaded in <head> without defer so the "js" class is set before the first paint (no flash of the panel).
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll(".filter-toggle")) {
    const panel = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("open", open);
    });
  }
  for (const form of document.querySelectorAll("form[data-drop-empty]")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const params = new URLSearchParams();
      for (const [name, value] of new FormData(form)) {
        if (String(value).trim()) params.append(name, value);
      }
      const query = params.toString();
      window.location.assign(window.location.pathname + (query ? `?${query}` : ""));
    });
  }
});
