// The summary panel's page script. It only forwards clicks to the extension host (which checks
// them) and remembers which paper is shown so the panel comes back after a window reload.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  const paperId = document.body.dataset.paperId;
  const previous = vscode.getState();
  if (paperId) vscode.setState({ paperId });
  if (previous && previous.paperId && previous.paperId !== paperId) {
    // Another paper in the same panel: start at its top, and let keyboard users land on its title.
    window.scrollTo(0, 0);
    const title = document.getElementById('paper-title');
    if (title) {
      title.tabIndex = -1;
      title.focus({ preventScroll: true });
    }
  }

  // Links never navigate the page: the host opens them through VS Code's opener, which asks
  // before opening a site the user has not trusted. Middle clicks and drags are held back too.
  const linkOf = (/** @type {Event} */ event) =>
    /** @type {HTMLAnchorElement | null} */ (event.target instanceof Element ? event.target.closest('a[href]') : null);
  for (const type of ['click', 'auxclick']) {
    document.addEventListener(
      type,
      (event) => {
        const link = linkOf(event);
        if (!link) return;
        event.preventDefault();
        event.stopPropagation();
        if (type === 'click' || /** @type {MouseEvent} */ (event).button === 1)
          vscode.postMessage({ type: 'link', href: link.getAttribute('href') });
      },
      true,
    );
  }
  document.addEventListener('dragstart', (event) => {
    if (linkOf(event)) event.preventDefault();
  });

  document.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement | null} */ (event.target instanceof Element ? event.target.closest('button') : null);
    if (!target) return;
    const command = target.dataset.command;
    const open = target.dataset.open;
    if (command) vscode.postMessage({ type: 'command', command });
    else if (open) vscode.postMessage({ type: 'open', id: open });
  });

  // Arrow keys move between the action buttons, as in a toolbar.
  const toolbar = document.querySelector('[role="toolbar"]');
  if (toolbar) {
    const buttons = /** @type {HTMLButtonElement[]} */ (Array.from(toolbar.querySelectorAll('button')));
    buttons.forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
    toolbar.addEventListener('keydown', (event) => {
      const e = /** @type {KeyboardEvent} */ (event);
      const i = buttons.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
      if (i < 0) return;
      let next = -1;
      if (e.key === 'ArrowRight') next = (i + 1) % buttons.length;
      else if (e.key === 'ArrowLeft') next = (i - 1 + buttons.length) % buttons.length;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = buttons.length - 1;
      if (next < 0) return;
      e.preventDefault();
      buttons[i].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });
  }
})();
