// A keyboard-driven list box that keeps only the visible rows in the DOM, so 200,000 items scroll like 20.
import { el } from './dom.js';

export interface VirtualListOptions {
  label: string;
  idPrefix: string;
  rowHeight: number;
  /** How many items the list shows now (after filtering). */
  count(): number;
  /** Fills a row element with the item at `index` (of the current filtered order). */
  render(row: HTMLElement, index: number): void;
  /** The active item changed (arrow keys, click); -1 when the list is empty. */
  onActive?(index: number): void;
}

const OVERSCAN = 8;

export class VirtualList {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private active = -1;
  private frame = 0;

  constructor(private readonly o: VirtualListOptions) {
    this.spacer = el('div', { class: 'vlist-spacer', 'aria-hidden': 'true' });
    this.element = el('div', { class: 'vlist', role: 'listbox', tabindex: 0, 'aria-label': o.label }, this.spacer);
    this.element.addEventListener('scroll', () => this.schedule());
    this.element.addEventListener('keydown', (e) => this.key(e));
    this.element.addEventListener('click', (e) => {
      const row = (e.target as Element).closest<HTMLElement>('[data-index]');
      if (row) this.setActive(Number(row.dataset.index));
    });
    this.element.addEventListener('focus', () => {
      if (this.active < 0 && this.o.count() > 0) this.setActive(0);
    });
  }

  /** Call after the filter changed: back to the top, first item active. */
  reset(): void {
    this.element.scrollTop = 0;
    this.active = this.o.count() > 0 ? 0 : -1;
    this.draw();
    this.o.onActive?.(this.active);
  }

  activeIndex(): number {
    return this.active;
  }

  setActive(index: number): void {
    const n = this.o.count();
    if (n === 0) return;
    this.active = Math.max(0, Math.min(n - 1, index));
    const top = this.active * this.o.rowHeight;
    const view = this.element.clientHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + this.o.rowHeight > this.element.scrollTop + view) this.element.scrollTop = top + this.o.rowHeight - view;
    this.draw();
    this.o.onActive?.(this.active);
  }

  private key(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.element.clientHeight / this.o.rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.setActive(this.active + moves[e.key]!);
    else if (e.key === 'Home') this.setActive(0);
    else if (e.key === 'End') this.setActive(this.o.count() - 1);
    else return;
    e.preventDefault();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Renders the rows in view (and a few around them), reusing the same elements. */
  draw(): void {
    const n = this.o.count();
    const h = this.o.rowHeight;
    this.spacer.style.height = `${n * h}px`;
    const first = Math.max(0, Math.floor(this.element.scrollTop / h) - OVERSCAN);
    const last = Math.min(n, Math.ceil((this.element.scrollTop + (this.element.clientHeight || 600)) / h) + OVERSCAN);
    const needed = last - first;
    while (this.pool.length < needed) {
      const row = el('div', { class: 'vlist-row', role: 'option' });
      this.pool.push(row);
      this.element.appendChild(row);
    }
    this.pool.forEach((row, k) => {
      const i = first + k;
      if (k >= needed) {
        row.hidden = true;
        row.removeAttribute('id');
        return;
      }
      row.hidden = false;
      row.id = `${this.o.idPrefix}-${i}`;
      row.dataset.index = String(i);
      row.setAttribute('aria-posinset', String(i + 1));
      row.setAttribute('aria-setsize', String(n));
      row.setAttribute('aria-selected', String(i === this.active));
      row.style.transform = `translateY(${i * h}px)`;
      this.o.render(row, i);
    });
    if (this.active >= 0 && this.active < n) this.element.setAttribute('aria-activedescendant', `${this.o.idPrefix}-${this.active}`);
    else this.element.removeAttribute('aria-activedescendant');
  }
}
