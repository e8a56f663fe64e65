// Progressive enhancement for <model-viewer>: poster-only fallback without WebGL, full screen,
// reset view, and hotspots that highlight their written note.
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
  const webgl = hasWebGL();
  document.querySelectorAll("[data-models3d-figure]").forEach((figure) => {
    if (figure.dataset.models3dReady) return;
    figure.dataset.models3dReady = "1";
    const viewer = figure.querySelector("[data-models3d-viewer]");
    const fallback = figure.querySelector("[data-models3d-fallback]");
    const tools = figure.querySelector(".models3d-viewer__tools");
    if (!viewer) return;
    if (!webgl) {
      viewer.hidden = true;
      viewer.removeAttribute("src");
      if (tools) tools.hidden = true;
      if (fallback) fallback.hidden = false;
      return;
    }
    const full = figure.querySelector("[data-models3d-fullscreen]");
    if (full) {
      if (!figure.requestFullscreen) full.hidden = true;
      full.addEventListener("click", () => {
        if (document.fullscreenElement) document.exitFullscreen();
        else figure.requestFullscreen();
      });
    }
    const initialOrbit = viewer.getAttribute("camera-orbit");
    const reset = figure.querySelector("[data-models3d-reset]");
    if (reset) {
      reset.addEventListener("click", () => {
        viewer.cameraOrbit = initialOrbit || "auto auto auto";
        viewer.cameraTarget = "auto auto auto";
        viewer.fieldOfView = "auto";
      });
    }
    viewer.querySelectorAll(".models3d-hotspot").forEach((hotspot) => {
      hotspot.addEventListener("click", () => {
        const note = document.getElementById(hotspot.getAttribute("aria-controls"));
        figure.querySelectorAll("[data-models3d-note]").forEach((n) => n.classList.remove("is-active"));
        if (note) {
          note.classList.add("is-active");
          note.scrollIntoView({ block: "nearest", behavior: "smooth" });
        }
      });
    });
  });
})();
