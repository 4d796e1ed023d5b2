/** Latin letters that Unicode decomposition leaves alone but a reader treats as plain ones. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  æ: 'ae',
  œ: 'oe',
  ħ: 'h',
  þ: 'th',
};

const COMBINING_MARKS = /\p{M}+/gu;
const FOLDABLE_LETTERS = /[ßıłøđðæœħþ]/g;
// GeoNames writes the Arabic ʿayn and hamza as quotes ('‘Alī Khēl'); nobody types them.
const APOSTROPHES = /['‘’ʻʼ`´]/g;
const SEPARATORS = /[\s\-‐‑–—]+/g;

const SPACE = 0x20;

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(FOLDABLE_LETTERS, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ');
}

// Startup folds 135k names, and the regex chain above is the slow part, so
// names in Latin script take two faster paths. Four in five are plain ASCII
// that folding only lower-cases; most of the rest use no code point beyond
// Latin Extended-B, which a table folds one character at a time.

/** `fold` of each code point below this one. */
const TABLE_SIZE = 0x250;
const TABLE: readonly string[] = Array.from({ length: TABLE_SIZE }, (_, code) =>
  fold(String.fromCharCode(code)),
);

/** ASCII characters that folding only lower-cases: letters, digits, most punctuation. */
const PLAIN = new Uint8Array(0x80);
for (let code = 0x21; code < 0x7f; code++) {
  const char = String.fromCharCode(code);
  PLAIN[code] = TABLE[code] === char.toLowerCase() ? 1 : 0;
}

type Path = 'plain' | 'table' | 'regex';

function pathFor(text: string): Path {
  let path: Path = 'plain';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= TABLE_SIZE) return 'regex';
    const plain = code === SPACE ? i > 0 && text.charCodeAt(i - 1) !== SPACE : PLAIN[code] === 1;
    if (!plain) path = 'table';
  }
  return path;
}

function foldByTable(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const folded = TABLE[text.charCodeAt(i)]!;
    if (folded !== ' ') out += folded;
    else if (out.length > 0 && !out.endsWith(' ')) out += ' ';
  }
  return out;
}

/**
 * Folds a place name or a query for prefix matching: lower case, accents
 * removed (`São` → `sao`, `Zürich` → `zurich`), a few letters spelled out
 * (`ß` → `ss`, `ł` → `l`, `ø` → `o`), quote marks dropped, and hyphens and
 * runs of white space turned into one space, leading space removed.
 * Scripts other than Latin are only lower-cased.
 *
 * @example
 * normalizeName('Saint-Étienne'); // 'saint etienne'
 */
export function normalizeName(text: string): string {
  switch (pathFor(text)) {
    case 'plain':
      return text.toLowerCase();
    case 'table':
      return foldByTable(text);
    case 'regex':
      return fold(text).trimStart();
  }
}
