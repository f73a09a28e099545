import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenize.ts";

describe("tokenize", () => {
  it("lower-cases, drops stop words and stems", () => {
    expect(tokenize("The Refunds of my Charges")).toEqual(["refund", "charg"]);
  });

  it("splits identifiers and removes accents", () => {
    expect(tokenize("open_bank_account café")).toEqual(["open", "bank", "account", "cafe"]);
  });

  it("keeps numbers and drops one-letter leftovers such as a possessive s", () => {
    expect(tokenize("Anna's 2FA code 4821")).toEqual(["anna", "2fa", "code", "4821"]);
  });

  it("brings irregular forms to the word they come from", () => {
    expect(tokenize("paid stolen closure")).toEqual(tokenize("pay steal close"));
  });

  it("returns nothing for text without words", () => {
    expect(tokenize("  ?! -- ")).toEqual([]);
  });
});
