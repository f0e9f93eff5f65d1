// Polls the report status and reloads the page when the PDF is ready (progressive enhancement).
(function () {
  var box = document.getElementById("rapport-status");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        document.getElementById("status-label").textContent = data.status_label;
        document.getElementById("status-stap").textContent = data.stap;
        var bar = document.getElementById("status-voortgang");
        bar.value = data.voortgang;
        bar.textContent = data.voortgang + "%";
        if (data.status === "klaar" || data.status === "mislukt") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
