"""3D model library: upload, validation, analysis, web derivatives, thumbnails and the viewer."""
