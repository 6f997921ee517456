import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

// A page's chunk failed to download — most often because a new version was deployed and this tab still runs the
// old one, whose hashed chunks are gone: reload once to get the new index.html. Twice within a minute means the
// server itself is failing; then the page's error boundary shows the error with its reload button instead.
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem('jinguo.chunkReloadAt') ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem('jinguo.chunkReloadAt', String(Date.now()));
  event.preventDefault();
  window.location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
