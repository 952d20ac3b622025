import type { Strings } from "./types";

export const pl: Strings = {
  dialog: "Ankieta opinii",
  consentTitle: "Czy możemy o coś zapytać?",
  consentWhat: "{n} krótkie pytania o Twoje doświadczenia z nami.",
  consentWhy: "Twoje odpowiedzi pomagają nam się poprawiać.",
  consentStored:
    "Zapisujemy odpowiedzi, język, stronę (bez parametrów), typ urządzenia i losowy kod, który pozwala " +
    "później usunąć odpowiedzi. Nigdy adresu IP.",
  consentKept: "Odpowiedzi przechowujemy przez {days} dni.",
  privacy: "Polityka prywatności",
  agree: "Zgadzam się",
  decline: "Nie, dziękuję",
  close: "Zamknij",
  back: "Wstecz",
  next: "Dalej",
  send: "Wyślij",
  progress: "Pytanie {i} z {n}",
  npsLow: "Zdecydowanie nie",
  npsHigh: "Zdecydowanie tak",
  thumbsUp: "Tak",
  thumbsDown: "Nie",
  csat: ["Bardzo niezadowolony", "Niezadowolony", "Obojętny", "Zadowolony", "Bardzo zadowolony"],
  ces: ["Bardzo trudne", "Trudne", "Raczej trudne", "Ani trudne, ani łatwe", "Raczej łatwe", "Łatwe", "Bardzo łatwe"],
  required: "Odpowiedz na to pytanie.",
  left: "Pozostało znaków: {n}",
  thanks: "Dziękujemy za opinię!",
  queued:
    "Wygląda na to, że jesteś offline. Odpowiedź jest zapisana na tym urządzeniu i zostanie wysłana automatycznie.",
  copy: "Kopiuj kod",
  copied: "Skopiowano",
  withdraw: "Wycofaj zgodę i usuń moje odpowiedzi",
  withdrawn: "Twoje odpowiedzi zostały usunięte.",
  error: "Przepraszamy, nie udało się zapisać odpowiedzi. Spróbuj ponownie.",
  forgetFailed: "Przepraszamy, nie udało się teraz usunąć odpowiedzi. Spróbuj ponownie.",
};
