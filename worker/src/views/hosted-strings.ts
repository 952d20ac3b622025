/**
 * The hosted survey page's own words, in every language the widget speaks (the survey itself is drawn
 * by the widget with its dictionaries). Each message is a title and a sentence: a customer who opens an
 * old or mistyped link reads why, in their language, instead of a JSON error.
 */
import type { BUILT_IN_LOCALES } from "../../../shared/constants";

export type PageMessage = "notFound" | "closed" | "invalid" | "expired" | "answered";

export interface HostedStrings {
  dir?: "rtl";
  /** The page's title beside the shop's name. */
  title: string;
  privacy: string;
  noscript: string;
  /** The survey's files could not be fetched (a phone losing its connection). */
  failed: string;
  /** After "No, thanks": nothing was stored. */
  declined: string;
  messages: Record<PageMessage, [title: string, text: string]>;
}

export const HOSTED_STRINGS: Record<(typeof BUILT_IN_LOCALES)[number], HostedStrings> = {
  en: {
    title: "Your feedback",
    privacy: "Privacy policy",
    noscript: "This survey needs JavaScript. Please turn it on and reload the page.",
    failed: "The survey could not be loaded. Please check your connection and reload the page.",
    declined: "No problem: nothing was sent. You can close this page.",
    messages: {
      notFound: ["Survey not found", "This link may be mistyped, or the survey was removed."],
      closed: ["This survey is closed", "Thank you for your interest: it no longer takes answers."],
      invalid: ["This link is not valid", "Please open the link exactly as it was sent to you."],
      expired: ["This link has expired", "Please ask the shop for a new one."],
      answered: ["You have already answered, thank you", "We have your answer: there is nothing more to do."],
    },
  },
  ro: {
    title: "Părerea ta",
    privacy: "Politica de confidențialitate",
    noscript: "Acest chestionar are nevoie de JavaScript. Activează-l și reîncarcă pagina.",
    failed: "Chestionarul nu a putut fi încărcat. Verifică conexiunea și reîncarcă pagina.",
    declined: "Nicio problemă: nu s-a trimis nimic. Poți închide această pagină.",
    messages: {
      notFound: ["Chestionarul nu a fost găsit", "Linkul poate fi greșit sau chestionarul a fost șters."],
      closed: ["Acest chestionar s-a încheiat", "Mulțumim pentru interes: nu mai primește răspunsuri."],
      invalid: ["Acest link nu este valid", "Deschide linkul exact așa cum l-ai primit."],
      expired: ["Acest link a expirat", "Cere magazinului un link nou."],
      answered: ["Ai răspuns deja, mulțumim", "Avem răspunsul tău: nu mai e nimic de făcut."],
    },
  },
  pl: {
    title: "Twoja opinia",
    privacy: "Polityka prywatności",
    noscript: "Ta ankieta wymaga JavaScriptu. Włącz go i odśwież stronę.",
    failed: "Nie udało się wczytać ankiety. Sprawdź połączenie i odśwież stronę.",
    declined: "Nie ma sprawy: nic nie zostało wysłane. Możesz zamknąć tę stronę.",
    messages: {
      notFound: ["Nie znaleziono ankiety", "Link może zawierać błąd albo ankieta została usunięta."],
      closed: ["Ta ankieta jest zamknięta", "Dziękujemy za zainteresowanie: nie przyjmuje już odpowiedzi."],
      invalid: ["Ten link jest nieprawidłowy", "Otwórz link dokładnie w takiej postaci, w jakiej go otrzymano."],
      expired: ["Ten link wygasł", "Poproś sklep o nowy link."],
      answered: ["Już odpowiedziano, dziękujemy", "Mamy Twoją odpowiedź: nie musisz robić nic więcej."],
    },
  },
  cs: {
    title: "Váš názor",
    privacy: "Zásady ochrany soukromí",
    noscript: "Tento dotazník potřebuje JavaScript. Zapněte ho a obnovte stránku.",
    failed: "Dotazník se nepodařilo načíst. Zkontrolujte připojení a obnovte stránku.",
    declined: "Žádný problém: nic nebylo odesláno. Tuto stránku můžete zavřít.",
    messages: {
      notFound: ["Dotazník nebyl nalezen", "Odkaz může být chybný, nebo byl dotazník odstraněn."],
      closed: ["Tento dotazník je uzavřen", "Děkujeme za zájem: už nepřijímá odpovědi."],
      invalid: ["Tento odkaz není platný", "Otevřete odkaz přesně tak, jak vám byl zaslán."],
      expired: ["Platnost tohoto odkazu vypršela", "Požádejte obchod o nový odkaz."],
      answered: ["Už jste odpověděli, děkujeme", "Vaši odpověď máme: není třeba dělat nic dalšího."],
    },
  },
  hy: {
    title: "Ձեր կարծիքը",
    privacy: "Գաղտնիության քաղաքականություն",
    noscript: "Այս հարցումը JavaScript է պահանջում: Միացրեք այն և վերաբեռնեք էջը:",
    failed: "Հարցումը չհաջողվեց բեռնել: Ստուգեք կապը և վերաբեռնեք էջը:",
    declined: "Խնդիր չկա. ոչինչ չի ուղարկվել: Կարող եք փակել այս էջը:",
    messages: {
      notFound: ["Հարցումը չի գտնվել", "Հղումը կարող է սխալ լինել, կամ հարցումը հեռացվել է:"],
      closed: ["Այս հարցումը փակված է", "Շնորհակալություն հետաքրքրության համար. այն այլևս պատասխաններ չի ընդունում:"],
      invalid: ["Այս հղումը վավեր չէ", "Բացեք հղումը ճիշտ այնպես, ինչպես այն ուղարկվել է ձեզ:"],
      expired: ["Այս հղման ժամկետն անցել է", "Խնդրեք խանութից նոր հղում:"],
      answered: ["Դուք արդեն պատասխանել եք, շնորհակալություն", "Մենք ունենք ձեր պատասխանը. այլ բան անել պետք չէ:"],
    },
  },
  de: {
    title: "Ihre Meinung",
    privacy: "Datenschutzerklärung",
    noscript: "Diese Umfrage braucht JavaScript. Bitte aktivieren Sie es und laden Sie die Seite neu.",
    failed: "Die Umfrage konnte nicht geladen werden. Bitte prüfen Sie Ihre Verbindung und laden Sie die Seite neu.",
    declined: "Kein Problem: Es wurde nichts gesendet. Sie können diese Seite schließen.",
    messages: {
      notFound: ["Umfrage nicht gefunden", "Der Link ist vielleicht falsch, oder die Umfrage wurde entfernt."],
      closed: ["Diese Umfrage ist beendet", "Danke für Ihr Interesse: Sie nimmt keine Antworten mehr an."],
      invalid: ["Dieser Link ist ungültig", "Bitte öffnen Sie den Link genau so, wie er Ihnen geschickt wurde."],
      expired: ["Dieser Link ist abgelaufen", "Bitte fragen Sie den Shop nach einem neuen."],
      answered: ["Sie haben schon geantwortet, danke", "Wir haben Ihre Antwort: Sie müssen nichts weiter tun."],
    },
  },
  fr: {
    title: "Votre avis",
    privacy: "Politique de confidentialité",
    noscript: "Ce questionnaire a besoin de JavaScript. Activez-le puis rechargez la page.",
    failed: "Le questionnaire n’a pas pu être chargé. Vérifiez votre connexion puis rechargez la page.",
    declined: "Pas de souci : rien n’a été envoyé. Vous pouvez fermer cette page.",
    messages: {
      notFound: ["Questionnaire introuvable", "Le lien est peut-être erroné, ou le questionnaire a été supprimé."],
      closed: ["Ce questionnaire est clos", "Merci de votre intérêt : il ne reçoit plus de réponses."],
      invalid: ["Ce lien n’est pas valide", "Ouvrez le lien exactement tel qu’il vous a été envoyé."],
      expired: ["Ce lien a expiré", "Demandez-en un nouveau à la boutique."],
      answered: ["Vous avez déjà répondu, merci", "Nous avons votre réponse : vous n’avez rien d’autre à faire."],
    },
  },
  es: {
    title: "Tu opinión",
    privacy: "Política de privacidad",
    noscript: "Esta encuesta necesita JavaScript. Actívalo y vuelve a cargar la página.",
    failed: "No se pudo cargar la encuesta. Comprueba tu conexión y vuelve a cargar la página.",
    declined: "No pasa nada: no se ha enviado nada. Puedes cerrar esta página.",
    messages: {
      notFound: ["Encuesta no encontrada", "Puede que el enlace esté mal escrito o que la encuesta se haya eliminado."],
      closed: ["Esta encuesta está cerrada", "Gracias por tu interés: ya no admite respuestas."],
      invalid: ["Este enlace no es válido", "Abre el enlace exactamente como te lo enviaron."],
      expired: ["Este enlace ha caducado", "Pide uno nuevo a la tienda."],
      answered: ["Ya has respondido, gracias", "Tenemos tu respuesta: no tienes que hacer nada más."],
    },
  },
  ar: {
    dir: "rtl",
    title: "رأيك",
    privacy: "سياسة الخصوصية",
    noscript: "يحتاج هذا الاستبيان إلى JavaScript. يرجى تفعيله وإعادة تحميل الصفحة.",
    failed: "تعذّر تحميل الاستبيان. يرجى التحقق من اتصالك وإعادة تحميل الصفحة.",
    declined: "لا بأس: لم يُرسل أي شيء. يمكنك إغلاق هذه الصفحة.",
    messages: {
      notFound: ["لم يتم العثور على الاستبيان", "ربما يكون الرابط غير صحيح، أو أُزيل الاستبيان."],
      closed: ["هذا الاستبيان مغلق", "شكرًا لاهتمامك: لم يعد يقبل إجابات."],
      invalid: ["هذا الرابط غير صالح", "يرجى فتح الرابط كما أُرسل إليك تمامًا."],
      expired: ["انتهت صلاحية هذا الرابط", "يرجى طلب رابط جديد من المتجر."],
      answered: ["لقد أجبت بالفعل، شكرًا لك", "لدينا إجابتك: لا حاجة لفعل أي شيء آخر."],
    },
  },
  he: {
    dir: "rtl",
    title: "חוות הדעת שלך",
    privacy: "מדיניות פרטיות",
    noscript: "הסקר הזה דורש JavaScript. יש להפעיל אותו ולטעון את הדף מחדש.",
    failed: "לא ניתן היה לטעון את הסקר. יש לבדוק את החיבור ולטעון את הדף מחדש.",
    declined: "אין בעיה: שום דבר לא נשלח. אפשר לסגור את הדף.",
    messages: {
      notFound: ["הסקר לא נמצא", "ייתכן שהקישור שגוי, או שהסקר הוסר."],
      closed: ["הסקר הזה סגור", "תודה על ההתעניינות: הוא כבר לא מקבל תשובות."],
      invalid: ["הקישור הזה אינו תקף", "יש לפתוח את הקישור בדיוק כפי שנשלח אליך."],
      expired: ["תוקף הקישור הזה פג", "אפשר לבקש קישור חדש מהחנות."],
      answered: ["כבר ענית, תודה", "התשובה שלך אצלנו: אין צורך לעשות דבר נוסף."],
    },
  },
};
