// The console's texts: its own catalogs added to the common ones once, at the first import,
// so that every console module reads `t` from here.
import { addTexts } from '../common/texts.js';
import en from './texts/en.js';
import es from './texts/es.js';

addTexts({ en, es });

export { t, setLanguage, currentLanguage } from '../common/texts.js';
