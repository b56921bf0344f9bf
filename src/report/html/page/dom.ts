// DOM building without HTML parsing: every string the repo contributes (file, author, symbol and
// service names) reaches the page as a text node or an attribute value, never as markup. There is
// no innerHTML, insertAdjacentHTML or document.write anywhere in the page.

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string;
  /** data-testid, for the browser tests */
  testid?: string;
  title?: string;
  /** other attributes (never `style` or `on*`: the CSP and the rule above forbid them) */
  attrs?: Record<string, string | number | boolean | undefined>;
  data?: Record<string, string | number | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.testid) el.setAttribute("data-testid", props.testid);
    if (props.title) el.title = props.title;
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
      if (name === "style" || name.toLowerCase().startsWith("on")) throw new Error(`attribute ${name} is not allowed`);
      if (value === undefined || value === false) continue;
      el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const [name, value] of Object.entries(props.data ?? {}))
      if (value !== undefined) el.dataset[name] = String(value);
    for (const [type, listener] of Object.entries(props.on ?? {})) el.addEventListener(type, listener as EventListener);
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (typeof c === "string" || typeof c === "number") parent.appendChild(document.createTextNode(String(c)));
    else parent.appendChild(c);
  }
}

/** Replaces the children of `el` (textContent = "" clears without parsing anything). */
export function replace(el: Element, ...children: Child[]): void {
  el.textContent = "";
  append(el, children);
}

export function byTestId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T {
  const el = root.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing element ${id}`);
  return el;
}

/** A swatch of a service's colour (set through the CSSOM, which the page's CSP allows). */
export function swatch(color: string): HTMLSpanElement {
  const s = h("span", { class: "swatch", attrs: { "aria-hidden": "true" } });
  s.style.backgroundColor = color;
  return s;
}
