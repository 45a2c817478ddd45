/*
 * Maps on the public pages, as progressive enhancement.
 *
 * The page already lists every address; this only turns
 *   <div data-map data-points-id="x-punten" data-tile-url="..." data-attribution="..." hidden>
 *   <script type="application/json" id="x-punten">[{"lat":..,"lon":..,"title":..,"url":..}]</script>
 * (or the JSON inline in data-points) into a Leaflet map with markers. Points on
 * the same spot share one marker whose popup lists them all. When the tiles do
 * not load (offline, blocked, no tile server) the map gives way to a line of
 * text, with a link to OpenStreetMap for a single spot.
 *
 * With data-cluster, spots that lie close together on the screen are drawn as
 * one numbered marker (a simple grid per zoom level); clicking it zooms in.
 *
 * Its words come from Django's JavaScript catalogue (the page's language,
 * loaded by base.html); without the catalogue they stay Dutch.
 */
(function () {
  "use strict";

  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, count) {
    return count === 1 ? one : many;
  };
  var interpolate = window.interpolate || function (format, values, named) {
    var i = 0;
    if (named) {
      return format.replace(/%\((\w+)\)s/g, function (match, name) { return String(values[name]); });
    }
    return format.replace(/%s/g, function () { return String(values[i++]); });
  };

  var SAME_SPOT_DECIMALS = 5; // about one metre
  var CLUSTER_CELL_PX = 60;
  var CLUSTER_UNTIL_ZOOM = 17; // from here on every spot has its own marker

  function readPoints(el) {
    var source = el.getAttribute("data-points");
    var id = el.getAttribute("data-points-id");
    if (!source && id) {
      var script = document.getElementById(id);
      source = script ? script.textContent : "";
    }
    if (!source) return [];
    try {
      var points = JSON.parse(source);
      return Array.isArray(points) ? points.filter(function (p) {
        return isFinite(p.lat) && isFinite(p.lon);
      }) : [];
    } catch (e) {
      return [];
    }
  }

  function groupBySpot(points) {
    var groups = {};
    var order = [];
    points.forEach(function (p) {
      var key = Number(p.lat).toFixed(SAME_SPOT_DECIMALS) + "," +
        Number(p.lon).toFixed(SAME_SPOT_DECIMALS);
      if (!groups[key]) {
        groups[key] = { lat: Number(p.lat), lon: Number(p.lon), items: [] };
        order.push(key);
      }
      groups[key].items.push(p);
    });
    return order.map(function (key) { return groups[key]; });
  }

  // Popup content built from DOM nodes, so titles are never parsed as HTML.
  function popupContent(group) {
    var box = document.createElement("div");
    box.className = "map-popup";
    if (group.items.length > 1) {
      var intro = document.createElement("p");
      intro.className = "map-popup__count";
      intro.textContent = interpolate(
        ngettext("%s op deze plek:", "%s op deze plek:", group.items.length),
        [group.items.length]
      );
      box.appendChild(intro);
    }
    var list = document.createElement("ul");
    group.items.forEach(function (item) {
      var li = document.createElement("li");
      var label = item.url ? document.createElement("a") : document.createElement("strong");
      if (item.url) label.href = item.url;
      label.textContent = item.title || gettext("Zonder naam");
      li.appendChild(label);
      if (item.address) {
        var address = document.createElement("span");
        address.className = "map-popup__address";
        address.textContent = item.address;
        li.appendChild(document.createElement("br"));
        li.appendChild(address);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function markerTitle(group) {
    if (group.items.length === 1) return group.items[0].title || "";
    return interpolate(
      ngettext("%(count)s op deze plek: %(titles)s", "%(count)s op deze plek: %(titles)s",
        group.items.length),
      {
        count: group.items.length,
        titles: group.items.map(function (i) { return i.title; }).join(", "),
      },
      true
    );
  }

  function spotMarker(L, group) {
    var title = markerTitle(group);
    return L.marker([group.lat, group.lon], { title: title, alt: title, keyboard: true })
      .bindPopup(popupContent(group));
  }

  // Spots in the same square of CLUSTER_CELL_PX screen pixels at this zoom
  // become one cluster, drawn at their average position.
  function clusterSpots(map, spots) {
    var zoom = map.getZoom();
    var cells = {};
    var order = [];
    spots.forEach(function (spot) {
      var p = map.project([spot.lat, spot.lon], zoom);
      var key = Math.floor(p.x / CLUSTER_CELL_PX) + ":" + Math.floor(p.y / CLUSTER_CELL_PX);
      if (!cells[key]) {
        cells[key] = [];
        order.push(key);
      }
      cells[key].push(spot);
    });
    return order.map(function (key) { return cells[key]; });
  }

  function drawClusters(L, map, layer, spots) {
    layer.clearLayers();
    var cells = map.getZoom() >= CLUSTER_UNTIL_ZOOM ?
      spots.map(function (spot) { return [spot]; }) : clusterSpots(map, spots);
    cells.forEach(function (cell) {
      if (cell.length === 1) {
        layer.addLayer(spotMarker(L, cell[0]));
        return;
      }
      var count = 0, lat = 0, lon = 0;
      cell.forEach(function (spot) {
        count += spot.items.length;
        lat += spot.lat;
        lon += spot.lon;
      });
      var title = interpolate(
        ngettext("%s resultaat hier. Zoom in om het te zien.",
          "%s resultaten hier. Zoom in om ze te zien.", count),
        [count]
      );
      var size = count < 10 ? 36 : count < 100 ? 42 : 48;
      var marker = L.marker([lat / cell.length, lon / cell.length], {
        title: title,
        alt: title,
        keyboard: true,
        icon: L.divIcon({
          className: "map-cluster",
          html: "<span>" + count + "</span>",
          iconSize: [size, size],
        }),
      });
      marker.on("click", function () {
        var cellBounds = L.latLngBounds(cell.map(function (s) { return [s.lat, s.lon]; }));
        map.fitBounds(cellBounds, {
          padding: [40, 40],
          maxZoom: Math.max(map.getZoom() + 1, CLUSTER_UNTIL_ZOOM),
        });
      });
      layer.addLayer(marker);
    });
  }

  // The text that takes the map's place when its tiles cannot load.
  function noMapNote(points) {
    var note = document.createElement("p");
    note.className = "map__note";
    note.textContent = gettext("De kaart kan nu niet laden. De adressen staan op deze pagina.");
    if (points.length === 1) {
      var p = points[0];
      var link = document.createElement("a");
      link.href = "https://www.openstreetmap.org/?mlat=" + p.lat + "&mlon=" + p.lon +
        "#map=17/" + p.lat + "/" + p.lon;
      link.rel = "external";
      link.textContent = gettext("Bekijk de plek op OpenStreetMap");
      note.appendChild(document.createTextNode(" "));
      note.appendChild(link);
      note.appendChild(document.createTextNode("."));
    }
    return note;
  }

  function initMap(el) {
    if (el.getAttribute("data-map-ready")) return;
    var points = readPoints(el);
    if (!points.length || typeof window.L === "undefined") return;
    el.setAttribute("data-map-ready", "1");
    el.hidden = false;

    var L = window.L;
    var iconPath = el.getAttribute("data-icon-path");
    if (iconPath) L.Icon.Default.imagePath = iconPath;

    // Leaflet's own zoom buttons are named "Zoom in"/"Zoom out": in English,
    // whatever the page's language, for screen readers. Ours say it in the
    // page's language.
    var map = L.map(el, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({
      zoomInTitle: gettext("Inzoomen"),
      zoomOutTitle: gettext("Uitzoomen"),
    }).addTo(map);
    var tileUrl = el.getAttribute("data-tile-url");
    var observer = null;
    if (tileUrl) {
      // No tile server reachable (offline, blocked, none configured): a grey
      // box with markers tells nothing, and on a phone it only pushes the
      // addresses down. Take the map away and say so, with a link out.
      var anyTile = false;
      var gone = false;
      L.tileLayer(tileUrl, {
        attribution: el.getAttribute("data-attribution") || "",
        maxZoom: 19,
      }).on("tileload", function () {
        anyTile = true;
      }).on("tileerror", function () {
        if (anyTile || gone) return;
        gone = true;
        if (observer) observer.disconnect();
        map.remove();
        el.hidden = true;
        el.parentNode.insertBefore(noMapNote(points), el.nextSibling);
      }).addTo(map);
    }

    var bounds = [];
    var spots = groupBySpot(points);
    spots.forEach(function (group) { bounds.push([group.lat, group.lon]); });
    if (el.hasAttribute("data-cluster")) {
      var layer = L.layerGroup().addTo(map);
      map.on("zoomend", function () { drawClusters(L, map, layer, spots); });
      map.whenReady(function () { drawClusters(L, map, layer, spots); });
    } else {
      spots.forEach(function (group) { spotMarker(L, group).addTo(map); });
    }
    if (bounds.length === 1) {
      map.setView(bounds[0], 15);
    } else {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
    }

    // Hidden or resized containers (print, rotated phones) need a redraw.
    if ("ResizeObserver" in window) {
      observer = new ResizeObserver(function () { map.invalidateSize(); });
      observer.observe(el);
    }
  }

  function initAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), initMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
