import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../../src/core/engine/analyze-article';
import { compareFacts } from '../../../src/core/engine/compare-facts';
import type { ArticleRecord, FactChange } from '../../../src/core/types';

const ROOT = join(import.meta.dirname, '../../fixtures/clusters');
const load = (name: string) => JSON.parse(readFileSync(join(ROOT, `${name}.json`), 'utf8')) as ArticleRecord;

/** [kind, source words, copy words] of each change, for readable expectations. */
const brief = (xs: FactChange[]) => xs.map((c) => [c.kind, c.source, c.copy]);

describe('compareFacts: numbers', () => {
  it('reports a figure replaced by another, quoting both with their currency', () => {
    const copy = 'The seawall will cost $50 million, the council said on Tuesday.';
    const source = 'The seawall will cost $48 million, the council said on Tuesday.';
    const out = compareFacts(copy, source);
    expect(brief(out)).toEqual([['number', '$48 million', '$50 million']]);
    // Offsets point at the quoted words in each sentence (the UI marks them).
    expect(copy.slice(out[0].copyStart!, out[0].copyEnd!)).toBe('$50 million');
    expect(source.slice(out[0].sourceStart!, out[0].sourceEnd!)).toBe('$48 million');
  });

  it('compares word numbers with digits and keeps units', () => {
    expect(brief(compareFacts('7 people were hurt when the storm hit the harbour.', 'Six people were hurt when the storm hit the harbour.'))).toEqual([
      ['number', 'Six people', '7 people'],
    ]);
    expect(brief(compareFacts('The new path runs 2 miles along the shore.', 'The new path runs 1.2 miles along the shore.'))).toEqual([['number', '1.2 miles', '2 miles']]);
    expect(brief(compareFacts('Water rates rose 7 percent this year.', 'Water rates rose 5% this year.'))).toEqual([['number', '5%', '7 percent']]);
  });

  it('reports nothing when the same figure is written another way', () => {
    expect(compareFacts('The repairs cost $48M in all.', 'The repairs cost $48 million in all.')).toEqual([]);
    expect(compareFacts('The repairs cost $1.4m in all.', 'The repairs cost 1.4 million dollars in all.')).toEqual([]);
    expect(compareFacts('Six boats sank in the harbour.', '6 boats sank in the harbour.')).toEqual([]);
    expect(compareFacts('The wall protects 1,200 homes.', 'The wall protects 1200 homes.')).toEqual([]);
    // Rounded to the precision written: 48.2 million is "48 million".
    expect(compareFacts('The project cost 48 million dollars.', 'The project cost 48.2 million dollars.')).toEqual([]);
  });

  it('does not call a dropped or added number a change', () => {
    expect(compareFacts('The council approved the seawall plan on Tuesday.', 'The council approved the $48 million seawall plan on Tuesday.')).toEqual([]);
    expect(compareFacts('The council approved the $48 million seawall plan on Tuesday.', 'The council approved the seawall plan on Tuesday.')).toEqual([]);
  });

  it('does not call reordered numbers a change', () => {
    expect(compareFacts('Five people died and 12 were injured in the crash.', '12 people were injured and five died in the crash.')).toEqual([]);
  });

  it('leaves conversions, bounds and clock times alone', () => {
    expect(compareFacts('The storm lasted 72 hours over the coast.', 'The storm lasted 3 days over the coast.')).toEqual([]);
    // "more than 100" and "128" agree.
    expect(compareFacts('128 people were injured in the derailment in Queensland.', 'More than 100 people were injured in the derailment in Queensland.')).toEqual([]);
    expect(compareFacts('The council met at 4:15 pm on Tuesday.', 'The council met at 3:30 pm on Tuesday.')).toEqual([]);
  });

  it('leaves dates alone: days by a month name, slashed dates, the year of a full date', () => {
    expect(compareFacts('The thread was posted on January 5, 2018 by the senator.', 'The thread was posted on 2 January 2018 by the senator.')).toEqual([]);
    expect(compareFacts('He sent his best wishes on September 12 to the losers.', 'He sent his best wishes on 9/11 to the losers.')).toEqual([]);
    expect(compareFacts('Abrams burned the Georgia state flag — posted October 22, 2018', 'Abrams burned the Georgia state flag during a protest in 1992.')).toEqual([]);
    // A year in the same role is a figure like any other.
    expect(brief(compareFacts('The wall was built in 2005 after three storms.', 'The wall was built in 2004 after 3 storms.'))).toEqual([['number', '2004', '2005']]);
  });

  it('pairs numbers only in the same role when each sentence has several', () => {
    // 12 injured -> 15 injured is a change; the 3 deaths are stated by both.
    expect(brief(compareFacts('Three people died and 15 were injured in the crash.', '3 people died and 12 were injured in the crash.'))).toEqual([
      ['number', '12', '15'],
    ]);
    expect(brief(compareFacts('Councillors decided on Tuesday, by 8 votes to 2, to shut the bridge.', 'The council voted 7 to 2 on Tuesday to shut the bridge.'))).toEqual([
      ['number', '7', '8'],
    ]);
    // "12 hurt" dropped and "40 homes" added are different counts, not one figure changed.
    expect(compareFacts('Three people died and 40 homes were damaged in the storm.', 'Three people died and 12 were hurt in the storm.')).toEqual([]);
  });
});

