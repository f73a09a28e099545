import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

describe("detectLanguage", () => {
  it.each([
    ["en", "My export has been failing for three days and I need it for a report."],
    ["en", "Thanks, that fixed it!"],
    ["de", "Mein Export schlägt seit 3 Tagen fehl"],
    ["de", "Ich kann mich seit dem Update nicht mehr einloggen, bitte um Hilfe."],
    ["es", "Hola, no puedo exportar mis datos desde ayer"],
    ["es", "El export falla con un timeout desde el lunes"],
    ["fr", "Bonjour, je n'arrive pas à me connecter depuis hier"],
    ["fr", "Le dashboard ne charge plus, j'ai vidé le cache sans succès."],
    ["pt", "Olá, não consigo acessar minha conta desde ontem"],
    ["it", "Ciao, non riesco ad accedere al mio account da ieri"],
    ["nl", "Hallo, ik kan sinds gisteren niet inloggen op mijn account"],
    ["zh", "我的数据导出已经三天失败了"],
    ["zh", "我们的 dashboard export 一直 timeout，怎么办？"],
    ["ja", "エクスポートが三日間失敗しています"],
    ["ko", "로그인이 안 돼요"],
    ["ru", "Не могу войти в аккаунт"],
    ["ar", "لا أستطيع تسجيل الدخول"],
  ])("reads %s in %j", (language, text) => {
    expect(detectLanguage(text)).toBe(language);
    expect(detectLanguage(text, { fallback: "nl" })).toBe(language === "nl" ? "nl" : language);
  });

  it.each(["ok", "thanks!!", "#48213", "Danke!", "Gracias", "ORD-2291-XK", ""])(
    "gives the profile language for %j, which is too short to tell",
    (text) => {
      expect(detectLanguage(text, { fallback: "de" })).toBe("de");
      expect(detectLanguage(text, { fallback: null })).toBe("en");
      expect(detectLanguage(text)).toBe("en");
    },
  );

  it("reduces a regional profile language to its primary tag", () => {
    expect(detectLanguage("ok", { fallback: "pt-BR" })).toBe("pt");
  });

  it("keeps English with a foreign product name inside", () => {
    expect(detectLanguage("I bought a 小米 phone and it does not work")).toBe("en");
  });

  it("lets the profile language break a near tie, and only a near tie", () => {
    const close = "Desde que a app para";
    expect(detectLanguage(close, { fallback: "pt" })).toBe("pt");
    expect(detectLanguage(close, { fallback: "es" })).toBe("es");
    expect(detectLanguage("Hola, mi cuenta no funciona desde ayer", { fallback: "pt" })).toBe("es");
  });
});
