/**
 * What an agent reads of a message body. HTML (email) is parsed into an inert document, which never
 * runs scripts or loads images, and only its text is kept; React then shows that text escaped.
 */
export function readableText(body: string): string {
  if (!/<[a-z][\s\S]*>/i.test(body)) return body;
  const document = new DOMParser().parseFromString(body, "text/html");
  for (const element of document.querySelectorAll("script, style, head, noscript, template")) element.remove();
  for (const element of document.querySelectorAll("br")) element.replaceWith("\n");
  for (const element of document.querySelectorAll("p, div, li, tr, h1, h2, h3, h4, blockquote")) {
    element.append("\n");
  }
  return (document.body.textContent ?? "").replace(/\n{3,}/g, "\n\n").trim();
}
