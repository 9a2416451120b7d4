// The focused element (looking inside open shadow roots), with its ARIA role and accessible
// name computed by axe-core (injected before this script runs), or null when the document
// itself has focus or focus is outside the page (tabbed past the last element into the
// browser's own toolbar: activeElement then still names an element, but keys do not reach it).
// Returns {element, role, name, tag}.
const normalize = (value) => (value || '').replace(/\s+/g, ' ').trim();
let element = document.activeElement;
while (element && element.shadowRoot && element.shadowRoot.activeElement) {
  element = element.shadowRoot.activeElement;
}
if (!document.hasFocus() || !element || element === document.body || element === document.documentElement) {
  return null;
}
// A navigation since axe-core was injected: the caller injects it again and retries.
if (typeof axe === 'undefined') return { axeMissing: true };
if (axe._tree) axe.teardown();
axe.setup(document);
try {
  const vNode = axe.utils.getNodeFromTree(element);
  return {
    element,
    role: vNode ? axe.commons.aria.getRole(vNode) : null,
    name: vNode ? normalize(axe.commons.text.accessibleTextVirtual(vNode)) : '',
    tag: element.tagName.toLowerCase(),
  };
} finally {
  axe.teardown();
}
