// Builds the page with DOM calls only: every piece of run data goes in as text (textContent), never as markup.

/** A page of the report; `shown` runs when it becomes visible (a list measures its height then). */
export interface View {
  element: HTMLElement;
  shown?(): void;
}

export type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  [name: string]: string | number | boolean | null | undefined | ((e: Event) => void);
}

/** An element with attributes (on* names become listeners) and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
}

export function append(node: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%`;
}

/** A state or verdict as a badge: an icon and the word (colour is never the only cue). */
export function badge(state: string): HTMLElement {
  const icon: Record<string, string> = {
    passed: '✔', failed: '✘', errored: '!', skipped: '–', cancelled: '⊘', reused: '↺', running: '▶', pending: '·', interrupted: '⊘',
  };
  return el('span', { class: `badge s-${state}` }, `${icon[state] ?? '•'} ${state}`);
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return el('section', { id: `view-${id}`, 'aria-labelledby': `h-${id}`, class: 'view' }, el('h2', { id: `h-${id}` }, title), ...children);
}
