// The collaboration network drawn with Cytoscape.js from the page's data island
// (#network-data: only what the scores table beside it shows). Colour = sector,
// size = betweenness; brokers get a thick border, articulation points a diamond,
// isolates a dashed border. The legend's checkboxes show or hide each sector.
(function () {
  "use strict";

  function draw() {
    var island = document.getElementById("network-data");
    var container = document.getElementById("network-drawing");
    if (!island || !container || typeof cytoscape !== "function") { return; }
    var data = JSON.parse(island.textContent);
    var colours = {};
    var most = 0;
    data.nodes.forEach(function (node) {
      colours[node.sector] = node.colour;
      most = Math.max(most, node.betweenness);
    });
    document.querySelectorAll(".swatch[data-sector]").forEach(function (swatch) {
      swatch.style.backgroundColor = colours[swatch.getAttribute("data-sector")] || "#ffffff";
    });
    var elements = data.nodes.map(function (node) {
      return { group: "nodes", data: {
        id: node.id, label: node.label, sector: node.sector, colour: node.colour,
        // names of the actors that hold the network together; the others on hover
        shown: node.broker || node.articulation ? node.label : "",
        size: 22 + 40 * (most > 0 ? node.betweenness / most : 0),
        border: node.broker ? 5 : (node.isolate ? 2 : 1),
        style: node.isolate ? "dashed" : "solid",
        shape: node.articulation ? "diamond" : "ellipse"
      } };
    }).concat(data.edges.map(function (edge, index) {
      return { group: "edges", data: {
        id: "e" + index, source: edge.source, target: edge.target, weight: edge.weight
      } };
    }));
    var cy = cytoscape({
      container: container,
      elements: elements,
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "shape": "data(shape)", "border-width": "data(border)", "border-color": "#1a1a1a",
          "border-style": "data(style)", "label": "data(shown)", "font-size": 18,
          "font-family": "IBM Plex Sans, Arial, sans-serif", "color": "#1a1a1a",
          "text-valign": "bottom", "text-margin-y": 3,
          "text-background-color": "#ffffff", "text-background-opacity": 0.8
        } },
        { selector: "node.hovered", style: { "label": "data(label)", "z-index": 10 } },
        { selector: "edge", style: {
          "width": "mapData(weight, 1, 5, 1, 5)", "line-color": "#9a9a9a", "opacity": 0.7,
          "curve-style": "haystack"
        } }
      ],
      layout: { name: "cose", animate: false, randomize: true, nodeRepulsion: 400000,
                idealEdgeLength: 90, componentSpacing: 60, gravity: 60, numIter: 1500,
                padding: 24 }
    });
    var legend = document.getElementById("network-legend");
    if (legend) {
      legend.addEventListener("change", function () {
        var hidden = {};
        legend.querySelectorAll("input[type=checkbox]").forEach(function (box) {
          hidden[box.value] = !box.checked;
        });
        cy.nodes().forEach(function (node) {
          node.style("display", hidden[node.data("sector")] ? "none" : "element");
        });
      });
    }
    cy.on("mouseover", "node", function (event) { event.target.addClass("hovered"); });
    cy.on("mouseout", "node", function (event) { event.target.removeClass("hovered"); });
    cy.on("tap", "node", function (event) {
      window.location.href = "/actors/" + encodeURIComponent(event.target.id());
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
