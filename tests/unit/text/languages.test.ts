import { describe, expect, it } from 'vitest';
import { contentTerms, detectLang, quotedRanges, resolveLang, splitSentences, tokenize } from '../../../src/core/text/index';

const terms = (s: string, lang: string) => contentTerms(s, lang).map((t) => t.term);

describe('language detection', () => {
  it('names the language of news text in eleven languages and six scripts', () => {
    const samples: Record<string, string> = {
      en: 'The city council voted on Tuesday to close the ferry terminal by the end of March, after engineers found the pier was sinking.',
      es: 'El ayuntamiento votó el martes cerrar la terminal de ferris antes de finales de marzo, después de que los ingenieros descubrieran que el muelle se hundía.',
      fr: 'Le conseil municipal a voté mardi la fermeture du terminal de ferries d’ici la fin du mois de mars, après que les ingénieurs ont constaté que la jetée s’enfonçait.',
      de: 'Der Stadtrat hat am Dienstag beschlossen, das Fährterminal bis Ende März zu schließen, nachdem Ingenieure festgestellt hatten, dass der Anleger absinkt.',
      pt: 'A câmara municipal votou na terça-feira o encerramento do terminal de ferries até ao fim de março, depois de os engenheiros descobrirem que o cais estava a afundar.',
      ru: 'Городской совет во вторник решил закрыть паромный терминал до конца марта, после того как инженеры обнаружили, что причал проседает.',
      ar: 'صوّت المجلس البلدي يوم الثلاثاء على إغلاق محطة العبارات بحلول نهاية مارس، بعد أن اكتشف المهندسون أن الرصيف يغوص في الماء.',
      ur: 'سٹی کونسل نے منگل کے روز فیری ٹرمینل مارچ کے آخر تک بند کرنے کا فیصلہ کیا، کیونکہ انجینئروں نے معلوم کیا تھا کہ جیٹی دھنس رہی ہے۔',
      hi: 'नगर परिषद ने मंगलवार को फेरी टर्मिनल को मार्च के अंत तक बंद करने का फैसला किया, क्योंकि इंजीनियरों ने पाया था कि घाट धंस रहा है।',
      zh: '市议会周二投票决定在三月底前关闭渡轮码头，因为工程师发现码头的栈桥正在下沉。',
      ja: '市議会は火曜日、桟橋が沈下していることが分かったため、フェリーターミナルを3月末までに閉鎖することを可決した。',
    };
    for (const [lang, text] of Object.entries(samples)) expect([lang, detectLang(text)]).toEqual([lang, lang]);
  });

  it('says nothing about a text too short to tell', () => {
    expect(detectLang('Reuters')).toBeNull();
    expect(detectLang('2024')).toBeNull();
  });

  it('keeps a declared language, and corrects one the text plainly contradicts', () => {
    const es = 'El ayuntamiento de la ciudad votó el martes cerrar la terminal de ferris de la calle Fenwick antes de finales de marzo. Los ingenieros descubrieron el otoño pasado que el muelle de la terminal se estaba hundiendo y que las reparaciones costarían 4,2 millones de dólares.';
    expect(resolveLang('es', es)).toEqual({ lang: 'es', source: 'declared' });
    expect(resolveLang('es-MX', es)).toEqual({ lang: 'es', source: 'declared' });
    expect(resolveLang(null, es)).toEqual({ lang: 'es', source: 'detected' });
    // A CMS template that declares English on every page.
    expect(resolveLang('en', es)).toEqual({ lang: 'es', source: 'corrected' });
    expect(resolveLang('en', 'پورٹ ایلڈن کی سٹی کونسل نے منگل کے روز فیری ٹرمینل بند کرنے کا فیصلہ کیا۔')).toEqual({ lang: 'ur', source: 'corrected' });
  });
});

describe('sentences in every script', () => {
  it('ends sentences at the Urdu full stop even without a space, and at the Arabic question mark', () => {
    const s = splitSentences('بنگلہ دیش نے میچ جیت لیا۔تیج الاسلام نے ہیٹ ٹرک کی۔ کیا یہ سچ ہے؟ ہاں۔');
    expect(s.map((x) => x.text)).toEqual(['بنگلہ دیش نے میچ جیت لیا۔', 'تیج الاسلام نے ہیٹ ٹرک کی۔', 'کیا یہ سچ ہے؟', 'ہاں۔']);
  });
  it('ends sentences at the Devanagari danda and the CJK full stop, with offsets', () => {
    const text = 'राम घर गया। वह खुश है। 我们走了。他来了！东京的天气很好。';
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual(['राम घर गया।', 'वह खुश है।', '我们走了。', '他来了！', '东京的天气很好。']);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });
  it('keeps the English rules (abbreviations, decimals)', () => {
    expect(splitSentences('Mr. Smith paid $3.5 million. He left.').map((x) => x.text)).toEqual(['Mr. Smith paid $3.5 million.', 'He left.']);
  });
});

