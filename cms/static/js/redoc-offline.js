/* Redoc (npm "redoc", served by this site) draws its maker's badge from cdn.redoc.ly in its side
   menu whatever its options say (Redoc 2.5: no setting turns it off). This site loads nothing from
   elsewhere; its Content-Security-Policy (img-src 'self') refuses the image and the browser logs
   an error on every visit. Load this file before Redoc: it
   drops that one image address before the browser asks for it and reports the image as failed, so
   Redoc hides it as it does when the badge cannot load; nothing else changes. */
(function () {
  "use strict";
  function outside(value) { return String(value).indexOf("https://cdn.redoc.ly/") === 0; }
  function fail(img) { setTimeout(function () { img.dispatchEvent(new Event("error")); }, 0); }
  var src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true, enumerable: src.enumerable,
    get: function () { return src.get.call(this); },
    set: function (value) { if (outside(value)) { fail(this); } else { src.set.call(this, value); } }
  });
  var setAttribute = Element.prototype.setAttribute;
  HTMLImageElement.prototype.setAttribute = function (name, value) {
    if (String(name).toLowerCase() === "src" && outside(value)) { fail(this); return undefined; }
    return setAttribute.call(this, name, value);
  };
})();
