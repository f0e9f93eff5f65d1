// "Afdrukken" on a printable page (no inline script: the CSP forbids it).
document.querySelectorAll("[data-afdrukken]").forEach((knop) => {
  knop.addEventListener("click", () => window.print());
});
