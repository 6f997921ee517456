import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'antd/dist/reset.css';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { WEB_MODULES } from '../modules';
import { routePermissions } from '../modules/registry';
import { lazyPage } from '../ui/lazyPage';
import { I18nProvider, useI18n } from './i18n';
import { PageFrame } from './PageFrame';
import { RequireAuth } from './RequireAuth';
import { RequirePermission } from './RequirePermission';

// Every page is its own chunk: the login page downloads neither the shell nor any module, and a module's page
// (with its charts, editors, forms) only when it is opened.
const LoginPage = lazyPage(() => import('./LoginPage'), 'LoginPage');
const AppLayout = lazyPage(() => import('./Layout'), 'AppLayout');
const HomePage = lazyPage(() => import('./HomePage'), 'HomePage');
const AccountPage = lazyPage(() => import('./AccountPage'), 'AccountPage');

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } });

function Themed() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c41d7f', borderRadius: 6 } }}>
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route
              path="/login"
              element={
                <PageFrame fullscreen>
                  <LoginPage />
                </PageFrame>
              }
            />
            {WEB_MODULES.flatMap((m) => m.publicRoutes ?? []).map((r) => (
              <Route key={r.path} path={r.path} element={<PageFrame fullscreen>{r.element}</PageFrame>} />
            ))}
            {WEB_MODULES.flatMap((m) => (m.bareRoutes ?? []).map((r) => ({ m, r }))).map(({ m, r }) => (
              <Route
                key={r.path}
                path={r.path}
                element={
                  <RequireAuth>
                    <PageFrame fullscreen>
                      <RequirePermission anyOf={routePermissions(m, r)}>{r.element}</RequirePermission>
                    </PageFrame>
                  </RequireAuth>
                }
              />
            ))}
            <Route
              element={
                <RequireAuth>
                  <PageFrame fullscreen>
                    <AppLayout />
                  </PageFrame>
                </RequireAuth>
              }
            >
              <Route
                index
                element={
                  <PageFrame>
                    <HomePage />
                  </PageFrame>
                }
              />
              <Route
                path="account"
                element={
                  <PageFrame>
                    <AccountPage />
                  </PageFrame>
                }
              />
              {WEB_MODULES.flatMap((m) => m.routes.map((r) => ({ m, r }))).map(({ m, r }) => (
                <Route
                  key={r.path}
                  path={r.path.replace(/^\//, '')}
                  element={
                    <PageFrame>
                      <RequirePermission anyOf={routePermissions(m, r)}>{r.element}</RequirePermission>
                    </PageFrame>
                  }
                />
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
