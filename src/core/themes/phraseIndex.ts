// The shelf's title phrases numbered once (each key, and each way it is written), so counting a
// theme's phrases is counting small integers in a scratch row: on a shelf of 100,000 papers whose
// tree is seven levels deep, every title is counted at every level it belongs to.
import type { Steps } from '../runtime/yieldToHost';
import { rankPhrases, type NameCandidate, type TitlePhrases } from './naming';

export class PhraseIndex {
  /** Key id -> the phrase key (stems). */
  private readonly keys: string[] = [];
  /** Key id -> ids of the ways it is written. */
  private readonly keyForms: number[][] = [];
  /** Form id -> how it is written. */
  private readonly forms: string[] = [];
  /** Papers' phrases as form ids, in the order added: paper p's are paperForms[start[p] .. start[p + 1]). */
  private readonly start: number[] = [0];
  private readonly paperForms: number[] = [];
  private readonly formKey: number[] = [];
  private readonly keyIds = new Map<string, number>();
  /** How a phrase is written -> its form id. */
  private readonly formIds = new Map<string, number>();

  /** Adds the next paper's title phrases. */
  add(title: TitlePhrases): void {
    for (const [key, form] of title) {
      // A way of writing is one phrase's only (its key is made from its words), so it is looked up first.
      let f = this.formIds.get(form);
      if (f === undefined) f = this.newForm(key, form);
      this.paperForms.push(f);
    }
    this.start.push(this.paperForms.length);
  }

  private newForm(key: string, form: string): number {
    let k = this.keyIds.get(key);
    if (k === undefined) {
      this.keyIds.set(key, (k = this.keys.length));
      this.keys.push(key);
      this.keyForms.push([]);
    }
    const known = this.keyForms[k];
    for (const id of known) if (this.forms[id] === form) return id;
    const f = this.forms.length;
    this.forms.push(form);
    this.formKey.push(k);
    known.push(f);
    this.formIds.set(form, f);
    return f;
  }

  /**
   * Each group's name candidates (`rankPhrases`) within its parent group (-1: the whole shelf
   * of `shelfSize` papers, `shelf` its members); parents come before their children.
   */
  *rank(members: readonly number[][], parents: readonly number[], shelf: readonly number[]): Steps<NameCandidate[][]> {
    const contextDf = new Int32Array(this.keys.length);
    const groupDf = new Int32Array(this.keys.length);
    const formCount = new Int32Array(this.forms.length);
    const out: NameCandidate[][] = members.map(() => []);
    const children = new Map<number, number[]>();
    parents.forEach((p, t) => (children.get(p) ?? children.set(p, []).get(p)!).push(t));
    let work = 0;
    for (const [parent, kids] of children) {
      const context = parent < 0 ? shelf : members[parent];
      this.count(context, contextDf, undefined, undefined, 1);
      for (const t of kids) {
        const touched: number[] = [];
        this.count(members[t], groupDf, formCount, touched, 1);
        const size = members[t].length;
        const group = (keys: number[]) => ({
          size,
          keys: keys.map((k) => this.keys[k]),
          df: keys.map((k) => groupDf[k]),
          contextDf: keys.map((k) => contextDf[k]),
          formsOf: (i: number) => {
            const forms = new Map<string, number>();
            for (const f of this.keyForms[keys[i]]) if (formCount[f] > 0) forms.set(this.forms[f], formCount[f]);
            return forms;
          },
        });
        // Phrases of one title only are candidates only when no phrase is shared.
        const shared = rankPhrases(group(touched.filter((k) => groupDf[k] >= Math.min(2, size))), context.length);
        // A theme whose titles share no phrase is named by its most telling phrase of any one title.
        out[t] = shared.length ? shared : rankPhrases(group(touched), context.length, 1);
        this.count(members[t], groupDf, formCount, undefined, -1);
        work += 100 + members[t].length;
        if (work >= 1000) {
          work = 0;
          yield;
        }
      }
      this.count(context, contextDf, undefined, undefined, -1);
    }
    return out;
  }

  /** Adds (`by` 1) or takes away (-1) the papers' phrases; `touched` gets each key as first met. */
  private count(papers: readonly number[], df: Int32Array, forms?: Int32Array, touched?: number[], by = 1): void {
    const { start, paperForms, formKey } = this;
    for (const p of papers)
      for (let j = start[p]; j < start[p + 1]; j++) {
        const f = paperForms[j];
        const k = formKey[f];
        if (touched && df[k] === 0) touched.push(k);
        df[k] += by;
        if (forms) forms[f] += by;
      }
  }
}
