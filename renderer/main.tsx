import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installErrorReporting } from './app/error-reporting';
import './app/styles.css';
// The workspace (the command layer) is set up before any view can change anything.
import './workspace';

installErrorReporting();
const root = document.getElementById('root');
if (!root) throw new Error('The page is missing its #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
