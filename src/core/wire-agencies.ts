/**
 * The news agencies the engine knows, one entry each: the short name reports and page signals
 * carry, how pages name the agency in Latin-script text, how its own papers write it in other
 * scripts (read in datelines only), and what a page that IS the agency calls itself and where it
 * lives. The one owner of these facts: extraction (src/extract/find-credits.ts) reads the names to
 * find a wire credit; the engine (src/core/engine/signals.ts) reads the sites to tell the agency's
 * own page from a page carrying its story. Data only, no address parsing: the content script
 * bundles it, and the Public Suffix List stays out of that bundle (its size budget).
 */

export interface WireAgency {
  /** The name reports use ("AP", "Reuters"); page signals carry it as `wire`. */
  short: string;
  /** The agency named in Latin-script text: credit and copyright lines, bylines, datelines. */
  text?: RegExp;
  /**
   * The agency as its papers write it in other scripts, alone inside a dateline's parentheses:
   * "اسلام آباد ۔ 3 اکتوبر (اے پی پی)", "القاهرة (رويترز) -", "北京（新华社）". Outside a dateline
   * several are ordinary words ("آن لائن" is "online", "भाषा" "language"): never looked for in prose.
   */
  native?: string[];
  /** What the agency's own pages give as their site name (lower case), besides the short name. */
  names?: string[];
  /** Registrable domains of the agency's own sites. */
  sites?: string[];
}

/**
 * In the order text is matched: the first agency whose name a line holds is its wire. Longer names
 * that hold a shorter one ("Associated Press of Pakistan", "Australian Associated Press") come
 * before it.
 */
export const WIRE_AGENCIES: readonly WireAgency[] = [
  { short: 'APP', text: /\bassociated press of pakistan\b|\(app\)/i, native: ['اے پی پی'], names: ['associated press of pakistan'], sites: ['app.com.pk'] },
  { short: 'AAP', text: /\baustralian associated press\b|\(aap\)/i, names: ['australian associated press'], sites: ['aap.com.au'] },
  {
    short: 'AP',
    text: /\bassociated press\b|\(ap\)|\bap photo\b|\bap news\b/i,
    native: ['اے پی', 'أ ب', 'أسوشيتد برس', 'एपी', '美联社'],
    names: ['associated press', 'the associated press'],
    sites: ['apnews.com', 'ap.org'],
  },
  {
    short: 'Reuters',
    text: /\breuters\b/i,
    native: ['رائٹرز', 'روئٹرز', 'رويترز', 'رویترز', 'रॉयटर्स', 'रायटर', '路透社', '路透', 'ロイター', 'Рейтер'],
    sites: ['reuters.com'],
  },
  {
    short: 'AFP',
    text: /\bagence france[- ]presse\b|\bafp\b/i,
    native: ['اے ایف پی', 'أ ف ب', 'ا ف ب', 'فرانس برس', 'एएफपी', '法新社', 'Франс Пресс', 'АФП'],
    names: ['agence france-presse', 'agence france presse'],
    sites: ['afp.com'],
  },
  { short: 'UPI', text: /\bunited press international\b|\(upi\)/i, names: ['united press international'], sites: ['upi.com'] },
  { short: 'dpa', text: /\bdeutsche presse-agentur\b|\(dpa\)/i, native: ['د ب أ'], names: ['deutsche presse-agentur'], sites: ['dpa.com'] },
  { short: 'PA', text: /\bpress association\b|\(pa\)|\bpa media\b/i, names: ['press association', 'pa media'], sites: ['pamediagroup.com'] },
  { short: 'Bloomberg', text: /\bbloomberg news\b|\(bloomberg\)/i, names: ['bloomberg news'], sites: ['bloomberg.com'] },
  { short: 'Xinhua', text: /\bxinhua\b/i, native: ['新华社', '新華社', 'شنہوا', 'شينخوا', 'Синьхуа', 'सिन्हुआ'], names: ['xinhua news agency'], sites: ['xinhuanet.com', 'news.cn'] },
  { short: 'Kyodo', text: /\bkyodo news\b|\(kyodo\)/i, native: ['共同', '共同通信'], names: ['kyodo news'], sites: ['kyodonews.net'] },
  { short: 'ANSA', text: /\bansa\b/, sites: ['ansa.it'] },
  { short: 'EFE', text: /\bagencia efe\b|\(efe\)/i, names: ['agencia efe'], sites: ['efe.com'] },
  { short: 'CP', text: /\bcanadian press\b|\(cp\)/i, names: ['the canadian press', 'canadian press'], sites: ['thecanadianpress.com'] },
  { short: 'PTI', text: /\bpress trust of india\b|\(pti\)/i, native: ['पीटीआई', 'भाषा'], names: ['press trust of india'], sites: ['ptinews.com'] },
  { short: 'ANI', text: /\(ani\)/i, native: ['एएनआई'], sites: ['aninews.in'] },
  { short: 'IANS', text: /\(ians\)/i, native: ['आईएएनएस'], sites: ['ians.in'] },
  { short: 'TASS', text: /\(tass\)/i, native: ['ТАСС'], sites: ['tass.com', 'tass.ru'] },
  { short: 'Anadolu', text: /\banadolu agency\b|\(aa\)/i, native: ['الأناضول', 'الاناضول'], names: ['anadolu agency'], sites: ['aa.com.tr'] },
  { short: 'Yonhap', text: /\byonhap\b/i, native: ['연합뉴스'], names: ['yonhap news agency'], sites: ['yna.co.kr'] },
  { short: 'RIA Novosti', native: ['РИА Новости'], sites: ['ria.ru'] },
  { short: 'Interfax', native: ['Интерфакс'], sites: ['interfax.ru', 'interfax.com'] },
  { short: 'Jiji', native: ['時事', '時事通信'], sites: ['jiji.com'] },
  { short: 'China News Service', native: ['中新社'], sites: ['chinanews.com.cn', 'chinanews.com'] },
  { short: 'Online', native: ['آن لائن'] },
  { short: 'NNI', native: ['این این آئی'] },
  { short: 'INP', native: ['آئی این پی'] },
  { short: 'Sana', native: ['ثناء نیوز'] },
  { short: 'SPA', native: ['واس'], sites: ['spa.gov.sa'] },
  { short: 'WAM', native: ['وام'], sites: ['wam.ae'] },
  { short: 'KUNA', native: ['كونا'], sites: ['kuna.net.kw'] },
  { short: 'MENA', native: ['أ ش أ'] },
];

const BY_SHORT = new Map(WIRE_AGENCIES.map((a) => [a.short.toLowerCase(), a]));

/** The agency with this short name (any case), if the engine knows it. */
export function wireAgency(short: string): WireAgency | undefined {
  return BY_SHORT.get(short.toLowerCase());
}

/**
 * Whether a page is the agency `short` itself, rather than a page carrying its story: its site
 * (registrable domain, as src/core/site.ts siteOf gives it) is one of the agency's, or it calls
 * itself by the agency's name. An agency the table lacks is matched by its short name alone.
 */
export function isAgencyPage(page: { site: string | null; host: string | null; siteName: string | null }, short: string): boolean {
  const a = wireAgency(short);
  const name = (page.siteName ?? '').trim().toLowerCase();
  if (name && [short.toLowerCase(), ...(a?.names ?? [])].includes(name)) return true;
  return (page.site !== null && (a?.sites ?? []).includes(page.site)) || page.host === short.toLowerCase();
}
