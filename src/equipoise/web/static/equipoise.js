/* equipoise web app: draw the plotly figures of a page; open edit sections with problems.
   Each <div data-figure="ID"> is drawn from the JSON in <script type="application/json" id="ID">
   (no inline scripts, so the Content-Security-Policy can forbid them). Figures that arrive in
   htmx swaps are drawn when they settle. */
(function () {
  "use strict";

  function draw(root) {
    if (typeof window.Plotly === "undefined") {
      return;
    }
    root.querySelectorAll("[data-figure]:not([data-drawn])").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-figure"));
      if (!source) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      el.setAttribute("data-drawn", "1");
      var spec = { data: figure.data, layout: figure.layout, config: { displaylogo: false, responsive: true } };
      if (figure.frames) {
        spec.frames = figure.frames; // the report's network slider
      }
      window.Plotly.newPlot(el, spec);
    });
  }

  // Open the collapsed sections of the edit form that hold a problem.
  function reveal() {
    document.querySelectorAll("details .field-error:not(:empty)").forEach(function (el) {
      el.closest("details").open = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    draw(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    draw(event.target);
    reveal();
  });
})();
