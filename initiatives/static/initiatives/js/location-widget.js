/*
 * The location picker in the Wagtail editor (see initiatives/widgets.py).
 *
 * Without JavaScript the editor types latitude and longitude. With it, a map
 * appears: a click or a drag places the point and fills the inputs, typing in
 * the inputs moves the marker, and "Zoek het adres op" asks the server to
 * geocode the address fields of the same form.
 */
(function () {
  "use strict";

  var DECIMALS = 6;
  var ZOOM_POINT = 16;
  var ZOOM_DEFAULT = 12;
  var ADDRESS_FIELDS = ["street", "house_number", "postcode", "town"];

  function parseCoordinate(value) {
    var text = String(value || "").trim().replace(",", ".");
    if (!text) return null;
    var number = Number(text);
    return isFinite(number) ? number : null;
  }

  function validLatLon(lat, lon) {
    return lat !== null && lon !== null && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }

  // The address inputs live elsewhere in the editor form, in a field row.
  function addressInput(form, name) {
    if (!form) return document.getElementById("id_" + name);
    return form.querySelector("#id_" + name) || form.querySelector('[name="' + name + '"]');
  }

  function LocationWidget(root) {
    this.root = root;
    this.latInput = root.querySelector("[data-lat]");
    this.lonInput = root.querySelector("[data-lon]");
    this.status = root.querySelector("[data-status]");
    this.mapEl = root.querySelector("[data-map]");
    this.geocodeButton = root.querySelector("[data-geocode]");
    this.clearButton = root.querySelector("[data-clear]");
    this.form = root.closest("form");
    this.marker = null;
    this.map = null;
  }

  LocationWidget.prototype.setStatus = function (message, kind) {
    if (!this.status) return;
    this.status.textContent = message || "";
    this.status.className = "location-widget__status" +
      (kind ? " location-widget__status--" + kind : "");
  };

  LocationWidget.prototype.current = function () {
    var lat = parseCoordinate(this.latInput.value);
    var lon = parseCoordinate(this.lonInput.value);
    return validLatLon(lat, lon) ? [lat, lon] : null;
  };

  LocationWidget.prototype.init = function () {
    var L = window.L;
    var self = this;
    if (this.clearButton) {
      this.clearButton.hidden = false;
      this.clearButton.addEventListener("click", function () { self.clear(); });
    }
    if (this.geocodeButton && this.root.getAttribute("data-geocode-url")) {
      this.geocodeButton.hidden = false;
      this.geocodeButton.addEventListener("click", function () { self.geocode(); });
    }
    [this.latInput, this.lonInput].forEach(function (input) {
      input.addEventListener("input", function () { self.fromInputs(false); });
      input.addEventListener("change", function () { self.fromInputs(true); });
    });
    if (!L || !this.mapEl) return; // The inputs and buttons still work.

    this.mapEl.hidden = false;
    var start = this.current();
    var fallback = [
      parseCoordinate(this.root.getAttribute("data-default-lat")) || 52.1,
      parseCoordinate(this.root.getAttribute("data-default-lon")) || 5.1,
    ];
    this.map = L.map(this.mapEl, { scrollWheelZoom: false })
      .setView(start || fallback, start ? ZOOM_POINT : ZOOM_DEFAULT);
    var tileUrl = this.root.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        attribution: this.root.getAttribute("data-attribution") || "",
        maxZoom: 19,
      }).addTo(this.map);
    }
    if (start) this.placeMarker(start);
    this.map.on("click", function (event) {
      self.placeMarker([event.latlng.lat, event.latlng.lng]);
      self.toInputs(event.latlng.lat, event.latlng.lng);
      self.setStatus("De plek is gekozen. Vergeet niet op te slaan.", "ok");
    });
    this.watchVisibility();
  };

  // Wagtail hides panels in tabs and collapsed sections; a map drawn while
  // hidden has size zero and shows grey until it is told to measure again.
  LocationWidget.prototype.watchVisibility = function () {
    var self = this;
    var refresh = function () {
      if (!self.map || self.mapEl.offsetWidth === 0) return;
      self.map.invalidateSize();
      var point = self.current();
      if (point) self.map.setView(point, self.map.getZoom());
    };
    if ("ResizeObserver" in window) {
      new ResizeObserver(refresh).observe(this.mapEl);
    }
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) refresh();
      }).observe(this.mapEl);
    }
  };

  LocationWidget.prototype.placeMarker = function (latlng) {
    if (!this.map) return;
    var self = this;
    if (this.marker) {
      this.marker.setLatLng(latlng);
      return;
    }
    this.marker = window.L.marker(latlng, {
      draggable: true,
      keyboard: true,
      title: "De plek (sleep om te verplaatsen)",
      alt: "De plek",
    }).addTo(this.map);
    this.marker.on("dragend", function () {
      var position = self.marker.getLatLng();
      self.toInputs(position.lat, position.lng);
      self.setStatus("De plek is verplaatst. Vergeet niet op te slaan.", "ok");
    });
  };

  LocationWidget.prototype.removeMarker = function () {
    if (this.marker && this.map) this.map.removeLayer(this.marker);
    this.marker = null;
  };

  LocationWidget.prototype.toInputs = function (lat, lon) {
    this.latInput.value = Number(lat).toFixed(DECIMALS);
    this.lonInput.value = Number(lon).toFixed(DECIMALS);
    this.notifyChange();
  };

  // Let Wagtail notice the change (unsaved-changes warning, previews) without
  // our own listeners moving the map again.
  LocationWidget.prototype.notifyChange = function () {
    this.silent = true;
    this.latInput.dispatchEvent(new Event("change", { bubbles: true }));
    this.lonInput.dispatchEvent(new Event("change", { bubbles: true }));
    this.silent = false;
  };

  LocationWidget.prototype.fromInputs = function (pan) {
    if (this.silent) return;
    var point = this.current();
    if (!point) {
      if (!this.latInput.value.trim() && !this.lonInput.value.trim()) this.removeMarker();
      return;
    }
    this.placeMarker(point);
    if (pan && this.map) this.map.panTo(point);
  };

  LocationWidget.prototype.clear = function () {
    this.latInput.value = "";
    this.lonInput.value = "";
    this.notifyChange();
    this.removeMarker();
    this.setStatus("De plek is gewist. Bij opslaan zoeken we de plek op met de postcode.", "ok");
    this.latInput.focus();
  };

  LocationWidget.prototype.geocode = function () {
    var self = this;
    var values = {};
    ADDRESS_FIELDS.forEach(function (name) {
      var input = addressInput(self.form, name);
      values[name] = input ? input.value.trim() : "";
    });
    var query = [values.street, values.house_number, values.postcode, values.town]
      .filter(Boolean).join(" ");
    if (!query) {
      this.setStatus("Vul eerst een adres of postcode in.", "error");
      return;
    }
    var url = this.root.getAttribute("data-geocode-url") +
      "?q=" + encodeURIComponent(query) + "&postcode=" + encodeURIComponent(values.postcode);
    this.geocodeButton.disabled = true;
    this.setStatus("Even zoeken…");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        var data = result.data || {};
        var lat = parseCoordinate(data.lat);
        var lon = parseCoordinate(data.lon);
        if (!result.ok || !validLatLon(lat, lon)) {
          self.setStatus(data.error || "Dit adres konden we niet vinden. Klik de plek aan op de kaart.", "error");
          return;
        }
        self.toInputs(lat, lon);
        self.placeMarker([lat, lon]);
        if (self.map) self.map.setView([lat, lon], ZOOM_POINT);
        self.setStatus("Gevonden: " + (data.label || query) + ". Klopt de plek niet? Sleep de speld of klik op de kaart.", "ok");
      })
      .catch(function () {
        self.setStatus("De adreszoeker is nu niet bereikbaar. Klik de plek aan op de kaart.", "error");
      })
      .then(function () {
        self.geocodeButton.disabled = false;
      });
  };

  function initAll(scope) {
    var roots = (scope || document).querySelectorAll("[data-location-widget]");
    Array.prototype.forEach.call(roots, function (root) {
      if (root.locationWidget) return; // already initialised
      root.locationWidget = new LocationWidget(root);
      root.locationWidget.init();
    });
  }

  window.initLocationWidgets = initAll;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initAll(); });
  } else {
    initAll();
  }
})();
