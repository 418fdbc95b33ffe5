//! Writes `src/search/vectors/stemmer-vectors-es.txt`: Spanish words with the stems that Snowball's
//! published Spanish stemmer gives them, as the `rust-stemmers` crate (generated from
//! Snowball's own source by the Snowball compiler) implements it. medleaf's own port
//! (`src/search/spanish.rs`) and the browser's (`static/search.js`) must agree with every line.
//!
//! The words are real Spanish word forms: every form of the Spanish Hunspell dictionary
//! (Debian's `hunspell-es`), expanded with Hunspell's `unmunch` (`hunspell-tools`):
//!
//! ```sh
//! apt-get install -y hunspell-es hunspell-tools
//! unmunch /usr/share/hunspell/es_ES.dic /usr/share/hunspell/es_ES.aff 2>/dev/null \
//!   | grep -x '[a-záéíóúüñ]*' | LC_ALL=C sort -u > /tmp/es-forms.txt
//! cargo run --release --manifest-path tools/snowball-vectors/Cargo.toml -- /tmp/es-forms.txt \
//!   > src/search/vectors/stemmer-vectors-es.txt
//! ```
//!
//! From about a million forms it keeps: the words of [`CHOSEN`] (the issue's examples and
//! medical words), for every suffix the stemmer knows the first three forms ending with it
//! (so that every rule is exercised), and 3,500 forms evenly spaced through the list.

use std::collections::BTreeSet;
use std::io::Write;

use rust_stemmers::{Algorithm, Stemmer};

/// Words always included.
const CHOSEN: &[&str] = &[
    "leucemia", "leucemias", "ataque", "ataques", "cámara", "cámaras", "camara", "camaras",
    "información", "informaciones", "informacion", "neutropenia", "leucopenia", "anemia",
    "anemias", "plaqueta", "plaquetas", "glóbulos", "blancos", "quimioterapia", "infección",
    "infecciones", "fiebre", "sangre", "médula", "ósea", "hemograma", "completo", "neutrófilos",
    "linfocitos", "transfusión", "transfusiones", "síndrome", "mielodisplásico",
    "agranulocitosis", "tratamiento", "tratamientos", "hematólogo", "hematóloga", "hematología",
    "urgencias", "llame", "llamar", "llámenos", "diciéndole", "dándole", "haciéndolo",
    "comiéndoselo", "huyeron", "lleguen", "averigüe", "guerra", "pingüino", "año", "años", "ano",
    "rápidamente", "lentamente", "posibilidad", "posibilidades", "actividad", "activa", "activo",
    "activamente", "nacional", "riesgo", "riesgos", "síntomas", "náuseas", "cansancio",
    "moretones", "hemorragia", "hemorragias", "médico", "médica", "médicos", "enfermera",
    "enfermedad", "enfermedades", "niño", "niños", "embarazo", "embarazada", "vacuna", "vacunas",
    "a", "á", "y", "o", "e", "de", "la",
];

/// Every suffix of the Spanish stemmer's lists (Snowball's `spanish.sbl`).
const SUFFIXES: &[&str] = &[
    "me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos",
    "iéndo", "ándo", "ár", "ér", "ír", "ando", "iendo", "ar", "er", "ir", "yendo", "anza",
    "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles",
    "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento",
    "imientos", "adora", "ador", "ación", "adoras", "adores", "aciones", "ante", "antes",
    "ancia", "ancias", "logía", "logías", "ución", "uciones", "encia", "encias", "amente",
    "mente", "idad", "idades", "iva", "ivo", "ivas", "ivos", "ya", "ye", "yan", "yen", "yeron",
    "yo", "yó", "yas", "yes", "yais", "yamos", "en", "es", "éis", "emos", "arían", "arías",
    "arán", "arás", "aríais", "aría", "aréis", "aríamos", "aremos", "ará", "aré", "erían",
    "erías", "erán", "erás", "eríais", "ería", "eréis", "eríamos", "eremos", "erá", "eré",
    "irían", "irías", "irán", "irás", "iríais", "iría", "iréis", "iríamos", "iremos", "irá",
    "iré", "aba", "ada", "ida", "ía", "ara", "iera", "ad", "ed", "id", "ase", "iese", "aste",
    "iste", "an", "aban", "ían", "aran", "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido",
    "ió", "as", "abas", "adas", "idas", "ías", "aras", "ieras", "ases", "ieses", "ís", "áis",
    "abais", "íais", "arais", "ierais", "aseis", "ieseis", "asteis", "isteis", "ados", "idos",
    "amos", "ábamos", "íamos", "imos", "áramos", "iéramos", "iésemos", "ásemos", "os", "a", "o",
    "á", "í", "ó", "e", "é", "gue", "guen", "gues", "guemos",
];

/// Evenly spaced forms taken from the list.
const SAMPLE: usize = 3500;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: snowball-vectors WORD_LIST");
    let text = std::fs::read_to_string(&path).expect("a readable word list");
    let forms: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let mut chosen: Vec<&str> = Vec::new();
    let mut seen = BTreeSet::new();
    fn add<'a>(w: &'a str, chosen: &mut Vec<&'a str>, seen: &mut BTreeSet<String>) {
        if seen.insert(w.to_owned()) {
            chosen.push(w);
        }
    }
    for w in CHOSEN {
        add(w, &mut chosen, &mut seen);
    }
    for suffix in SUFFIXES {
        for w in forms
            .iter()
            .filter(|w| w.ends_with(suffix) && w.len() > suffix.len())
            .take(3)
        {
            add(w, &mut chosen, &mut seen);
        }
    }
    let step = (forms.len() / SAMPLE).max(1);
    for w in forms.iter().step_by(step) {
        add(w, &mut chosen, &mut seen);
    }
    let stemmer = Stemmer::create(Algorithm::Spanish);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# Spanish stemmer test vectors: word<TAB>stem, one per line; # starts a comment.\n\
         # The stems are those of Snowball's Spanish stemmer as the rust-stemmers crate (1.2)\n\
         # implements it; generated by tools/snowball-vectors from the forms of the Spanish\n\
         # Hunspell dictionary (see that tool). Snowball's C library 2.2 (Debian's libstemmer0d)\n\
         # gives the same stems. src/search/spanish.rs and static/search-es.js must give the\n\
         # same stem for every word.\n\
         # {} words: {} chosen, the first three forms with each suffix of the stemmer's lists,\n\
         # and forms evenly spaced through the {} of the dictionary.",
        chosen.len(),
        CHOSEN.len(),
        forms.len()
    )
    .expect("write");
    for w in chosen {
        writeln!(out, "{w}\t{}", stemmer.stem(w)).expect("write");
    }
}
