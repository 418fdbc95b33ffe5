// medleaf default theme: Spanish text analysis for site search (issue 12), loaded by search.js
// only when the index's manifest says the site is Spanish (`"lang": "es"`).
//
// The same rules as src/search/spanish.rs, which documents them: accents folded (ñ kept apart),
// Spanish stopwords, and Snowball's Spanish stemmer, ported routine by routine. Checked on the
// shared vectors src/search/vectors/stemmer-vectors-es.txt (the stems of the published Snowball
// implementation) and search-terms-vectors-es.txt, in Node.js and in Chromium
// (tests/browser/tools/text-vectors.mjs, tests/browser/checks/search.mjs).

/** Function words left out on Spanish sites, without accents (spanish.rs STOPWORDS). */
export const STOPWORDS_ES = new Set(
  ("a al algo algun alguna algunas alguno algunos aqui cada como con cual cuales cuando de del desde " +
    "donde e el ella ellas ello ellos en entre era eran es esa esas ese eso esos esta estaba estan " +
    "estar estas este esto estos estoy fue fueron ha haber habia han has hay he hemos la las le les " +
    "lo los me mi mis mucho nos nosotros nuestra nuestro o os otra otras otro otros para pero por " +
    "porque pueda puede pueden que quien quienes se sea sean ser si sobre son su sus suya suyo " +
    "tambien te tener tengo tiene tienen todo tu tus u un una unas uno unos usted ustedes vosotros " +
    "y ya yo").split(" "),
);

const ES_BASE = { á: "a", à: "a", é: "e", è: "e", í: "i", ì: "i", ó: "o", ò: "o", ú: "u", ù: "u", ü: "u" };

/** A word without its accents; ñ stays (spanish.rs `fold`). */
export function foldEs(word) {
  return word.replace(/[áàéèíìóòúùü]/g, (c) => ES_BASE[c]);
}

const isVowelEs = (c) => "aeiouáéíóúü".includes(c);

// Where RV, R1 and R2 start (spanish.rs `Regions::of`).
function regionsEs(w) {
  const n = w.length;
  const v = (i) => isVowelEs(w[i]);
  const pastVowel = (from) => {
    for (let i = from; i < n; i++) if (v(i)) return i + 1;
    return -1;
  };
  const pastConsonant = (from) => {
    for (let i = Math.max(from, 0); i < n; i++) if (!v(i)) return i + 1;
    return -1;
  };
  let rv = -1;
  if (n >= 2) {
    if (v(0)) rv = v(1) ? pastConsonant(2) : pastVowel(2);
    else if (!v(1)) rv = pastVowel(2);
    else if (n >= 3) rv = 3;
  }
  const after = (from) => {
    const p = from < 0 ? -1 : pastVowel(from);
    return p < 0 ? -1 : pastConsonant(p);
  };
  const r1 = after(0);
  const r2 = after(r1);
  return { rv: rv < 0 ? n : rv, r1: r1 < 0 ? n : r1, r2: r2 < 0 ? n : r2 };
}

// The longest of `list` that `w` ends with, starting at or after `limit` (spanish.rs `among`).
function among(w, list, limit) {
  let best = null;
  for (let k = 0; k < list.length; k++) {
    const s = list[k];
    if (s.length <= w.length && w.length - s.length >= limit && w.endsWith(s) && (best === null || s.length > list[best.k].length)) {
      best = { k, start: w.length - s.length };
    }
  }
  return best;
}

const PRONOUNS_ES = ["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"];
const FORMS_ES = ["iéndo", "ándo", "ár", "ér", "ír", "ando", "iendo", "ar", "er", "ir", "yendo"];
const UNACCENTED_FORM = { iéndo: "iendo", ándo: "ando", ár: "ar", ér: "er", ír: "ir" };

function attachedPronoun(w, r) {
  const pronoun = among(w, PRONOUNS_ES, 0);
  if (!pronoun) return w;
  const before = w.slice(0, pronoun.start);
  const form = among(before, FORMS_ES, 0);
  if (!form || form.start < r.rv) return w;
  const f = FORMS_ES[form.k];
  if (UNACCENTED_FORM[f]) return w.slice(0, form.start) + UNACCENTED_FORM[f];
  if (f === "yendo") return form.start > 0 && w[form.start - 1] === "u" ? before : w;
  return before;
}

const STANDARD_ES = [
  ("anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento " +
    "amientos imiento imientos").split(" "),
  "adora ador ación adoras adores aciones ante antes ancia ancias".split(" "),
  ["logía", "logías"],
  ["ución", "uciones"],
  ["encia", "encias"],
  ["amente"],
  ["mente"],
  ["idad", "idades"],
  ["iva", "ivo", "ivas", "ivos"],
];

