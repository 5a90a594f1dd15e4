import { PiProvider } from '@pi-kit/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { piOptions } from './pi-options';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <PiProvider options={piOptions}>
      <App />
    </PiProvider>
  </StrictMode>,
);
