// Folds a listing's filters away on a narrow screen (a phone), where they would push the rows
// a screen and more down: the page is sent with them open, as a wide screen and a browser
// without scripts show them. Filters reporting an error stay open, to show it.
const narrow = window.matchMedia("(max-width: 40rem)");
if (narrow.matches) {
  for (const panel of document.querySelectorAll("details.filter-panel")) {
    if (!panel.querySelector(".errorlist")) {
      panel.open = false;
    }
  }
}
