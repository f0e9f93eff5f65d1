// Warns two minutes before the idle timeout (SESSION_IDLE_TIMEOUT) and lets the user stay
// signed in: a POST to the keep-alive endpoint renews the session without reloading the page,
// so a half-filled form keeps its input. Loaded as a file: the CSP allows no inline script.
(function () {
  "use strict";
  var body = document.body;
  var timeout = parseInt(body.dataset.sessieTimeout || "0", 10);
  var url = body.dataset.sessieVerlengen;
  var dialoog = document.getElementById("dw-sessie-dialoog");
  var knop = document.getElementById("dw-sessie-blijven");
  var tekst = document.getElementById("dw-sessie-tekst");
  if (!timeout || !url || !dialoog || !knop) { return; }
  var waarschuwing = Math.min(120, Math.floor(timeout / 4));
  var timers = [];

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function openDialoog() {
    if (typeof dialoog.showModal === "function") { dialoog.showModal(); } else { dialoog.setAttribute("open", ""); }
    knop.focus();
  }

  function sluitDialoog() {
    if (typeof dialoog.close === "function" && dialoog.open) { dialoog.close(); } else { dialoog.removeAttribute("open"); }
  }

  function verlopen() {
    tekst.textContent = "Uw sessie is verlopen. Kopieer zo nodig wat u hebt ingevuld en log opnieuw in.";
    knop.textContent = "Opnieuw inloggen";
    knop.dataset.verlopen = "1";
    openDialoog();
  }

  function plan() {
    timers.forEach(clearTimeout);
    timers = [
      setTimeout(openDialoog, (timeout - waarschuwing) * 1000),
      setTimeout(verlopen, timeout * 1000),
    ];
  }

  knop.addEventListener("click", function () {
    if (knop.dataset.verlopen) { window.location.href = body.dataset.inloggen; return; }
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrf(), "Accept": "application/json" },
    }).then(function (response) {
      if (!response.ok) { verlopen(); return; }
      sluitDialoog();
      plan();
    }).catch(verlopen);
  });
  plan();
}());
