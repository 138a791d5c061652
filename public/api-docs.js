// Starts Swagger UI on the API's own OpenAPI document (a file, not inline: strict CSP).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
  });
});