describe('compareFacts: hedges', () => {
  it('reports a dropped hedge, pointing at the plain statement in the copy', () => {
    expect(brief(compareFacts('The mayor took the bribe last spring.', 'The mayor allegedly took the bribe last spring.'))).toEqual([['hedge', 'allegedly', 'took']]);
    expect(brief(compareFacts('The repairs will cost 48 million dollars.', 'The repairs may cost 48 million dollars.'))).toEqual([['hedge', 'may', 'cost']]);
    expect(brief(compareFacts('The wall will protect 300 homes.', 'The wall will protect about 300 homes.'))).toEqual([['hedge', 'about', '300']]);
    expect(brief(compareFacts('The work on the pier is finished.', 'According to officials, the work on the pier is finished.'))).toEqual([['hedge', 'According to', null]]);
  });

  it('reports nothing when the copy hedges or attributes too', () => {
    expect(compareFacts('The repairs could cost 48 million dollars.', 'The repairs may cost 48 million dollars.')).toEqual([]);
    expect(compareFacts('Officials said the work on the pier is finished.', 'According to officials, the work on the pier is finished.')).toEqual([]);
    expect(compareFacts('The mayor reportedly took the bribe last spring.', 'The mayor allegedly took the bribe last spring.')).toEqual([]);
  });

  it('does not take the month May or "about" meaning "concerning" for a hedge', () => {
    expect(compareFacts('The council voted on 5 May on the seawall.', 'The council voted on 5 May on the seawall.'.replace('5 May', 'May 5'))).toEqual([]);
    expect(compareFacts('Residents asked the council for the seawall plan.', 'Residents asked the council about the seawall plan.')).toEqual([]);
  });

  it('does not report a hedge whose claim the copy left out', () => {
    expect(compareFacts('The council approved the plan on Tuesday.', 'The council approved the plan on Tuesday, and the work may start in spring.')).toEqual([]);
  });
});

describe('compareFacts: negation', () => {
  it('reports a negation the copy dropped or added', () => {
    expect(brief(compareFacts('The mayor attended the meeting on Tuesday.', 'The mayor did not attend the meeting on Tuesday.'))).toEqual([
      ['negation', 'not attend', 'attended'],
    ]);
    expect(brief(compareFacts("The mayor didn't attend the meeting on Tuesday.", 'The mayor attended the meeting on Tuesday.'))).toEqual([
      ['negation', 'attended', "didn't attend"],
    ]);
  });

  it('leaves negations expressed otherwise, or both ways, alone', () => {
    expect(compareFacts('The mayor refused to attend the meeting on Tuesday.', 'The mayor did not attend the meeting on Tuesday.')).toEqual([]);
    expect(compareFacts('China did not react favorably to the plan last month.', 'China reacted coolly to the plan last month.')).toEqual([]);
    expect(compareFacts('The presidents attended the summit but did not attend the signing.', 'The presidents, who did attend, skipped the signing.')).toEqual([]);
    expect(compareFacts('The plan would hurt some, if not all, of the shop owners.', 'The plan would hurt the shop owners.')).toEqual([]);
  });
});

describe('compareFacts: unrelated or unchanged sentences', () => {
  it('reports nothing for a paraphrase that keeps the facts', () => {
    expect(
      compareFacts(
        'Fixing it would carry a price tag of roughly $4.2 million, consultants told the council in a report.',
        'Repairing the pier would cost an estimated $4.2 million, according to a report prepared for the council by consultants.',
      ),
    ).toEqual([]);
  });

  it('reports nothing between neighbouring facts of one story', () => {
    expect(compareFacts("After this first recount, Rossi's lead was shortened to 42 votes.", 'She won a statewide hand recount by a scant 129 votes out of more than 2.8 million cast.')).toEqual([]);
  });
});

describe('analyzeArticle: passages carry their changes', () => {
  const original = load('ferry/original');
  const rewrite = load('ferry/rewrite');

  it('reports no change for a rewrite that keeps every fact', () => {
    const r = analyzeArticle(rewrite, [original]);
    expect(r.verdict).toBe('paraphrased-copy');
    expect(r.passages.filter((p) => p.changes)).toEqual([]);
  });

  it('reports an altered figure and a dropped hedge on the passages that carry them', () => {
    const altered = structuredClone(rewrite);
    altered.paragraphs[2] = altered.paragraphs[2].replace('around 3,100', '3,100');
    altered.paragraphs[5] = altered.paragraphs[5].replace('$650,000', '$800,000');
    const r = analyzeArticle(altered, [original]);
    expect(r.verdict).toBe('paraphrased-copy');
    const changed = r.passages.filter((p) => p.changes);
    expect(changed.flatMap((p) => brief(p.changes!))).toEqual([
      ['hedge', 'about', '3,100'],
      ['number', '$650,000', '$800,000'],
    ]);
    for (const p of changed)
      for (const c of p.changes!) {
        expect(p.text.slice(c.copyStart!, c.copyEnd!)).toBe(c.copy);
        expect(p.source.sentence!.slice(c.sourceStart!, c.sourceEnd!)).toBe(c.source);
      }
  });

  it('never compares shared quotations', () => {
    const r = analyzeArticle(rewrite, [original]);
    expect(r.passages.filter((p) => p.kind === 'quote' && p.changes)).toEqual([]);
  });
});
