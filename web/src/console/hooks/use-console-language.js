// The console's language: staff's choice in the header, kept on this browser (staff have no
// grant to keep it on), else the browser's (usePageLanguage).
import { useState } from '../../../vendor/preact-htm.js';
import { languageOf } from '../../common/languages.js';
import { usePageLanguage } from '../../common/hooks/use-page-language.js';

/** @returns {{language: string, choose: (code: string) => void}} */
export function useConsoleLanguage() {
  const [chosen, setChosen] = useState('');
  const language = usePageLanguage('console.language', chosen);
  return { language, choose: (code) => setChosen(languageOf(code)) };
}
