// Run by Chromium in every new document, before the console's own scripts: notes when the
// organization tree's items first appear and stay (their count unchanged for one animation
// frame), in milliseconds since the navigation started (performance.now()).
(() => {
  const ITEMS = '[role="tree"] [role="treeitem"]';
  const state = { count: 0, seenAt: null, readyAt: null, readyCount: 0 };
  window.__twostepTreeReady = state;
  const observer = new MutationObserver(() => {
    if (state.readyAt !== null) return;
    const count = document.querySelectorAll(ITEMS).length;
    if (count === 0 || count === state.count) return;
    const seenAt = performance.now();
    state.count = count;
    state.seenAt = seenAt;
    requestAnimationFrame(() => {
      const stable = state.seenAt === seenAt && document.querySelectorAll(ITEMS).length === count;
      if (state.readyAt === null && stable) {
        state.readyAt = seenAt;
        state.readyCount = count;
        observer.disconnect();
      }
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})();