describe('words where scripts write no spaces', () => {
  it('segments Chinese, Japanese and Thai into words with offsets', () => {
    for (const text of ['我们今天去北京参加了会议', 'フェリーターミナルを閉鎖することを可決した', 'ประเทศไทยมีประชากรมาก']) {
      const toks = tokenize(text);
      expect(toks.length).toBeGreaterThan(2);
      for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.text);
    }
    expect(tokenize('我们今天去北京').map((t) => t.text)).toContain('北京');
  });

  it('reads a run spaced out character by character, or with invisible characters between them, as the run', () => {
    const norms = (s: string) => tokenize(s).map((t) => t.norm);
    for (const text of ['我们今天去北京参加了会议', 'フェリーターミナルを閉鎖することを可決した']) {
      for (const gap of [' ', '\u2009', '\u3000', '\u200B', '\u2060']) {
        const spaced = [...text].join(gap);
        expect(norms(spaced), JSON.stringify(gap)).toEqual(norms(text));
        for (const t of tokenize(spaced)) expect(spaced.slice(t.start, t.end)).toBe(t.text);
      }
    }
    // Between a Chinese word and a Latin one a space stays a word break.
    expect(norms('北京 Beijing')).toEqual(['北京', 'beijing']);
  });
});

describe('content terms per language', () => {
  it('drops each language’s function words and stems its inflections', () => {
    expect(terms('Los ingenieros descubrieron el muelle', 'es')).toEqual(terms('el ingeniero descubrió los muelles', 'es'));
    expect(terms('la jetée', 'fr')).toEqual(['jet']);
    expect(terms('Die Ingenieure', 'de')).toEqual(terms('des Ingenieurs', 'de'));
    expect(terms('инженеры обнаружили', 'ru')).toEqual(terms('инженер обнаружил', 'ru'));
  });
  it('reads Urdu plural endings and letter variants as one word', () => {
    // ووٹوں (votes, oblique plural) and ووٹ (vote); Arabic yeh/kaf/heh against the Urdu letters.
    expect(terms('ووٹوں', 'ur')).toEqual(terms('ووٹ', 'ur'));
    expect(terms('كمپني', 'ur')).toEqual(terms('کمپنی', 'ur'));
    expect(terms('اور کے نے میں', 'ur')).toEqual([]);
  });
  it('reads Russian with or without stress marks, and Greek with or without accents, as one word', () => {
    expect(terms('Молоко́ подорожа́ло в Москве́', 'ru')).toEqual(terms('Молоко подорожало в Москве', 'ru'));
    // й and ё keep their marks: they are letters, not stress.
    expect(terms('новый', 'ru')).not.toEqual(terms('новыи', 'ru'));
    expect(terms('Η Αθήνα αποφάσισε', 'el')).toEqual(terms('Η ΑΘΗΝΑ ΑΠΟΦΑΣΙΣΕ', 'el'));
  });
  it('reads Hindi with or without nukta and chandrabindu as one word', () => {
    expect(terms('ज़मीन', 'hi')).toEqual(terms('जमीन', 'hi'));
  });
  it('makes one number of every script, separator and scale word', () => {
    const n = (s: string, lang: string) => contentTerms(s, lang).filter((t) => t.kind === 'number').map((t) => t.term);
    expect(n('4,2 millones', 'es')).toEqual(['#4200000']);
    expect(n('3.100 Pendler', 'de')).toEqual(['#3100']);
    expect(n('420万美元', 'zh')).toEqual(['#4200000']);
    expect(n('۳ لاکھ', 'ur')).toEqual(['#300000']);
    expect(n('٤٫٢ مليون', 'ar')).toEqual(['#4200000']);
    expect(n('4.2 million', 'en')).toEqual(['#4200000']);
    expect(n('4,200 people', 'en')).toEqual(['#4200']);
  });
});

describe('quotation marks of every script', () => {
  it('finds quoted speech in «», „“, 「」 and “”', () => {
    const texts = ['Elle a dit « non » hier.', 'Er sagte „nein“ gestern.', '市長は「苦渋の決断だ」と述べた。', 'He said “no” today.'];
    for (const t of texts) {
      const r = quotedRanges(t);
      expect(r.length).toBe(1);
      expect(t.slice(r[0][0], r[0][1])).toMatch(/^[«„「“].*[»“」”]$/u);
    }
  });
});
