// Chunked, resumable upload of a 3D model for the Wagtail admin.
// Each chunk is retried with back-off; after a failure the server is asked how many bytes it
// holds and the upload continues from there, so slow or flaky connections still finish.
(function () {
  "use strict";
  const form = document.querySelector("[data-models3d-upload]");
  if (!form || !window.fetch || !window.Blob || !Blob.prototype.slice) return;

  const fileInput = form.querySelector("input[type=file]");
  const progressBox = form.querySelector("[data-models3d-progress]");
  const bar = progressBox.querySelector("progress");
  const text = form.querySelector("[data-models3d-progress-text]");
  const errorBox = form.querySelector("[data-models3d-error]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const chunkBytes = parseInt(form.dataset.chunkBytes, 10);
  const maxBytes = parseInt(form.dataset.maxBytes, 10);
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  function showError(message) {
    errorBox.querySelector("p").textContent = message;
    errorBox.hidden = false;
  }
  function mb(n) {
    return (n / 1048576).toFixed(1) + " MB";
  }

  async function postJSON(url, body, headers) {
    const response = await fetch(url, {
      method: "POST", body, credentials: "same-origin",
      headers: Object.assign({ "X-CSRFToken": csrf }, headers || {}),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { /* non-JSON error page */ }
    return { ok: response.ok, status: response.status, data };
  }

  async function serverReceived(url) {
    const response = await fetch(url, { credentials: "same-origin" });
    return (await response.json()).received;
  }

  async function sendChunks(file, id) {
    const url = form.dataset.chunkUrl.replace("UPLOAD_ID", id);
    let offset = 0;
    let failures = 0;
    const started = Date.now();
    while (offset < file.size) {
      const chunk = file.slice(offset, Math.min(offset + chunkBytes, file.size));
      try {
        const r = await postJSON(url + "?offset=" + offset, chunk,
                                 { "Content-Type": "application/octet-stream" });
        if (r.ok || r.status === 409) {
          offset = r.data.received;
          failures = 0;
        } else if (r.data && r.data.error) {
          throw new Error(r.data.error);
        } else {
          throw new Error("HTTP " + r.status);
        }
      } catch (err) {
        failures += 1;
        if (failures > 8) throw err;
        text.textContent = "Connection problem, retrying (" + failures + ")…";
        await sleep(Math.min(30000, 1000 * 2 ** failures));
        try { offset = await serverReceived(url); } catch (e) { /* still offline */ }
        continue;
      }
      const pct = Math.floor((offset / file.size) * 100);
      bar.value = pct;
      const secs = (Date.now() - started) / 1000;
      text.textContent = pct + " % — " + mb(offset) + " of " + mb(file.size) +
        (secs > 1 ? " (" + mb(offset / secs) + "/s)" : "");
    }
  }

  form.addEventListener("submit", async (event) => {
    const file = fileInput && fileInput.files[0];
    if (!file) return; // let the server say what is missing
    event.preventDefault();
    errorBox.hidden = true;
    if (file.size > maxBytes) {
      showError("“" + file.name + "” is larger than the maximum of " + mb(maxBytes) + ".");
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    progressBox.hidden = false;
    try {
      const start = new FormData();
      start.append("name", file.name);
      start.append("size", file.size);
      const s = await postJSON(form.dataset.startUrl, start);
      if (!s.ok) throw new Error(s.data.error || "The upload could not start.");
      await sendChunks(file, s.data.upload_id);
      text.textContent = "Checking the model…";
      const meta = new FormData(form);
      meta.delete("file");
      const f = await postJSON(form.dataset.finishUrl.replace("UPLOAD_ID", s.data.upload_id), meta);
      if (!f.ok) throw new Error(f.data.error || "The model could not be accepted.");
      window.location.href = f.data.edit_url;
    } catch (err) {
      showError(err.message);
      progressBox.hidden = true;
      button.disabled = false;
    }
  });
})();
