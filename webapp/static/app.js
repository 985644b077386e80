// Keyboard shortcuts of the dossier page, and "tick all" in the queue. No inline script:
// the Content-Security-Policy only allows files served by the app.
"use strict";

function typing(target) {
  return target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function follow(id) {
  const link = document.getElementById(id);
  if (link) link.click();
}

function submitForm(id) {
  const form = document.getElementById(id);
  if (form) form.requestSubmit();
}

function toggleHelp() {
  const help = document.getElementById("raccourcis");
  if (help) help.hidden = !help.hidden;
}

// Requests in flight: a shortcut pressed while a page is loading is dropped, so that one key
// press moves one dossier even when the previous page has not arrived yet.
let loading = 0;
document.addEventListener("htmx:beforeRequest", () => { loading += 1; });
document.addEventListener("htmx:afterRequest", () => { loading = Math.max(0, loading - 1); });

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || loading > 0) return;
  if (typing(event.target)) return;
  const actions = {
    j: () => follow("suivant"),
    k: () => follow("precedent"),
    v: () => submitForm("form-valider"),
    a: () => {
      const form = document.getElementById("form-attribution");
      if (!form) return;
      form.querySelector("select[name=assignee]").value = "moi";
      form.requestSubmit();
    },
    n: () => {
      const slot = document.querySelector("#form-piece select[name=slot]");
      if (slot) { slot.scrollIntoView({ block: "center" }); slot.focus(); }
    },
    "?": toggleHelp,
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

document.addEventListener("click", (event) => {
  if (event.target instanceof HTMLElement && event.target.id === "aide-raccourcis") toggleHelp();
});

document.addEventListener("change", (event) => {
  if (!(event.target instanceof HTMLInputElement) || event.target.id !== "tout-cocher") return;
  for (const box of document.querySelectorAll("input[name=dossier]")) {
    box.checked = event.target.checked;
  }
});

// Marks the page as ready once htmx has processed it (browser tests wait for this before
// they interact; a boosted navigation replaces <main>, which drops the mark).
document.addEventListener("htmx:load", () => {
  const main = document.querySelector("main");
  if (main) main.dataset.pret = "oui";
});
