import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminPage } from './admin/AdminPage';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    {/* Two views, no router: /admin is the shop owner's refund page, anything else the shop. */}
    {window.location.pathname === '/admin' ? <AdminPage /> : <App />}
  </StrictMode>,
);
