// Tells <model-viewer> to load its Draco/KTX2 decoders from our own static files (no request to
// Google's CDN, works offline). A file, not an inline script, so the Content-Security-Policy
// can forbid inline scripts; the locations come from this tag's data attributes.
(function () {
    const tag = document.currentScript;
    self.ModelViewerElement = Object.assign(self.ModelViewerElement || {}, {
        dracoDecoderLocation: tag.dataset.dracoDecoderLocation,
        ktx2TranscoderLocation: tag.dataset.ktx2TranscoderLocation,
        meshoptDecoderLocation: tag.dataset.meshoptDecoderLocation,
    });
})();
