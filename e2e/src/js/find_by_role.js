// Finds the visible elements with an ARIA role, by accessible name, heading level or text,
// the way assistive technology sees them: roles and names come from axe-core (injected
// before this script runs). Arguments: {role, name, level, text}, null for "any"; and the
// element to search inside (its descendants), or null for the whole document (a separate
// argument: WebKitGTK's driver turns element references into elements only at the top level).
// Returns {found: [elements], candidates: [{name, level, text}]}.
const query = arguments[0];
const within = arguments[1];
const normalize = (value) => (value || '').replace(/\s+/g, ' ').trim();
const headingLevel = (element) => {
  const explicit = parseInt(element.getAttribute('aria-level'), 10);
  if (explicit > 0) return explicit;
  const match = /^H([1-6])$/.exec(element.tagName);
  return match ? Number(match[1]) : 2;
};
const isVisible = (element, vNode) =>
  element.getClientRects().length > 0 &&
  getComputedStyle(element).visibility !== 'hidden' &&
  axe.commons.dom.isVisibleToScreenReaders(vNode);

// A navigation between injecting axe-core and running this script leaves a page without it:
// report nothing found, and the caller injects it again and retries.
if (typeof axe === 'undefined') return { found: [], candidates: [], axeMissing: true };
if (axe._tree) axe.teardown();
axe.setup(document);
try {
  const found = [];
  const candidates = [];
  const elements = within
    ? within.querySelectorAll('*')
    : document.querySelectorAll('body, body *');
  for (const element of elements) {
    const vNode = axe.utils.getNodeFromTree(element);
    if (!vNode || axe.commons.aria.getRole(vNode) !== query.role) continue;
    if (!isVisible(element, vNode)) continue;
    const seen = {
      name: normalize(axe.commons.text.accessibleTextVirtual(vNode)),
      level: query.role === 'heading' ? headingLevel(element) : null,
      text: normalize(element.innerText),
    };
    candidates.push(seen);
    if (
      (query.name === null || seen.name === normalize(query.name)) &&
      (query.level === null || seen.level === query.level) &&
      (query.text === null || seen.text === normalize(query.text))
    ) {
      found.push(element);
    }
  }
  return { found, candidates };
} finally {
  axe.teardown();
}
