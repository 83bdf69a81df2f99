import { describe, expect, it } from 'vitest';
import { quotationsNameSpeaker } from '../../../src/core/text/quote-speaker';

const one = (s: string) => quotationsNameSpeaker(s, [[0, s.length]])[0];

describe('quotationsNameSpeaker', () => {
  it('names the speaker with a full name, a title and a name, a surname by the verb, or a pronoun for someone named before', () => {
    expect(one('"Most of what goes in our black bins could be recycled," said Councillor Priya Nandra, cabinet member for environment.')).toBe(true);
    expect(one('"Our crews have trialled the new rounds," said Gareth Lowe, head of waste services.')).toBe(true);
    expect(one('"We are going to be hard to play against," Ferreira said.')).toBe(true);
    expect(one('"It is about time," he said.')).toBe(true);
  });

  it('does not count an anonymous voice, which costs a rewriter nothing to invent', () => {
    for (const s of [
      '"We have been waiting a long time for news like this," said one local resident, who asked not to be named.',
      '"People round here will be talking about it for weeks," a shopkeeper nearby said.',
      '"Nobody I know saw this coming," a neighbour told us.',
      '"We will believe it when we see it," said a man who has lived in the area for thirty years.',
    ])
      expect(one(s), s).toBe(false);
  });

  it('a sentence inside a quotation that runs on has no attribution of its own; the one that closes it does', () => {
    const text = '"She got this job because she is a very good hockey coach. That she is a woman is history, and it is about time," he said.';
    const cut = text.indexOf('That');
    expect(quotationsNameSpeaker(text, [[0, cut - 1], [cut, text.length]])).toEqual([null, true]);
    expect(one('"We are going to be hard to play against."')).toBeNull();
  });
});
