/* The collection map: Leaflet with clustered markers, country outlines from world-atlas and an
   optional tile server (none by default, so it works offline). Everything is served by this site. */
(function () {
  "use strict";
  var el = document.getElementById("collection-map");
  if (!el || !window.L || !window.topojson) { return; }
  var map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([52, 14], 4);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || "", maxZoom: 18 }).addTo(map);
  }
  fetch(el.dataset.outlines).then(function (r) { return r.json(); }).then(function (topo) {
    L.geoJSON(topojson.feature(topo, topo.objects.countries), {
      interactive: false,
      style: { color: "#7b89a8", weight: 1, fillColor: "#eef1f7", fillOpacity: 1 }
    }).addTo(map).bringToBack();
  });
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
  fetch(el.dataset.points).then(function (r) { return r.json(); }).then(function (data) {
    data.assets.forEach(function (asset) {
      var marker = L.marker([asset.lat, asset.lng], {
        title: asset.title, alt: asset.title, keyboard: true,
        icon: L.divIcon({ className: "map-pin", iconSize: [18, 18] })
      });
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = asset.url;
      link.textContent = asset.title;
      if (asset.lang) { link.lang = asset.lang; }
      var where = document.createElement("p");
      where.textContent = asset.country;
      popup.appendChild(link);
      popup.appendChild(where);
      marker.bindPopup(popup);
      cluster.addLayer(marker);
    });
    map.addLayer(cluster);
    if (data.assets.length) { map.fitBounds(cluster.getBounds(), { maxZoom: 7, padding: [30, 30] }); }
    el.setAttribute("data-markers", String(data.assets.length));
  });
})();
