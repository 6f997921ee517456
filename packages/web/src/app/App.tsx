import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'antd/dist/reset.css';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { WEB_MODULES } from '../modules';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './Layout';
import { LoginPage } from './LoginPage';
import { HomePage } from './HomePage';
import { AccountPage } from './AccountPage';
import { RequireAuth } from './RequireAuth';

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } });

function Themed() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c41d7f', borderRadius: 6 } }}>
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            {WEB_MODULES.flatMap((m) => m.publicRoutes ?? []).map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            {WEB_MODULES.flatMap((m) => m.bareRoutes ?? []).map((r) => (
              <Route key={r.path} path={r.path} element={<RequireAuth>{r.element}</RequireAuth>} />
            ))}
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomePage />} />
              <Route path="account" element={<AccountPage />} />
              {WEB_MODULES.flatMap((m) => m.routes).map((r) => (
                <Route key={r.path} path={r.path.replace(/^\//, '')} element={r.element} />
              ))}
              <Route path="*" element={<Navigate to="/" replace />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
