// The sentra map: progressive enhancement over the member list below it. The element
// stays hidden unless Leaflet loaded; markers are vector circles (no image files) drawn on
// a plain background, so they still show when the tile server cannot be reached.
(function () {
  "use strict";

  function readPoints(el) {
    const source = document.getElementById(el.dataset.points);
    if (!source) { return []; }
    try {
      return JSON.parse(source.textContent).filter(
        (p) => Number.isFinite(p.lat) && Number.isFinite(p.lng)
      );
    } catch (e) {
      return [];
    }
  }

  function popup(point) {
    const link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name; // text, never HTML: names come from users
    return link;
  }

  function draw(el) {
    const points = readPoints(el);
    if (typeof window.L === "undefined" || points.length === 0) { return; }
    el.hidden = false;
    const map = window.L.map(el, { scrollWheelZoom: false });
    if (el.dataset.tileUrl) {
      window.L.tileLayer(el.dataset.tileUrl, {
        maxZoom: 18,
        attribution: el.dataset.attribution || "",
      }).addTo(map);
    }
    const markers = points.map((p) =>
      window.L.circleMarker([p.lat, p.lng], {
        radius: 8, color: "#0b6e4f", weight: 2, fillColor: "#13a376", fillOpacity: 0.85,
      }).bindPopup(popup(p)).bindTooltip(p.name)
    );
    const group = window.L.featureGroup(markers).addTo(map);
    if (points.length === 1) {
      map.setView([points[0].lat, points[0].lng], 14);
    } else {
      map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 15 });
    }
  }

  function init() {
    document.querySelectorAll("#sentra-map").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
