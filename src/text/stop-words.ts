/**
 * English stop words: the words that say nothing about what a story is about.
 *
 * A conventional list (function words, auxiliaries, pronouns, a few reporting fillers that every
 * wire story has). The related-stories engine and its TF-IDF baseline use the same list so that
 * the benchmark compares ranking methods, not stop lists. Words are lower case, without apostrophes
 * (`dont`, `isnt`: the related engine removes apostrophes and cuts `'s` before the lookup).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above across after afterwards again against all almost alone along already also although
always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
back be became because become becomes becoming been before beforehand behind being below beside besides
between beyond both but by can cannot could did do does doing done down due during each eg either else
elsewhere enough etc even ever every everyone everything everywhere except few for former formerly from
further had has have having he hence her here hereafter hereby herein hereupon hers herself him himself
his how however i ie if in indeed into is it its itself just last latter latterly least less many may me
meanwhile might mine more moreover most mostly much must my myself namely neither never nevertheless next
no nobody none noone nor not nothing now nowhere of off often on once one only onto or other others
otherwise our ours ourselves out over own per perhaps please rather re same seem seemed seeming seems
several she should since so some somehow someone something sometime sometimes somewhere still such than
that the their theirs them themselves then thence there thereafter thereby therefore therein thereupon
these they this those though through throughout thus to together too toward towards under until up upon
us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein
whereupon wherever whether which while whither who whoever whole whom whose why will with within without
would yet you your yours yourself yourselves said says say told according also mr mrs ms dont doesnt didnt
isnt wasnt arent werent wont cant couldnt shouldnt wouldnt its lets thats theres ll ve`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
