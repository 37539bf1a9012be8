// The portal's charts, drawn with Observable Plot from the page's data island
// (#chart-data: by chart id, exactly the figures of the table beside each chart).
// Plot puts a <style> element in each figure, which the Content-Security-Policy
// (no inline style) would refuse: it is taken out before the figure joins the page,
// and the same rules are in portal.css under the class given to Plot (className).
(function () {
  "use strict";

  var BLUE = "#0059b3";
  var RED = "#b0190e";

  function marks(spec) {
    var drawn = [];
    if (spec.kind === "line") {
      if (spec.target !== null && spec.target !== undefined) {
        drawn.push(Plot.ruleY([spec.target], { stroke: RED, strokeWidth: 2, strokeDasharray: "6,4" }));
        drawn.push(Plot.text([spec.target], { y: function (d) { return d; }, frameAnchor: "right",
          dy: -8, text: function () { return spec.targetLabel; }, fill: RED }));
      }
      drawn.push(Plot.line(spec.points, { x: "x", y: "y", z: "series", stroke: BLUE, strokeWidth: 2 }));
      drawn.push(Plot.dot(spec.points, { x: "x", y: "y", fill: BLUE, r: 4, title: "series" }));
    } else if (spec.kind === "interval") {
      var ranged = spec.points.filter(function (p) { return p.low !== null && p.high !== null; });
      drawn.push(Plot.ruleX(ranged, { x: "x", y1: "low", y2: "high", stroke: BLUE, strokeWidth: 3,
        strokeOpacity: 0.45 }));
      drawn.push(Plot.tickY(ranged, { x: "x", y: "low", stroke: BLUE }));
      drawn.push(Plot.tickY(ranged, { x: "x", y: "high", stroke: BLUE }));
      drawn.push(Plot.dot(spec.points, { x: "x", y: "y", fill: BLUE, r: 5, title: "series" }));
    } else if (spec.kind === "bars") {
      drawn.push(Plot.barY(spec.points, { x: "x", y: "y", fill: BLUE }));
      drawn.push(Plot.ruleY([0]));
    } else if (spec.kind === "columns") {
      drawn.push(Plot.barY(spec.points.filter(function (p) { return p.y !== null; }),
        { x: "x", y: "y", fill: BLUE }));
      drawn.push(Plot.text(spec.points.filter(function (p) { return p.y === null; }),
        { x: "x", y: 0, text: function () { return spec.suppressedMark; }, dy: -8, fill: RED }));
      drawn.push(Plot.ruleY([0]));
    }
    return drawn;
  }

  function draw(container, spec) {
    var across = spec.kind === "bars" || spec.kind === "columns";
    var order = [];
    var highest = 0;  // bars start at 0 even when every figure is suppressed
    spec.points.forEach(function (p) { if (p.y !== null) { highest = Math.max(highest, p.y); } });
    spec.points.forEach(function (p) { if (order.indexOf(p.x) < 0) { order.push(p.x); } });
    var figure = Plot.plot({
      className: "trygnet-plot",
      width: Math.max(320, Math.min(container.clientWidth || 640, 720)),
      height: across ? 320 : 260,
      marginLeft: 52,
      marginBottom: across ? 90 : 32,
      style: { fontFamily: "IBM Plex Sans, Arial, sans-serif", fontSize: "13px" },
      // the table's order, not the alphabet's
      x: { type: "band", domain: order, label: null, tickRotate: across ? -40 : 0,
           padding: across ? 0.2 : 0.5 },
      y: across ? { grid: true, label: spec.label, domain: [0, Math.max(5, highest)], ticks: 5 }
                : { grid: true, label: spec.label, zero: spec.kind !== "line" },
      marks: marks(spec)
    });
    figure.querySelectorAll("style").forEach(function (style) { style.remove(); });
    figure.setAttribute("aria-hidden", "true");
    container.appendChild(figure);
  }

  function start() {
    var island = document.getElementById("chart-data");
    if (!island || typeof Plot === "undefined") { return; }
    var specs = JSON.parse(island.textContent);
    document.querySelectorAll("[data-chart]").forEach(function (container) {
      var spec = specs[container.getAttribute("data-chart")];
      if (spec) { draw(container, spec); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
