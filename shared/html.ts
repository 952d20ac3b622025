/**
 * Escaping for text put into HTML or XML by string (the hosted survey page, QR codes, the email
 * snippet): an owner's survey text or a shop's context value never becomes markup.
 */
const ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" };

/** Text for element content or a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[<>&"']/g, (c) => ENTITIES[c]!);
