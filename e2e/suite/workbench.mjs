// What a user does in the VS Code workbench (code-server 4.139 / VS Code 1.139), with the selectors that
// work there. Every helper waits for what the screen shows.
/* global document, NodeFilter, getComputedStyle */
import { waitFor, sleep } from './harness.mjs';

const nbsp = /\u00a0/g;

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  async open(url, folder) {
    const page = this.page;
    await page.goto(`${url}?folder=${encodeURIComponent(folder)}`, { timeout: 120000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 120000 });
    await this.explorerRow('Dockerfile').waitFor({ timeout: 120000 });
  }

  async escape(times = 2) {
    for (let i = 0; i < times; i++) {
      await this.page.keyboard.press('Escape');
      await sleep(100);
    }
  }

  // A top-level row of the Explorer (aria-level 1: the workspace folder's own children; a file of the
  // same name in an expanded subfolder has level 2 or more).
  explorerRow(name) {
    return this.page
      .locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"][aria-level="1"]`)
      .first();
  }

  // Opens a top-level file of the workspace by clicking it in the Explorer.
  async openFromExplorer(name) {
    const page = this.page;
    if (!(await page.locator('.explorer-folders-view').isVisible())) {
      await page.keyboard.press('Control+Shift+E');
    }
    const row = this.explorerRow(name);
    await row.waitFor({ timeout: 30000 });
    await row.click();
    let active;
    await waitFor(async () => (active = await this.activeTabName()) === name, {
      timeout: 30000,
      message: `the editor tab "${name}" to be active`,
    }).catch((err) => {
      err.message += ` (the active tab is ${JSON.stringify(active)})`;
      throw err;
    });
    await this.activeEditor().locator('.view-lines').waitFor({ timeout: 30000 });
    await sleep(300);
  }

  async activeTabName() {
    // The tab's aria-label is "name" or "name, preview"; its text splits the name from the extension.
    const tab = this.page.locator('.editor-group-container.active .tab.active').first();
    if (!(await tab.count())) return undefined;
    return ((await tab.getAttribute('aria-label')) || '').split(',')[0].trim();
  }

  activeEditor() {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  async editorText() {
    const lines = await this.activeEditor()
      .locator('.view-lines .view-line')
      .evaluateAll((els) =>
        els
          .map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent || '' }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
    return lines.join('\n').replace(nbsp, ' ');
  }

  squiggles() {
    return this.activeEditor().locator(
      '.view-overlays .squiggly-error, .view-overlays .squiggly-warning, .view-overlays .squiggly-info',
    );
  }

  // The squiggle drawn on the (first) editor line whose text contains `needle`.
  async squiggleOnLine(needle) {
    const editor = this.activeEditor();
    const line = editor.locator('.view-lines .view-line', { hasText: needle }).first();
    const lb = await line.boundingBox();
    if (!lb) return undefined;
    const boxes = await this.squiggles().evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    return boxes.find(
      (b) => b.width > 0 && b.y + b.height / 2 > lb.y && b.y + b.height / 2 < lb.y + lb.height,
    );
  }

  // Focuses the active editor without clicking its text: a code lens (a link) can sit over the first
  // line, and a click there would run its command. A click in the line-number gutter selects a line.
  async focusEditor() {
    const gutter = this.activeEditor().locator('.margin-view-overlays .line-numbers').first();
    await gutter.click({ timeout: 15000 });
  }

  async gotoLine(line, column) {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15000 });
    await this.page.keyboard.type(column ? `${line}:${column}` : String(line));
    await this.page.keyboard.press('Enter');
    await sleep(300);
  }

  // Opens a workspace file by its relative path through Quick Open (Ctrl+P), e.g. "webapp/Dockerfile".
  async quickOpen(rel) {
    const page = this.page;
    const base = rel.split('/').pop();
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    await this.escape(1);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15000 });
    await input.fill(rel);
    // Rows: aria-label "Dockerfile webapp, file results" (name, folder); the first search can take seconds.
    const rows = page.locator('.quick-input-list .monaco-list-row');
    let labels = [];
    // The list re-renders while results arrive (several files share a name): find the row and click it,
    // again if it moved or was replaced under the click.
    await waitFor(
      async () => {
        labels = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') || ''));
        const i = labels.findIndex(
          (l) =>
            l
              .split(',')[0]
              .replace(/ unsaved changes$/, '')
              .trim() === (dir ? `${base} ${dir}` : base),
        );
        if (i < 0) return false;
        return rows
          .nth(i)
          .click({ timeout: 2000 })
          .then(() => true)
          .catch(() => false);
      },
      { timeout: 60000, interval: 300, message: `Quick Open to list ${rel}` },
    ).catch((err) => {
      err.message += ` (rows: ${JSON.stringify(labels.slice(0, 8))})`;
      throw err;
    });
    await waitFor(
      async () => (await this.activeTabName()) === base && (await this.breadcrumbs()).includes(dir),
      {
        timeout: 30000,
        message: `the editor of ${rel} to be active`,
      },
    ).catch(async (err) => {
      err.message += ` (active tab ${JSON.stringify(await this.activeTabName())}, breadcrumbs ${JSON.stringify(await this.breadcrumbs())})`;
      throw err;
    });
    await this.activeEditor().locator('.view-lines').waitFor({ timeout: 30000 });
    await sleep(300);
  }

  async breadcrumbs() {
    const b = this.page.locator('.editor-group-container.active .breadcrumbs-control').first();
    if (!(await b.count())) return '';
    return ((await b.innerText().catch(() => '')) || '').replace(/\s+/g, ' ');
  }

  // The cursor position the status bar shows ("Ln 9, Col 7") as { line, column }.
  async cursorPosition() {
    const item = this.page.locator('[id="status.editor.selection"]').first();
    const text = (await item.innerText().catch(() => '')) || '';
    const m = /Ln\s*(\d+),\s*Col\s*(\d+)/.exec(text);
    return m ? { line: Number(m[1]), column: Number(m[2]), text } : { text };
  }

  // The screen point of a character (1-based line, 0-based character) of the active editor, or
  // undefined when that line is not rendered.
  async pointAt(line, character) {
    return this.activeEditor().evaluate(
      (ed, [ln, ch]) => {
        const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find(
          (n) => (n.textContent || '').trim() === String(ln),
        );
        if (!num) return undefined;
        const nb = num.getBoundingClientRect();
        const mid = nb.top + nb.height / 2;
        const vl = [...ed.querySelectorAll('.view-lines .view-line')].find((v) => {
          const r = v.getBoundingClientRect();
          return mid >= r.top && mid < r.bottom;
        });
        if (!vl) return undefined;
        const walker = document.createTreeWalker(vl, NodeFilter.SHOW_TEXT);
        let rem = ch;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (rem < node.length) {
            const r = document.createRange();
            r.setStart(node, rem);
            r.setEnd(node, rem + 1);
            const b = r.getBoundingClientRect();
            return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
          }
          rem -= node.length;
        }
        return undefined;
      },
      [line, character],
    );
  }

  // The token spans (text + class) of the first rendered line whose text contains `needle`.
  async lineTokens(needle) {
    const line = this.activeEditor().locator('.view-lines .view-line', { hasText: needle }).first();
    return line.locator('span > span').evaluateAll((els) =>
      els.map((el) => ({
        text: (el.textContent || '').replace(/\u00a0/g, ' '),
        cls: el.className,
        color: getComputedStyle(el).color,
      })),
    );
  }

  // The code lens links drawn in the active editor: [{ text, y }].
  async codeLenses() {
    return this.activeEditor()
      .locator('.codelens-decoration a')
      .evaluateAll((els) =>
        els.map((el) => ({ text: (el.textContent || '').trim(), y: el.getBoundingClientRect().top })),
      );
  }

  async closePanel() {
    if (await this.page.locator('.part.panel').isVisible()) {
      await this.page.keyboard.press('Control+J');
      await sleep(200);
    }
  }

  problemsPanel() {
    return this.page.locator('.markers-panel');
  }

  async showProblems() {
    if (!(await this.problemsPanel().isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await this.problemsPanel().waitFor({ timeout: 15000 });
  }

  // Types `text` into the Problems filter box (a text or a glob such as `**/stack/compose.yaml`); '' clears it.
  async filterProblems(text) {
    await this.showProblems();
    const input = this.page.locator('.part.panel .viewpane-filter input').first();
    await input.waitFor({ timeout: 10000 });
    await input.fill(text);
    await sleep(400);
  }

  async problemRows() {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    const texts = await rows.evaluateAll((els) =>
      els.map((el) => (el.getAttribute('aria-label') || '') + ' | ' + (el.textContent || '')),
    );
    return texts.map((t) => t.replace(nbsp, ' '));
  }

  // Runs a command from the palette (F1) by its title, e.g. "Berth: Compose Up".
  async runCommand(title) {
    const page = this.page;
    await this.escape(1);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15000 });
    await page.keyboard.type(title, { delay: 10 });
    const row = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(title)}$`) }) })
      .first();
    try {
      await row.waitFor({ timeout: 20000 });
    } catch {
      const shown = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      throw new Error(
        `command "${title}" is not in the palette; it shows: ${JSON.stringify(shown.slice(0, 8))}`,
      );
    }
    await row.click();
  }

  // If a quick pick opened after a command (e.g. "which compose file?"), picks the row matching `prefer`.
  async answerQuickPickIfAny(prefer, wait = 1500) {
    const page = this.page;
    await sleep(wait);
    const widget = page.locator('.quick-input-widget');
    if (!(await widget.isVisible())) return undefined;
    const rows = page.locator('.quick-input-list .monaco-list-row');
    const texts = await rows.allInnerTexts();
    if (!texts.length) return undefined;
    const idx = texts.findIndex((t) => prefer.test(t));
    await rows.nth(idx >= 0 ? idx : 0).click();
    return texts[idx >= 0 ? idx : 0];
  }

  async terminalText() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.terminal-wrapper .xterm-rows')]
        .map((el) => [...el.children].map((row) => row.textContent).join('\n'))
        .join('\n----\n'),
    );
  }

  async hoverText() {
    const hovers = this.page.locator('.monaco-hover:visible');
    if (!(await hovers.count())) return '';
    return (await hovers.allInnerTexts()).join('\n').replace(nbsp, ' ');
  }
}

export function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
