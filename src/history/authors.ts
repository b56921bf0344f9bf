import { addTo } from "../util/maps.js";

/**
 * The people behind the commits. One person often commits under two names with one e-mail address
 * ("Thomas" and "Thomas Kaul", a GitHub login and a full name), which `.mailmap` would join but
 * few repositories keep one: names that share an address are one author, and so are addresses
 * that share a name. An address that is no one's joins nothing: an empty one, one of the example or
 * local domains a fresh git install or a tutorial suggests (`you@example.com`, `root@localhost`), or a
 * shared no-reply box (`noreply@github.com`; GitHub's per-user `123+login@users.noreply.github.com` is
 * one person's).
 */
export class AuthorIdentities {
  private readonly byName = new Map<string, number>();
  private readonly byEmail = new Map<string, number>();
  /** union-find over the numbers handed out: each points at the one it was joined to */
  private readonly parent: number[] = [];
  /** commits per name, in order of first appearance */
  private readonly commits = new Map<string, number>();

  /** The author's number, stable while reading; `resolve` turns them into the final ones. */
  indexOf(name: string, email: string): number {
    const known = this.byName.get(name);
    const trimmed = email.trim().toLowerCase();
    const address = personal(trimmed) ? trimmed : "";
    const sameAddress = address ? this.byEmail.get(address) : undefined;
    let id: number;
    addTo(this.commits, name);
    if (known === undefined && sameAddress === undefined) {
      id = this.parent.push(this.parent.length) - 1;
    } else if (known === undefined || sameAddress === undefined || known === sameAddress) {
      id = (known ?? sameAddress)!;
    } else {
      id = this.join(known, sameAddress);
    }
    if (known === undefined) this.byName.set(name, id);
    if (address && sameAddress === undefined) this.byEmail.set(address, id);
    return id;
  }

  /**
   * The final numbering: one number per person, in order of first appearance, named by the name
   * they committed under most (on a tie the newest, since history is read newest first); `of[i]` is
   * the final number of the number `indexOf` handed out as i.
   */
  resolve(): { names: string[]; of: Int32Array } {
    const named = new Map<number, { name: string; commits: number }>();
    for (const [name, commits] of this.commits) {
      const root = this.find(this.byName.get(name)!);
      const best = named.get(root);
      if (!best || commits > best.commits) named.set(root, { name, commits });
    }
    const of = new Int32Array(this.parent.length);
    const final = new Map<number, number>();
    const names: string[] = [];
    for (let i = 0; i < this.parent.length; i++) {
      const root = this.find(i);
      let n = final.get(root);
      if (n === undefined) {
        n = names.push(named.get(root)!.name) - 1;
        final.set(root, n);
      }
      of[i] = n;
    }
    return { names, of };
  }

  /** Joins two people into the one seen first; returns it. */
  private join(a: number, b: number): number {
    const [ra, rb] = [this.find(a), this.find(b)];
    const keep = Math.min(ra, rb);
    this.parent[Math.max(ra, rb)] = keep;
    return keep;
  }

  private find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
}

/** Domains no one's address is at: the examples of RFC 2606 and a machine's own name. */
const NOBODY_DOMAIN = /^(example\.(com|org|net)|localhost(\.localdomain)?|\(none\)|none)$/;
/** Mailboxes that several people share, or none reads. */
const SHARED_BOX = /^(noreply|no-reply|root|nobody|unknown)$/;

/** Whether an address is one person's, so that the names using it are that person's. */
function personal(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0) return false;
  return !NOBODY_DOMAIN.test(address.slice(at + 1)) && !SHARED_BOX.test(address.slice(0, at));
}
