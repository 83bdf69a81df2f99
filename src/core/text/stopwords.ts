/**
 * English stopwords: function words that carry no topic, plus news filler verbs ("said") that every
 * article repeats. Kept short on purpose: content words such as "war" or "court" must stay.
 */
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all almost along already also although always am among an and another any ' +
    'anyone anything are around as at be became because become been before being below between both but by can ' +
    'cannot could did do does doing done down during each either else enough even ever every few for from further ' +
    'get gets got had has have having he her here hers herself him himself his how however i if in into is it its ' +
    'itself just least less like made make many may me might mine more most much must my myself neither never no ' +
    'nor not now of off often on once one only onto or other others otherwise our ours ourselves out over own per ' +
    'perhaps quite rather really said same says say saying see seem seemed seems several shall she should since so ' +
    'some something still such than that the their theirs them themselves then there therefore these they this ' +
    'those though through thus to too toward towards under until up upon us very via was we well were what whatever ' +
    'when whenever where whether which while who whom whose why will with within without would yet you your yours ' +
    'yourself yourselves told tell tells according also s t d ll re ve m don doesn didn isn wasn aren weren won ' +
    'wouldn couldn shouldn hasn haven hadn mr mrs ms dr'
  ).split(' '),
);

/** Whether a lower-cased word is an English stopword. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
