// The language the user chose in the options (glue only): chrome.i18n always answers in the
// browser's language, so for another choice its messages.json is handed to the wasm. Both
// wasm modules (the worker's engine, the pages' UI) export `chosen_locale` / `set_catalogue`;
// each caller passes its own.

/** `useLanguage(state)` for a wasm module: loads the chosen locale's messages into it and
 *  returns the language tag in use. */
export function languageFor({ chosen_locale, set_catalogue }) {
  return async function useLanguage(state) {
    const locale = chosen_locale(state);
    if (!locale) {
      set_catalogue(null);
      return chrome.i18n.getMessage('lang') || 'en';
    }
    const response = await fetch(chrome.runtime.getURL(`_locales/${locale}/messages.json`));
    const messages = await response.json();
    set_catalogue(messages);
    return messages.lang?.message || locale.replace('_', '-');
  };
}
