// Words that say nothing about what a paper is about. STOP words (English function words) break
// phrases and never become features. GENERIC words (the boilerplate of abstracts in every field:
// 'propose', 'results', 'novel') are features like any other word (their weight is low, since
// every paper has them) but never begin or end a theme's name.

const STOP_LIST =
  'a about above across after again against all almost along already also although always am among an and another any ' +
  'anyone are around as at be became because become becomes been before being below between beyond both but by can ' +
  'cannot could did do does doing done down due during each either else enough especially etc even ever every few ' +
  'for from further furthermore had has have having he hence her here hers herein him his how however i ie if in ' +
  'into is it its itself just least less let like made make makes many may me might more moreover most much must my ' +
  'namely neither never nevertheless no nor not now of off often on once one only onto or other others otherwise our ' +
  'ours out over own per perhaps quite rather really same several shall she should since so some such than that the ' +
  'their theirs them themselves then thence there thereby therefore these they this those though through throughout ' +
  'thus to together too toward towards two under unless until up upon us very via was we were what whatever ' +
  'when whenever where whereas whether which while who whom whose why will with within without would yet you your ' +
  'eg cf vs viz et al three four five six seven eight nine ten first second third fourth fifth new non';

const GENERIC_LIST =
  'paper papers work works study studies approach approaches method methods methodology result results show shows ' +
  'shown showing propose proposes proposed proposing present presents presented introduce introduces introduced ' +
  'novel based use uses used using provide provides provided framework frameworks ' +
  'existing previous prior recent recently current different various generally given able ' +
  'significant significantly improve improves improved improvement improvements performance better best ' +
  ' effective effectively efficient efficiently simple key important main ' +
  'demonstrate demonstrates demonstrated experiment experiments experimental evaluate evaluates evaluation ' +
  'evaluated analysis analyze analyses investigate investigates consider considers considered obtain obtained ' +
  'achieve achieves achieved allow allows enable enables address addresses challenge challenges issue issues ' +
  ' way ways ' +
  ' widely find finds found aim aims goal able possible particular particularly specific specifically ' +
  'related respectively including include includes main major typically usually often furthermore additionally ' +
  'finally overall moreover thereby towards toward whose within without upon among across ' +
  'outperform outperforms outperforming compared compare comparison baseline baselines extensive strong robust ' +
  'available publicly technique techniques dataset datasets ' +
  ' designed develop developed development application applications applied apply ' +
  'practical practice first called via paradigm example examples ' +
  'need needs require requires required make makes making give gives take takes help helps due despite still ' +
  'recently widely fully highly mainly largely mostly directly simply thus hence either rather much many';

export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_LIST.split(/\s+/).filter(Boolean));
export const GENERIC_WORDS: ReadonlySet<string> = new Set(GENERIC_LIST.split(/\s+/).filter(Boolean));

/** Whether a lower-case word may begin or end a theme's name. */
export function isNameWord(word: string): boolean {
  return !STOP_WORDS.has(word) && !GENERIC_WORDS.has(word) && /[a-z]/.test(word);
}
