// The language the user chose in the options (glue only): chrome.i18n always answers in the
// browser's language, so for another choice its messages.json is handed to the wasm.
import { chosen_locale, set_catalogue } from './wasm/linekeeper_wasm.js';

/** Loads the chosen locale's messages into the wasm; returns the language tag in use. */
export async function useLanguage(state) {
  const locale = chosen_locale(state);
  if (!locale) {
    set_catalogue('', null);
    return chrome.i18n.getUILanguage();
  }
  const response = await fetch(chrome.runtime.getURL(`_locales/${locale}/messages.json`));
  set_catalogue(locale, await response.json());
  return locale.replace('_', '-');
}
