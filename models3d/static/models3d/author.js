// Authoring on the model, in the page editor: for every "3D model" block, a preview of the
// chosen model where a click places an annotation (position and surface normal filled in),
// and buttons that store the current view as the initial view or as the selected annotation's
// view. Works on Wagtail's rendered form fields by name, so no coordinates are ever typed.
(function () {
  "use strict";
  const config = document.getElementById("models3d-author-config");
  if (!config) return;
  const TEXT = JSON.parse(config.textContent);

  function field(name) {
    return document.querySelector(`[name="${CSS.escape(name)}"]`);
  }
  function setValue(input, value) {
    if (!input) return;
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function round(v) {
    return Math.round(v * 1000) / 1000;
  }
  function vector(v) {
    return `${round(v.x)} ${round(v.y)} ${round(v.z)}`;
  }
  function orbit(viewer) {
    const o = viewer.getCameraOrbit();
    return `${round(o.theta * 180 / Math.PI)}deg ${round(o.phi * 180 / Math.PI)}deg ${round(o.radius)}m`;
  }
  function positionInputs(prefix) {
    return Array.from(document.querySelectorAll(`input[name^="${CSS.escape(prefix)}-annotations-"]`))
      .filter((i) => /-annotations-\d+-value-position$/.test(i.name) && !/-deleted$/.test(i.name));
  }

  function enhance(orbitInput) {
    const prefix = orbitInput.name.replace(/-camera_orbit$/, "");
    const modelInput = field(`${prefix}-model`);
    if (!modelInput || !field(`${prefix}-annotations-count`)) return;
    if (document.getElementById(`${prefix}-author`)) return;

    const panel = document.createElement("div");
    panel.id = `${prefix}-author`;
    panel.className = "models3d-author";
    panel.innerHTML = `
      <p class="help">${TEXT.help}</p>
      <button type="button" class="button button-secondary" data-author-open>${TEXT.open}</button>
      <div data-author-stage hidden>
        <model-viewer camera-controls style="width:100%;height:420px;background:#f0efec"
          interaction-prompt="none" data-author-viewer></model-viewer>
        <p>
          <button type="button" class="button button-small" data-author-initial>${TEXT.initial}</button>
          <button type="button" class="button button-small" data-author-annotation-view disabled>${TEXT.annotationView}</button>
        </p>
        <p role="status" aria-live="polite" data-author-status></p>
      </div>`;
    const anchor = orbitInput.closest("[data-contentpath]") || orbitInput.parentElement;
    anchor.parentElement.insertBefore(panel, anchor);
    const stage = panel.querySelector("[data-author-stage]");
    const viewer = panel.querySelector("[data-author-viewer]");
    const status = panel.querySelector("[data-author-status]");
    const annotationView = panel.querySelector("[data-author-annotation-view]");
    let selected = null; // prefix of the annotation being edited, e.g. "P-annotations-2-value"

    panel.querySelector("[data-author-open]").addEventListener("click", async () => {
      const pk = modelInput.value;
      if (!pk) { status.textContent = TEXT.chooseFirst; stage.hidden = false; return; }
      const response = await fetch(TEXT.statusUrl.replace("999999999", pk), { credentials: "same-origin" });
      const data = response.ok ? await response.json() : {};
      stage.hidden = false;
      if (!data.viewer_src) { status.textContent = TEXT.notReady; return; }
      viewer.cameraOrbit = orbitInput.value || "auto auto auto";
      viewer.cameraTarget = (field(`${prefix}-camera_target`) || {}).value || "auto auto auto";
      viewer.src = data.viewer_src;
      status.textContent = TEXT.clickToPlace;
    });

    // A click (not a drag to rotate) on the surface adds an annotation there.
    let down = null;
    viewer.addEventListener("pointerdown", (e) => { down = [e.clientX, e.clientY]; });
    viewer.addEventListener("click", (e) => {
      if (down && Math.hypot(e.clientX - down[0], e.clientY - down[1]) > 4) return;
      const hit = viewer.positionAndNormalFromPoint(e.clientX, e.clientY);
      if (!hit) { status.textContent = TEXT.missed; return; }
      const before = new Set(positionInputs(prefix).map((i) => i.name));
      const adders = (field(`${prefix}-annotations-count`).parentElement)
        .querySelectorAll("button[data-streamfield-list-add]");
      if (!adders.length) return;
      adders[adders.length - 1].click();
      const added = positionInputs(prefix).find((i) => !before.has(i.name));
      if (!added) return;
      const item = added.name.replace(/-position$/, "");
      setValue(added, vector(hit.position));
      setValue(field(`${item}-normal`), vector(hit.normal));
      setValue(field(`${item}-camera_orbit`), orbit(viewer));
      setValue(field(`${item}-camera_target`), vector(hit.position));
      selected = item;
      annotationView.disabled = false;
      status.textContent = TEXT.placed;
      const label = field(`${item}-label`);
      if (label) label.focus();
    });

    panel.querySelector("[data-author-initial]").addEventListener("click", () => {
      setValue(orbitInput, orbit(viewer));
      setValue(field(`${prefix}-camera_target`), vector(viewer.getCameraTarget()));
      status.textContent = TEXT.initialSet;
    });

    // The annotation whose fields were last focused is the one "its view" applies to.
    document.addEventListener("focusin", (e) => {
      const name = e.target && e.target.name;
      const match = name && name.startsWith(`${prefix}-annotations-`) &&
        name.match(/^(.*-annotations-\d+-value)-[a-z_]+$/);
      if (match) { selected = match[1]; annotationView.disabled = false; }
    });
    annotationView.addEventListener("click", () => {
      if (!selected) return;
      setValue(field(`${selected}-camera_orbit`), orbit(viewer));
      setValue(field(`${selected}-camera_target`), vector(viewer.getCameraTarget()));
      const label = field(`${selected}-label`);
      status.textContent = TEXT.annotationSet.replace("{label}", label ? label.value : "");
    });
  }

  function scan() {
    document.querySelectorAll('input[name$="-camera_orbit"]').forEach((input) => {
      if (!/-annotations-\d+-value-camera_orbit$/.test(input.name)) enhance(input);
    });
  }
  new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  scan();
})();
