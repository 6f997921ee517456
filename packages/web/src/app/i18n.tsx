import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';
type Ctx = { lang: Lang; setLang: (l: Lang) => void; t: (zh: string, en: string) => string };

const I18nContext = createContext<Ctx>({ lang: 'zh', setLang: () => {}, t: (zh) => zh });

/** Chinese is the default of every page; English is a switch. Labels are written inline as t('中文', 'English'). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('jinguo.lang') === 'en' ? 'en' : 'zh'));
  const value = useMemo<Ctx>(
    () => ({
      lang,
      setLang: (l) => {
        localStorage.setItem('jinguo.lang', l);
        setLangState(l);
      },
      t: (zh, en) => (lang === 'en' ? en : zh),
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
