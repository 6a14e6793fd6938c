// Renders /openapi.yaml with Swagger UI. Everything the page loads comes from this server: no CDN, and no
// online validator badge.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    defaultModelsExpandDepth: 0,
    persistAuthorization: false
  });
});
