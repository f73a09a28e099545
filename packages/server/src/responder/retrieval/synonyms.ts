import { tokenize } from "./tokenize.ts";

/**
 * Words customers and articles use for the same thing in support and banking. Each group is a set
 * of one-word alternatives; a question's word also looks for the others in its group, at a lower
 * weight. Kept small and general on purpose: a workspace's own product names never belong here.
 */
const groups = [
  "fee charge cost price surcharge",
  "refund reimburse reimbursement repay",
  "cancel close terminate closure",
  "lost stolen missing misplaced",
  "freeze lock block suspend",
  "unfreeze unlock unblock reactivate",
  "login signin password passcode credentials",
  "error bug issue problem fault glitch malfunction",
  "broken failing failed fails failure",
  "deliver delivery shipping shipment arrive",
  "buy purchase order",
  "pay payment",
  "transfer move send",
  "withdraw withdrawal atm",
  "dispute chargeback contest",
  "fraud unauthorized unauthorised scam suspicious",
  "interest apy yield",
  "upgrade downgrade switch",
  "statement bill invoice",
  "limit cap maximum",
  "bonus reward cashback points promotion promo offer",
  "replace replacement reissue",
  "refer referral invite",
  "overdraft overdrawn",
  "abroad international foreign overseas travel traveling travelling",
  "subscription membership",
  "verify verification identity authenticate",
  "activate enable",
  "deactivate disable",
  "business company corporate commercial",
  "personal individual",
  "decline declined reject rejected denied deny",
  "delete remove erase",
  "account profile",
  "email mail",
  "phone mobile cell",
  "agent representative human",
  "slow delay delayed late",
  "receipt confirmation",
  "eligible eligibility qualify qualification",
  "apply application signup enroll enrol",
  "renew renewal",
  "cheque check",
  "update change edit modify",
  "help support assistance",
];

/** For each stemmed word, the other stemmed words of its groups. */
export const synonyms: ReadonlyMap<string, readonly string[]> = buildSynonyms(groups);

function buildSynonyms(lines: string[]): Map<string, string[]> {
  const result = new Map<string, Set<string>>();
  for (const line of lines) {
    const stems = [...new Set(tokenize(line))];
    for (const word of stems) {
      const others = result.get(word) ?? new Set<string>();
      for (const other of stems) if (other !== word) others.add(other);
      result.set(word, others);
    }
  }
  return new Map([...result].map(([word, others]) => [word, [...others]]));
}
