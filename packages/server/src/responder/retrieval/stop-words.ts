/**
 * Words too common to say what a question is about. Besides the usual English function words
 * the list holds the filler of support conversations ("please", "hello", "thanks") and of
 * how people describe themselves ("currently", "really"), which long questions are full of.
 */
export const stopWords: ReadonlySet<string> = new Set(
  `a about above after again against all almost also although am among an and another any anybody anyone
  anything are aren around as at be became because become been before being below besides between both but by
  can cannot could couldn did didn do does doesn doing don done down during each either else enough etc even
  ever every few for from further had hadn has hasn have haven having he her here hers herself him himself his
  how however i if in into is isn it its itself just let ll me might mine more most much must my myself need
  neither no nor not of off often on once one only onto or other others otherwise our ours ourselves out over
  own per perhaps quite rather re really s same shall she should shouldn since so some somehow someone something
  sometimes somewhat still such t than that the their theirs them themselves then there these they this those
  though through throughout thus to too toward towards under until up upon us ve very via was wasn we were weren
  what whatever when whenever where whereas wherever whether which while who whoever whom whose why will with
  within without won would wouldn yet you your yours yourself yourselves
  hello hi hey thanks thank please okay ok yes yeah sure maybe actually basically currently simply certainly
  definitely absolutely anyway`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
