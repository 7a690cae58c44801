// Swagger UI's code samples scroll sideways: let a keyboard reach them (axe: scrollable-region-focusable).
new MutationObserver(() => {
  for (const block of document.querySelectorAll("#swagger-ui pre:not([tabindex])")) block.tabIndex = 0;
}).observe(document.getElementById("swagger-ui"), { childList: true, subtree: true });
