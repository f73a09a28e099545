import { describe, expect, it } from "vitest";
import { confirmationQuestion, confirmationWindowHours, detectConfirmation } from "./confirmation.ts";

describe("detectConfirmation", () => {
  it.each([
    "Yes",
    "yes, it works now. Thanks!",
    "Works perfectly, thank you",
    "That did it 👍",
    "Ja, funktioniert wieder. Danke!",
    "Alles gut, danke",
    "Sí, ya funciona, gracias",
    "Todo bien, muchas gracias",
    "Oui, ça marche, merci !",
    "C'est résolu, merci beaucoup",
  ])("hears a yes in %j", (text) => {
    expect(detectConfirmation(text)).toBe("confirmed");
  });

  it.each([
    "No, still broken",
    "It doesn't work",
    "it dont work",
    "Yes, but now the export fails",
    "yes? what do you mean",
    "Thanks",
    "",
    "Nein, geht immer noch nicht",
    "Funktioniert leider nicht",
    "No, sigue sin funcionar",
    "Todavía falla",
    "Non, ça ne marche toujours pas",
    "Ça marche pas",
    `Yes it works. ${"Also, I wanted to tell you about something else entirely. ".repeat(6)}`,
  ])("does not count %j as a confirmation", (text) => {
    expect(detectConfirmation(text)).toBe("not_confirmed");
  });
});

describe("the confirmation question", () => {
  it("is asked in the customer's language with the window in hours", () => {
    expect(confirmationQuestion("de", 48)).toMatch(/48 Stunden/);
    expect(confirmationQuestion("fr-FR", 72)).toMatch(/72 heures/);
    expect(confirmationQuestion(null, 72)).toMatch(/72 hours/);
    expect(confirmationQuestion("ja", 24)).toMatch(/24 hours/);
  });

  it("uses the workspace's window, else 72 hours", () => {
    expect(confirmationWindowHours({})).toBe(72);
    expect(confirmationWindowHours({ confirmationWindowHours: 24 })).toBe(24);
    expect(confirmationWindowHours({ confirmationWindowHours: -1 })).toBe(72);
    expect(confirmationWindowHours({ confirmationWindowHours: "24" })).toBe(72);
  });
});

describe("confirmation in Chinese", () => {
  it.each(["是的，已经好了，谢谢！", "没问题了，谢谢", "解决了"])("hears a yes in %j", (text) => {
    expect(detectConfirmation(text)).toBe("confirmed");
  });

  it.each(["还是不行", "没有解决", "好了一部分，但是导出还是失败", "谢谢", "好了吗？"])(
    "hears no yes in %j",
    (text) => {
      expect(detectConfirmation(text)).toBe("not_confirmed");
    },
  );

  it("asks in Chinese, naming the window", () => {
    expect(confirmationQuestion("zh-CN", 72)).toContain("72 小时内");
  });
});
