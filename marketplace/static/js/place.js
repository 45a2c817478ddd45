/*
 * Theme links on detail pages lead to the activity list; without this they
 * dropped the postcode or place the visitor had searched with (issue 16).
 * Pages are the same for everyone (and cached), so the place is remembered in
 * the browser's session only: taken from the address of a search or list
 * page (waar= or postcode=; an empty one forgets it) and added to links
 * marked data-keeps-place. Without JavaScript the links work as before.
 */
(function () {
  "use strict";

  var KEY = "meedoen:plek";
  var storage;
  try {
    storage = window.sessionStorage;
  } catch (e) {
    return; // storage blocked: nothing to remember
  }
  var params = new URLSearchParams(window.location.search);
  var given = params.has("waar") ? params.get("waar") : params.get("postcode");
  if (given !== null) {
    given = given.trim();
    if (given) storage.setItem(KEY, given);
    else storage.removeItem(KEY);
  }
  var place = storage.getItem(KEY);
  if (!place) return;
  Array.prototype.forEach.call(document.querySelectorAll("a[data-keeps-place]"), function (link) {
    var url = new URL(link.href, window.location.href);
    if (url.searchParams.get("postcode")) return;
    url.searchParams.set("postcode", place);
    link.href = url.pathname + url.search + url.hash;
  });
})();
