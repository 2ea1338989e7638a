/* Starts Swagger UI on /docs with the server's own OpenAPI document. A file, not an
   inline script, so the page's CSP (script-src 'self') holds; no validator badge, which
   would call an outside server. */
"use strict";

(function () {
  const node = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: node.dataset.spec,
    domNode: node,
    layout: "BaseLayout",
    deepLinking: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
  });
})();
