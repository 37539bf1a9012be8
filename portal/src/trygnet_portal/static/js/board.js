// The live incident board: the portal's /incidents/live stream (the person's own
// gateway subscription, relayed as server-sent events) says which incident changed;
// the board is then asked again from the server, as this person. Without the stream
// the board is asked every 30 seconds. No incident text travels in the stream.
(function () {
  "use strict";

  var pending = null;
  var polling = null;

  function status(key) {
    var line = document.getElementById("live-status");
    if (line) { line.textContent = line.getAttribute("data-" + key) || ""; }
  }

  function refresh() {
    if (pending) { return; }
    pending = window.setTimeout(function () {
      pending = null;
      if (window.htmx) {
        window.htmx.ajax("GET", "/incidents/board", { target: "#board", swap: "outerHTML" });
      }
    }, 300);
  }

  function poll() {
    if (!polling) {
      status("polling");
      polling = window.setInterval(refresh, 30000);
    }
  }

  function start() {
    if (!document.getElementById("board")) { return; }
    if (typeof window.EventSource !== "function") { poll(); return; }
    var source = new window.EventSource("/incidents/live");
    source.addEventListener("ready", function () {
      status("live");
      if (polling) { window.clearInterval(polling); polling = null; }
    });
    source.addEventListener("incident", refresh);
    source.addEventListener("unavailable", function () { source.close(); poll(); });
    source.onerror = function () { poll(); };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
