// Progressive enhancement for <model-viewer>: which derivative to load, poster-only fallback
// without WebGL, full screen, reset view, hotspots and point-of-interest steps that move the
// camera to their saved view, and a tour through them with a spoken text alternative.
(function () {
  "use strict";
  function hasWebGL() {
    try {
      const canvas = document.createElement("canvas");
      return !!(window.WebGLRenderingContext &&
        (canvas.getContext("webgl2") || canvas.getContext("webgl")));
    } catch (e) {
      return false;
    }
  }

  // Phones and slow or data-saving connections get the mobile derivative (<= 500k triangles,
  // 1024 px textures, <= 5 MB) first; everyone can ask for the web one.
  function prefersLight() {
    const connection = navigator.connection || {};
    if (connection.saveData) return true;
    if (["slow-2g", "2g", "3g"].includes(connection.effectiveType)) return true;
    return window.matchMedia("(max-width: 600px)").matches;
  }

  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  const webgl = hasWebGL();

  function setup(figure) {
    const viewer = figure.querySelector("[data-models3d-viewer]");
    const fallback = figure.querySelector("[data-models3d-fallback]");
    const tools = figure.querySelector(".models3d-viewer__tools");
    const status = figure.querySelector("[data-models3d-status]");
    if (!viewer) return;
    if (!webgl) {
      viewer.hidden = true;
      viewer.removeAttribute("src");
      if (tools) tools.hidden = true;
      if (fallback) fallback.hidden = false;
      return;
    }

    const fullQuality = figure.querySelector("[data-models3d-full-quality]");
    function load(quality) {
      viewer.src = viewer.dataset[quality === "mobile" ? "srcMobile" : "srcWeb"];
      figure.dataset.models3dQuality = quality;
      if (fullQuality) fullQuality.hidden = quality !== "mobile";
    }
    if (viewer.dataset.srcWeb) load(viewer.dataset.srcMobile && prefersLight() ? "mobile" : "web");
    else figure.dataset.models3dQuality = "web";
    if (fullQuality) {
      fullQuality.addEventListener("click", () => {
        load("web");
        viewer.focus();
      });
    }

    // AR viewers get the AR derivative: Android's Scene Viewer cannot decode meshopt.
    const arButton = viewer.querySelector("[slot=ar-button]");
    const arSrc = viewer.dataset.srcAr;
    if (arButton && arSrc) {
      arButton.addEventListener("click", (event) => {
        if (viewer.src === new URL(arSrc, location.href).href || viewer.getAttribute("src") === arSrc) return;
        event.stopImmediatePropagation();
        event.preventDefault();
        viewer.addEventListener("load", () => viewer.activateAR(), { once: true });
        viewer.src = arSrc;
      }, true);
    }

    const full = figure.querySelector("[data-models3d-fullscreen]");
    if (full) {
      if (!figure.requestFullscreen) full.hidden = true;
      full.addEventListener("click", () => {
        if (document.fullscreenElement) document.exitFullscreen();
        else figure.requestFullscreen();
      });
    }

    // Animated camera moves, or jumps when the reader asked for reduced motion: model-viewer
    // applies a new goal on its next update, so the jump is requested once that is done, and
    // a near-zero interpolation time leaves no frame in between.
    function jumps() {
      return reducedMotion.matches;
    }
    function applyMotionPreference() {
      viewer.interpolationDecay = jumps() ? 1 : 50;
      // The "drag to rotate" prompt wiggles the model: not for readers who reduce motion.
      viewer.interactionPrompt = jumps() ? "none" : "auto";
    }
    applyMotionPreference();
    reducedMotion.addEventListener("change", applyMotionPreference);
    // Stored points are plain "x y z" in metres; model-viewer wants units on camera-target.
    function metres(vector) {
      return vector && vector.trim().split(/\s+/).map((p) => (/[a-z%]$/.test(p) ? p : p + "m")).join(" ");
    }
    function moveCamera(orbit, target) {
      target = metres(target);
      viewer.cameraOrbit = orbit || viewer.getAttribute("camera-orbit") || "auto auto auto";
      viewer.cameraTarget = target || viewer.getAttribute("camera-target") || "auto auto auto";
      if (jumps()) Promise.resolve(viewer.updateComplete).then(() => viewer.jumpCameraToGoal());
    }
    const reset = figure.querySelector("[data-models3d-reset]");
    if (reset) {
      reset.addEventListener("click", () => {
        moveCamera(null, null);
        viewer.fieldOfView = "auto";
      });
    }

    const hotspots = Array.from(viewer.querySelectorAll(".models3d-hotspot"));
    function activate(hotspot, announce) {
      const orbit = hotspot.dataset.cameraOrbit;
      // Without a saved view, look at the point from where the camera already is.
      moveCamera(orbit || viewer.getCameraOrbit().toString(),
        hotspot.dataset.cameraTarget || hotspot.dataset.position);
      const note = document.getElementById(hotspot.getAttribute("aria-controls"));
      figure.querySelectorAll("[data-models3d-note]").forEach((n) => n.classList.remove("is-active"));
      hotspots.forEach((h) => h.removeAttribute("aria-current"));
      hotspot.setAttribute("aria-current", "true");
      if (note) {
        note.classList.add("is-active");
        note.scrollIntoView({ block: "nearest", behavior: jumps() ? "auto" : "smooth" });
      }
      const text = note && note.querySelector("[data-models3d-note-text]");
      if (status && announce) status.textContent = announce + (text ? " — " + text.textContent.trim() : "");
    }
    // <button> hotspots: click, Enter and Space all arrive as "click".
    hotspots.forEach((hotspot) => hotspot.addEventListener("click", () => activate(hotspot)));

    // Story "point of interest" steps elsewhere on the page point at a hotspot by its label.
    document.querySelectorAll(".poi-step[data-hotspot]").forEach((step) => {
      const hotspot = hotspots.find((h) => h.dataset.label === step.dataset.hotspot);
      if (!hotspot || step.querySelector("[data-models3d-show]")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.models3dShow = "";
      button.textContent = status ? status.dataset.textShow : "Show on the 3D model";
      button.addEventListener("click", () => {
        activate(hotspot, hotspot.dataset.label);
        figure.scrollIntoView({ block: "nearest", behavior: jumps() ? "auto" : "smooth" });
      });
      step.appendChild(button);
    });

    const tour = figure.querySelector("[data-models3d-tour]");
    if (tour && hotspots.length) {
      let index = -1;
      const [start, prev, next, end] = ["start", "prev", "next", "end"].map(
        (name) => tour.querySelector(`[data-models3d-tour-${name}]`));
      function show(i) {
        index = i;
        const text = (status ? status.dataset.textStop : "{n}/{total}: {label}")
          .replace("{n}", i + 1).replace("{total}", hotspots.length)
          .replace("{label}", hotspots[i].dataset.label);
        activate(hotspots[i], text);
        start.hidden = true;
        end.hidden = false;
        prev.hidden = i === 0;
        next.hidden = i === hotspots.length - 1;
        figure.dataset.models3dTourStop = String(i + 1);
      }
      start.addEventListener("click", () => { show(0); (next.hidden ? end : next).focus(); });
      next.addEventListener("click", () => { show(index + 1); if (next.hidden) end.focus(); });
      prev.addEventListener("click", () => { show(index - 1); if (prev.hidden) next.focus(); });
      end.addEventListener("click", () => {
        index = -1;
        [prev, next, end].forEach((b) => { b.hidden = true; });
        start.hidden = false;
        start.focus();
        delete figure.dataset.models3dTourStop;
        moveCamera(null, null);
        if (status) status.textContent = "";
      });
    }
  }

  document.querySelectorAll("[data-models3d-figure]").forEach((figure) => {
    if (figure.dataset.models3dReady) return;
    figure.dataset.models3dReady = "1";
    setup(figure);
  });
})();