// Removes `suffix` from `w` if it ends with it in R2.
const removeInR2 = (w, suffix, r) => (w.endsWith(suffix) && w.length - suffix.length >= r.r2 ? w.slice(0, -suffix.length) : w);

// Step 1; returns the new word, or null when no standard suffix applies.
function standardSuffix(w, r) {
  let best = null;
  STANDARD_ES.forEach((list, g) => {
    const m = among(w, list, 0);
    if (m && (best === null || list[m.k].length > best.len)) best = { g, start: m.start, len: list[m.k].length };
  });
  if (!best) return null;
  const { g, start } = best;
  if (g === 5) {
    if (start < r.r1) return null;
    w = w.slice(0, start);
    const m = among(w, ["ic", "ad", "os", "iv"], 0);
    if (m && m.start >= r.r2) {
      w = w.slice(0, m.start);
      if (m.k === 3) w = removeInR2(w, "at", r);
    }
    return w;
  }
  if (start < r.r2) return null;
  const stemmed = w.slice(0, start);
  switch (g) {
    case 0:
      return stemmed;
    case 1:
      return removeInR2(stemmed, "ic", r);
    case 2:
      return stemmed + "log";
    case 3:
      return stemmed + "u";
    case 4:
      return stemmed + "ente";
    case 6: {
      const m = among(stemmed, ["able", "ible", "ante"], 0);
      return m && m.start >= r.r2 ? stemmed.slice(0, m.start) : stemmed;
    }
    case 7: {
      const m = among(stemmed, ["ic", "abil", "iv"], 0);
      return m && m.start >= r.r2 ? stemmed.slice(0, m.start) : stemmed;
    }
    default:
      return removeInR2(stemmed, "at", r);
  }
}

const Y_VERB_ES = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos"];
const GU_ES = ["en", "es", "éis", "emos"];
const VERB_ES = (
  "arían arías arán arás aríais aría aréis aríamos aremos ará aré erían erías erán erás eríais ería " +
  "eréis eríamos eremos erá eré irían irías irán irás iríais iría iréis iríamos iremos irá iré aba ada " +
  "ida ía ara iera ad ed id ase iese aste iste an aban ían aran ieran asen iesen aron ieron ado ido " +
  "ando iendo ió ar er ir as abas adas idas ías aras ieras ases ieses ís áis abais íais arais ierais " +
  "aseis ieseis asteis isteis ados idos amos ábamos íamos imos áramos iéramos iésemos ásemos"
).split(" ");

function yVerbSuffix(w, r) {
  const m = among(w, Y_VERB_ES, r.rv);
  return m && m.start > 0 && w[m.start - 1] === "u" ? w.slice(0, m.start) : null;
}

function verbSuffix(w, r) {
  const gu = among(w, GU_ES, r.rv);
  const other = among(w, VERB_ES, r.rv);
  if (gu && (!other || GU_ES[gu.k].length > VERB_ES[other.k].length)) {
    const cut = gu.start >= 2 && w[gu.start - 1] === "u" && w[gu.start - 2] === "g" ? gu.start - 1 : gu.start;
    return w.slice(0, cut);
  }
  return other ? w.slice(0, other.start) : w;
}

const RESIDUAL_ES = ["os", "a", "o", "á", "í", "ó", "e", "é"];

function residualSuffix(w, r) {
  const m = among(w, RESIDUAL_ES, 0);
  if (!m || m.start < r.rv) return w;
  w = w.slice(0, m.start);
  const n = w.length;
  if ((RESIDUAL_ES[m.k] === "e" || RESIDUAL_ES[m.k] === "é") && n >= 2 && w[n - 1] === "u" && w[n - 2] === "g" && n > r.rv) {
    w = w.slice(0, n - 1);
  }
  return w;
}

const POSTLUDE_ES = { á: "a", é: "e", í: "i", ó: "o", ú: "u" };

/** Snowball's Spanish stem of a normalized token (spanish.rs `stem`). */
export function stemEs(word) {
  if (word === "" || !/^[a-záéíóúüñ]+$/.test(word)) return word;
  const r = regionsEs(word);
  let w = attachedPronoun(word, r);
  const standard = standardSuffix(w, r);
  if (standard !== null) w = standard;
  else w = yVerbSuffix(w, r) ?? verbSuffix(w, r);
  w = residualSuffix(w, r);
  return w.replace(/[áéíóú]/g, (c) => POSTLUDE_ES[c]);
}

